package dev.autogen.change;

import dev.autogen.schema.Cast;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.Identity;
import dev.autogen.schema.Index;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a migration. The diff emits these, a migration's {@code op.*} calls build the same
 * values, and the SQL writer turns them into statements. Every change knows its reverse, which is
 * how downgrades are written: the reversed list of reversed changes.
 *
 * <p>A drop carries the definition of what it drops when it is known (always, when the diff made
 * it); without it the drop has no reverse.
 */
public sealed interface Change {

    /** The change that undoes this one. */
    Change reverse();

    /** The changes that undo {@code changes}: the reversed list of reversed changes. */
    static java.util.List<Change> inverseOf(java.util.List<Change> changes) {
        java.util.List<Change> result = new java.util.ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            result.add(changes.get(i).reverse());
        }
        return java.util.List.copyOf(result);
    }

    /** Hands this change to the visitor's method for its kind. */
    <R> R accept(Visitor<R> visitor);

    /** One line for people: what the step does. */
    default String describe() {
        return accept(Descriptions.INSTANCE);
    }

    /** What a reviewer must know before running this step, if anything. */
    default Optional<Hazard> hazard() {
        return accept(Hazards.INSTANCE);
    }

    /**
     * The tables this step locks while it runs, in which mode, and whether it rewrites, scans or only
     * changes the catalog; empty for hand-written SQL, which autogen does not read.
     */
    default Optional<List<TableImpact>> tableImpacts() {
        return accept(LockAnalysis.INSTANCE);
    }

    /**
     * Whatever handles every kind of change implements this, so that a new kind is a compile error
     * wherever it must be handled (Alembic keys its renderers and SQL implementations by operation class).
     */
    interface Visitor<R> {
        R visitCreateSchema(CreateSchema change);

        R visitDropSchema(DropSchema change);

        R visitCreateSequence(CreateSequence change);

        R visitDropSequence(DropSequence change);

        R visitAlterSequence(AlterSequence change);

        R visitSetSequenceOwner(SetSequenceOwner change);

        R visitCreateEnumType(CreateEnumType change);

        R visitDropEnumType(DropEnumType change);

        R visitCreateCast(CreateCast change);

        R visitDropCast(DropCast change);

        R visitAddEnumValue(AddEnumValue change);

        R visitReplaceEnumType(ReplaceEnumType change);

        R visitCreateDomain(CreateDomain change);

        R visitDropDomain(DropDomain change);

        R visitAlterDomain(AlterDomain change);

        R visitCreateTable(CreateTable change);

        R visitDropTable(DropTable change);

        R visitAddColumn(AddColumn change);

        R visitDropColumn(DropColumn change);

        R visitRenameColumn(RenameColumn change);

        R visitRenameTable(RenameTable change);

        R visitRenameSequence(RenameSequence change);

        R visitAlterColumnType(AlterColumnType change);

        R visitAlterColumnNullable(AlterColumnNullable change);

        R visitAlterColumnDefault(AlterColumnDefault change);

        R visitAlterColumnGenerated(AlterColumnGenerated change);

        R visitAlterColumnIdentity(AlterColumnIdentity change);

        R visitAddConstraint(AddConstraint change);

        R visitDropConstraint(DropConstraint change);

        R visitRenameConstraint(RenameConstraint change);

        R visitCreateIndex(CreateIndex change);

        R visitDropIndex(DropIndex change);

        R visitRenameIndex(RenameIndex change);

        R visitSetTableComment(SetTableComment change);

        R visitSetColumnComment(SetColumnComment change);

        R visitExecuteSql(ExecuteSql change);

        R visitBackfill(Backfill change);
    }

    record CreateSchema(String schema) implements Change {
        public Change reverse() { return new DropSchema(schema); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitCreateSchema(this); }
    }

    record DropSchema(String schema) implements Change {
        public Change reverse() { return new CreateSchema(schema); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropSchema(this); }
    }

    /** Creates a sequence with its options; who owns it is set by {@link SetSequenceOwner} once the column exists. */
    record CreateSequence(Sequence sequence) implements Change {
        public CreateSequence {
            sequence = sequence.options();
        }
        public Change reverse() { return new DropSequence(sequence.name(), sequence); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitCreateSequence(this); }
    }

    record DropSequence(QualifiedName name, Sequence definition) implements Change {
        public DropSequence {
            definition = definition == null ? null : definition.options();
        }
        public Change reverse() { return new CreateSequence(require(definition, this)); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropSequence(this); }
    }

    record AlterSequence(Sequence from, Sequence to) implements Change {
        public AlterSequence {
            from = from.options();
            to = to.options();
        }
        public Change reverse() { return new AlterSequence(to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAlterSequence(this); }
    }

    /** Ties a sequence to a column, so that dropping the column drops the sequence; null owner means none. */
    record SetSequenceOwner(QualifiedName sequence, ColumnRef from, ColumnRef to) implements Change {
        public Change reverse() { return new SetSequenceOwner(sequence, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitSetSequenceOwner(this); }
    }

    /** Creates an enum type and the casts from and to it. */
    record CreateEnumType(EnumType type) implements Change {
        public Change reverse() { return new DropEnumType(type.name(), type); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitCreateEnumType(this); }
    }

    /** Drops an enum type, and first the casts from and to it that its definition names. */
    record DropEnumType(QualifiedName name, EnumType definition) implements Change {
        public Change reverse() { return new CreateEnumType(require(definition, this)); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropEnumType(this); }
    }

    /** Creates a cast between two types, one of them an enum type of the schema. */
    record CreateCast(Cast cast) implements Change {
        public Change reverse() { return new DropCast(cast); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitCreateCast(this); }
    }

    record DropCast(Cast cast) implements Change {
        public Change reverse() { return new CreateCast(cast); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropCast(this); }
    }

    /**
     * Adds one label to an enum type ({@code to} is {@code from} with it). PostgreSQL cannot take a
     * label out again, so the reverse re-creates the type and casts the columns that use it.
     */
    record AddEnumValue(EnumType from, EnumType to, List<TypeUsage> usages) implements Change {
        public AddEnumValue {
            usages = List.copyOf(usages);
            if (to.labels().size() != from.labels().size() + 1) {
                throw new IllegalArgumentException("AddEnumValue adds exactly one label: " + from + " -> " + to);
            }
        }
        public String value() {
            return to.labels().stream().filter(l -> !from.labels().contains(l)).findFirst().orElseThrow();
        }
        public Change reverse() { return new ReplaceEnumType(to, from, usages); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAddEnumValue(this); }
    }

    /**
     * Re-creates an enum type with other labels or another order, and casts every column that uses
     * it through text; rows holding a label that goes away make it fail.
     */
    record ReplaceEnumType(EnumType from, EnumType to, List<TypeUsage> usages) implements Change {
        public ReplaceEnumType {
            usages = List.copyOf(usages);
        }
        public Change reverse() { return new ReplaceEnumType(to, from, usages); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitReplaceEnumType(this); }
    }

    record CreateDomain(Domain domain) implements Change {
        public Change reverse() { return new DropDomain(domain.name(), domain); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitCreateDomain(this); }
    }

    record DropDomain(QualifiedName name, Domain definition) implements Change {
        public Change reverse() { return new CreateDomain(require(definition, this)); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropDomain(this); }
    }

    /**
     * Changes a domain's default, NOT NULL and checks in place; a new base type re-creates the domain
     * and casts every column that uses it.
     */
    record AlterDomain(Domain from, Domain to, List<TypeUsage> usages) implements Change {
        public AlterDomain {
            usages = List.copyOf(usages);
        }
        public Change reverse() { return new AlterDomain(to, from, usages); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAlterDomain(this); }
    }

    /** A column whose type is an enum type or a domain (or an array of one), with the default it has. */
    record TypeUsage(QualifiedName table, String column, boolean array, String defaultValue) {
        public TypeUsage asArray() {
            return new TypeUsage(table, column, true, defaultValue);
        }

        public TypeUsage withDefault(String defaultValue) {
            return new TypeUsage(table, column, array, defaultValue);
        }
    }

    /** Creates a table with its columns, primary key, unique and check constraints. */
    record CreateTable(Table table) implements Change {
        public CreateTable {
            table = table.withoutForeignKeysAndIndexes();
        }
        public Change reverse() { return new DropTable(table.name(), table); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitCreateTable(this); }
    }

    record DropTable(QualifiedName name, Table definition) implements Change {
        public Change reverse() { return new CreateTable(require(definition, this)); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropTable(this); }
    }

    record AddColumn(QualifiedName table, Column column) implements Change {
        public Change reverse() { return new DropColumn(table, column.name(), column); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAddColumn(this); }
    }

    record DropColumn(QualifiedName table, String column, Column definition) implements Change {
        public Change reverse() { return new AddColumn(table, require(definition, this)); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropColumn(this); }
    }

    /**
     * Renames a column: its values stay, and the indexes, constraints and views that use it follow it.
     * Code still using the old name fails once it runs.
     */
    record RenameColumn(QualifiedName table, String from, String to) implements Change {
        public Change reverse() { return new RenameColumn(table, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitRenameColumn(this); }
    }

    /**
     * Renames a table within its schema: its rows stay, foreign keys pointing at it follow it, and its
     * constraints, indexes and sequences keep their names (renamed by steps of their own when they change).
     */
    record RenameTable(QualifiedName table, String to) implements Change {
        /** The table's name once renamed. */
        public QualifiedName renamed() {
            return new QualifiedName(table.schema(), to);
        }
        public Change reverse() { return new RenameTable(renamed(), table.name()); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitRenameTable(this); }
    }

    /** Renames a sequence within its schema; it goes on from the value it has. */
    record RenameSequence(QualifiedName sequence, String to) implements Change {
        public QualifiedName renamed() {
            return new QualifiedName(sequence.schema(), to);
        }
        public Change reverse() { return new RenameSequence(renamed(), sequence.name()); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitRenameSequence(this); }
    }

    /**
     * Changes a column's type. {@code using} is the expression that converts each value (as in
     * {@code ALTER COLUMN ... TYPE ... USING}), or null to let autogen cast the column.
     */
    record AlterColumnType(QualifiedName table, String column, String fromType, String toType, String using) implements Change {
        public AlterColumnType(QualifiedName table, String column, String fromType, String toType) {
            this(table, column, fromType, toType, null);
        }
        public Change reverse() { return new AlterColumnType(table, column, toType, fromType); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAlterColumnType(this); }
        /** True when the types are of different families, so the change needs an explicit cast. */
        public boolean converts() {
            return TypeWidening.compare(fromType, toType) == TypeWidening.Result.CONVERTS;
        }
    }

    record AlterColumnNullable(QualifiedName table, String column, boolean nullable) implements Change {
        public Change reverse() { return new AlterColumnNullable(table, column, !nullable); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAlterColumnNullable(this); }
    }

    /** Sets ({@code to} not null) or drops ({@code to} null) a column default. */
    record AlterColumnDefault(QualifiedName table, String column, String from, String to) implements Change {
        public Change reverse() { return new AlterColumnDefault(table, column, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAlterColumnDefault(this); }
    }

    /**
     * Makes a column generated, changes its expression, or makes it plain. In place where
     * PostgreSQL can ({@code SET EXPRESSION}, PostgreSQL 17; {@code DROP EXPRESSION} keeps the
     * values); a plain column becomes generated by being dropped and added again as {@code to}.
     */
    record AlterColumnGenerated(QualifiedName table, Column from, Column to) implements Change {
        public Change reverse() { return new AlterColumnGenerated(table, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAlterColumnGenerated(this); }
    }

    /** Adds, drops or changes how an identity column generates values; null means no identity. */
    record AlterColumnIdentity(QualifiedName table, String column, Identity from, Identity to, Sequence fromOptions,
                               Sequence toOptions) implements Change {
        public AlterColumnIdentity(QualifiedName table, String column, Identity from, Identity to) {
            this(table, column, from, to, null, null);
        }
        public Change reverse() { return new AlterColumnIdentity(table, column, to, from, toOptions, fromOptions); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAlterColumnIdentity(this); }
    }

    /**
     * Adds a constraint; {@code replaced} is the constraint of the same name it takes the place of
     * (dropped by a {@link DropConstraint} before it), or null.
     */
    record AddConstraint(QualifiedName table, Constraint constraint, Constraint replaced) implements Change {
        public AddConstraint(QualifiedName table, Constraint constraint) {
            this(table, constraint, null);
        }
        public Change reverse() { return new DropConstraint(table, constraint.name(), constraint, replaced); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitAddConstraint(this); }
    }

    /**
     * Drops a constraint; {@code replacement} is the constraint of the same name an {@link AddConstraint}
     * puts in its place afterwards, or null.
     */
    record DropConstraint(QualifiedName table, String name, Constraint definition, Constraint replacement) implements Change {
        public DropConstraint(QualifiedName table, String name, Constraint definition) {
            this(table, name, definition, null);
        }
        public Change reverse() { return new AddConstraint(table, require(definition, this), replacement); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropConstraint(this); }
    }

    record RenameConstraint(QualifiedName table, String from, String to) implements Change {
        public Change reverse() { return new RenameConstraint(table, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitRenameConstraint(this); }
    }

    /** Creates an index; {@code replaced} is the index of the same name it takes the place of, or null. */
    record CreateIndex(QualifiedName table, Index index, Index replaced) implements Change {
        public CreateIndex(QualifiedName table, Index index) {
            this(table, index, null);
        }
        public Change reverse() { return new DropIndex(table, index.name(), index, replaced); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitCreateIndex(this); }
    }

    /** Drops an index; {@code replacement} is the index of the same name created in its place afterwards, or null. */
    record DropIndex(QualifiedName table, String name, Index definition, Index replacement) implements Change {
        public DropIndex(QualifiedName table, String name, Index definition) {
            this(table, name, definition, null);
        }
        public Change reverse() { return new CreateIndex(table, require(definition, this), replacement); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitDropIndex(this); }
    }

    record RenameIndex(QualifiedName table, String from, String to) implements Change {
        public Change reverse() { return new RenameIndex(table, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitRenameIndex(this); }
    }

    record SetTableComment(QualifiedName table, String from, String to) implements Change {
        public Change reverse() { return new SetTableComment(table, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitSetTableComment(this); }
    }

    record SetColumnComment(QualifiedName table, String column, String from, String to) implements Change {
        public Change reverse() { return new SetColumnComment(table, column, to, from); }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitSetColumnComment(this); }
    }

    /**
     * Fills the existing rows of a table: {@code set} is an UPDATE's SET list ({@code "status = 'NEW'"}) for the rows
     * {@code where} selects, which must no longer select a row once it is filled ({@code "status IS NULL"}): that is what
     * makes it restartable. The online form sends it in batches of {@code batchSize} rows, each committed on its own,
     * outside the migration's transactions; the plain form as one UPDATE. It has no reverse: the rows keep what it set
     * (the downgrade of the usual recipe drops the column).
     */
    record Backfill(QualifiedName table, String set, String where, int batchSize) implements Change {
        public Backfill {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(where, "where");
            if (batchSize < 1) {
                throw new IllegalArgumentException("a backfill's batch size is 1 or more: " + batchSize);
            }
        }
        public Change reverse() {
            throw new IllegalStateException("backfill of " + table + " has no reverse: the rows keep what it set");
        }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitBackfill(this); }
    }

    /** Hand-written SQL in a migration; its reverse is the SQL given for the other direction, if any. */
    record ExecuteSql(String sql, String reverseSql) implements Change {
        public ExecuteSql {
            Objects.requireNonNull(sql, "sql");
        }
        public Change reverse() {
            if (reverseSql == null) {
                throw new IllegalStateException("execute(\"" + sql + "\") has no reverse SQL");
            }
            return new ExecuteSql(reverseSql, sql);
        }
        public <R> R accept(Visitor<R> visitor) { return visitor.visitExecuteSql(this); }
    }

    private static <T> T require(T definition, Change change) {
        if (definition == null) {
            throw new IllegalStateException("'" + change.describe() + "' was given without the definition its reverse needs");
        }
        return definition;
    }
}
