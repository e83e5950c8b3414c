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
}
