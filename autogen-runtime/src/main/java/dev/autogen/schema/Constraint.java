package dev.autogen.schema;

/** A table constraint, compared by what it means; its name is compared separately. */
public sealed interface Constraint extends TableElement
        permits PrimaryKey, UniqueConstraint, CheckConstraint, ForeignKey {

    /** The same constraint under another name. */
    Constraint withName(String name);

    /** True when both constraints mean the same thing, whatever their names. */
    boolean sameMeaning(Constraint other);

    /** A word for messages: "primary key", "unique constraint", ... */
    String kind();

    /** Hands this constraint to the visitor's method for its kind. */
    <R> R accept(Visitor<R> visitor);

    /** Whatever handles every kind of constraint implements this, so that a new kind is a compile error there. */
    interface Visitor<R> {
        R visitPrimaryKey(PrimaryKey constraint);

        R visitUniqueConstraint(UniqueConstraint constraint);

        R visitCheckConstraint(CheckConstraint constraint);

        R visitForeignKey(ForeignKey constraint);
    }
}
