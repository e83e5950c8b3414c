package dev.autogen.change;

import dev.autogen.schema.Cast;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.ForeignKey;
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

    /** One line for people: what the step does. */
    String describe();

    /** What a reviewer must know before running this step, if anything. */
    default Optional<Hazard> hazard() {
        return Optional.empty();
    }

    record CreateSchema(String schema) implements Change {
        public Change reverse() { return new DropSchema(schema); }
        public String describe() { return "create schema " + schema; }
    }

    record DropSchema(String schema) implements Change {
        public Change reverse() { return new CreateSchema(schema); }
        public String describe() { return "drop schema " + schema; }
    }

    /** Creates a sequence with its options; who owns it is set by {@link SetSequenceOwner} once the column exists. */
    record CreateSequence(Sequence sequence) implements Change {
        public CreateSequence {
            sequence = sequence.options();
        }
        public Change reverse() { return new DropSequence(sequence.name(), sequence); }
        public String describe() { return "create sequence " + sequence.name(); }
    }

    record DropSequence(QualifiedName name, Sequence definition) implements Change {
        public DropSequence {
            definition = definition == null ? null : definition.options();
        }
        public Change reverse() { return new CreateSequence(require(definition, this)); }
        public String describe() { return "drop sequence " + name; }
    }

    record AlterSequence(Sequence from, Sequence to) implements Change {
        public AlterSequence {
            from = from.options();
            to = to.options();
        }
        public Change reverse() { return new AlterSequence(to, from); }
        public String describe() { return "alter sequence " + to.name(); }
        public Optional<Hazard> hazard() {
            if (to.minValue() > from.minValue() || to.maxValue() < from.maxValue()) {
                return Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "narrows the bounds of " + to.name()
                        + " to [" + to.minValue() + ", " + to.maxValue() + "]: fails if its current value is outside them"));
            }
            return Optional.empty();
        }
    }

    /** Ties a sequence to a column, so that dropping the column drops the sequence; null owner means none. */
    record SetSequenceOwner(QualifiedName sequence, ColumnRef from, ColumnRef to) implements Change {
        public Change reverse() { return new SetSequenceOwner(sequence, to, from); }
        public String describe() {
            return "sequence " + sequence + (to == null ? " owned by nothing" : " owned by " + to);
        }
    }

    /** Creates an enum type and the casts from and to it. */
    record CreateEnumType(EnumType type) implements Change {
        public Change reverse() { return new DropEnumType(type.name(), type); }
        public String describe() { return "create enum type " + type.name() + " " + type.labels() + describeCasts(type); }
    }

    /** Drops an enum type, and first the casts from and to it that its definition names. */
    record DropEnumType(QualifiedName name, EnumType definition) implements Change {
        public Change reverse() { return new CreateEnumType(require(definition, this)); }
        public String describe() {
            return "drop enum type " + name + (definition == null ? "" : " " + definition.labels() + describeCasts(definition));
        }
    }

    /** Creates a cast between two types, one of them an enum type of the schema. */
    record CreateCast(Cast cast) implements Change {
        public Change reverse() { return new DropCast(cast); }
        public String describe() { return "create " + describeCast(cast); }
    }

    record DropCast(Cast cast) implements Change {
        public Change reverse() { return new CreateCast(cast); }
        public String describe() { return "drop " + describeCast(cast); }
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
        public String describe() { return "add value '" + value() + "' to enum type " + to.name(); }
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
        public String describe() { return "re-create enum type " + to.name() + " as " + to.labels(); }
        public Optional<Hazard> hazard() {
            List<String> removed = from.labels().stream().filter(l -> !to.labels().contains(l)).toList();
            if (removed.isEmpty() || usages.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "removes " + removed + " from " + to.name()
                    + ": fails if a row of " + usages.stream().map(u -> u.table() + "." + u.column()).toList() + " holds one"));
        }
    }

    record CreateDomain(Domain domain) implements Change {
        public Change reverse() { return new DropDomain(domain.name(), domain); }
        public String describe() { return "create domain " + domain.name() + " as " + domain.baseType(); }
    }

    record DropDomain(QualifiedName name, Domain definition) implements Change {
        public Change reverse() { return new CreateDomain(require(definition, this)); }
        public String describe() { return "drop domain " + name; }
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
        public String describe() { return "alter domain " + to.name(); }
        public Optional<Hazard> hazard() {
            if (!from.baseType().equals(to.baseType())) {
                return Optional.of(new Hazard(Hazard.Kind.MAY_LOSE_DATA, "changes the base type of " + to.name() + " from "
                        + from.baseType() + " to " + to.baseType() + ": values that do not cast make it fail"));
            }
            boolean newRule = to.isNotNull() && !from.isNotNull() || to.checks().stream().anyMatch(c -> !from.checks().contains(c));
            return newRule ? Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "adds a rule to " + to.name()
                    + ": fails if a value stored in a column of that domain breaks it")) : Optional.empty();
        }
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
        public String describe() { return "create table " + table.name(); }
    }

    record DropTable(QualifiedName name, Table definition) implements Change {
        public Change reverse() { return new CreateTable(require(definition, this)); }
        public String describe() { return "drop table " + name; }
        public Optional<Hazard> hazard() {
            return Optional.of(new Hazard(Hazard.Kind.DATA_LOSS, "drops table " + name + " and all its rows"));
        }
    }

    record AddColumn(QualifiedName table, Column column) implements Change {
        public Change reverse() { return new DropColumn(table, column.name(), column); }
        public String describe() { return "add column " + table + "." + column.name(); }
        public Optional<Hazard> hazard() {
            if (!column.nullable() && column.defaultValue() == null && column.identity() == null) {
                return Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS,
                        "adds NOT NULL column " + table + "." + column.name() + " without a default: fails if the table has rows"));
            }
            return Optional.empty();
        }
    }

    record DropColumn(QualifiedName table, String column, Column definition) implements Change {
        public Change reverse() { return new AddColumn(table, require(definition, this)); }
        public String describe() { return "drop column " + table + "." + column; }
        public Optional<Hazard> hazard() {
            if (definition != null && definition.generatedAs() != null) {
                return Optional.empty();
            }
            return Optional.of(new Hazard(Hazard.Kind.DATA_LOSS, "drops column " + table + "." + column + " and its data"));
        }
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
        /** True when the types are of different families, so the change needs an explicit cast. */
        public boolean converts() {
            return TypeWidening.compare(fromType, toType) == TypeWidening.Result.CONVERTS;
        }
        public String describe() {
            return "alter column " + table + "." + column + " type " + fromType + " -> " + toType;
        }
        public Optional<Hazard> hazard() {
            return switch (TypeWidening.compare(fromType, toType)) {
                case WIDENS -> Optional.empty();
                case NARROWS -> Optional.of(new Hazard(Hazard.Kind.MAY_LOSE_DATA,
                        "narrows " + table + "." + column + " from " + fromType + " to " + toType
                                + ": values that do not fit make it fail"));
                case CONVERTS -> Optional.of(new Hazard(Hazard.Kind.MAY_LOSE_DATA,
                        "converts " + table + "." + column + " from " + fromType + " to " + toType
                                + ": values that do not cast make it fail, and the table is rewritten under an exclusive lock"));
            };
        }
    }

    record AlterColumnNullable(QualifiedName table, String column, boolean nullable) implements Change {
        public Change reverse() { return new AlterColumnNullable(table, column, !nullable); }
        public String describe() {
            return "alter column " + table + "." + column + (nullable ? " drop not null" : " set not null");
        }
        public Optional<Hazard> hazard() {
            return nullable ? Optional.empty() : Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS,
                    "makes " + table + "." + column + " NOT NULL: fails if any row holds NULL there"));
        }
    }

    /** Sets ({@code to} not null) or drops ({@code to} null) a column default. */
    record AlterColumnDefault(QualifiedName table, String column, String from, String to) implements Change {
        public Change reverse() { return new AlterColumnDefault(table, column, to, from); }
        public String describe() {
            return "alter column " + table + "." + column + (to == null ? " drop default" : " set default " + to);
        }
    }

    /**
     * Makes a column generated, changes its expression, or makes it plain. In place where
     * PostgreSQL can ({@code SET EXPRESSION}, PostgreSQL 17; {@code DROP EXPRESSION} keeps the
     * values); a plain column becomes generated by being dropped and added again as {@code to}.
     */
    record AlterColumnGenerated(QualifiedName table, Column from, Column to) implements Change {
        public Change reverse() { return new AlterColumnGenerated(table, to, from); }
        public String describe() {
            return "alter column " + table + "." + to.name()
                    + (to.generatedAs() == null ? " drop expression" : " generated always as (" + to.generatedAs() + ")");
        }
        public Optional<Hazard> hazard() {
            return from.generatedAs() == null ? Optional.of(new Hazard(Hazard.Kind.DATA_LOSS, "replaces the values of "
                    + table + "." + to.name() + " with computed ones: the column is dropped and added again")) : Optional.empty();
        }
    }

    /** Adds, drops or changes how an identity column generates values; null means no identity. */
    record AlterColumnIdentity(QualifiedName table, String column, Identity from, Identity to, Sequence fromOptions,
                               Sequence toOptions) implements Change {
        public AlterColumnIdentity(QualifiedName table, String column, Identity from, Identity to) {
            this(table, column, from, to, null, null);
        }
        public Change reverse() { return new AlterColumnIdentity(table, column, to, from, toOptions, fromOptions); }
        public String describe() {
            return "alter column " + table + "." + column
                    + (to == null ? " drop identity" : " generated " + to.sql() + " as identity");
        }
    }

    record AddConstraint(QualifiedName table, Constraint constraint) implements Change {
        public Change reverse() { return new DropConstraint(table, constraint.name(), constraint); }
        public String describe() {
            return "add " + constraint.kind() + " " + constraint.name() + " on " + table + describeTarget(constraint);
        }
    }

    record DropConstraint(QualifiedName table, String name, Constraint definition) implements Change {
        public Change reverse() { return new AddConstraint(table, require(definition, this)); }
        public String describe() {
            String kind = definition == null ? "constraint" : definition.kind();
            return "drop " + kind + " " + name + " on " + table + describeTarget(definition);
        }
    }

    record RenameConstraint(QualifiedName table, String from, String to) implements Change {
        public Change reverse() { return new RenameConstraint(table, to, from); }
        public String describe() { return "rename constraint " + from + " on " + table + " to " + to; }
    }

    record CreateIndex(QualifiedName table, Index index) implements Change {
        public Change reverse() { return new DropIndex(table, index.name(), index); }
        public String describe() {
            return "create " + (index.isUnique() ? "unique " : "") + "index " + index.name() + " on " + table
                    + " (" + String.join(", ", index.keys()) + ")";
        }
    }

    record DropIndex(QualifiedName table, String name, Index definition) implements Change {
        public Change reverse() { return new CreateIndex(table, require(definition, this)); }
        public String describe() { return "drop index " + name + " on " + table; }
    }

    record RenameIndex(QualifiedName table, String from, String to) implements Change {
        public Change reverse() { return new RenameIndex(table, to, from); }
        public String describe() { return "rename index " + from + " on " + table + " to " + to; }
    }

    record SetTableComment(QualifiedName table, String from, String to) implements Change {
        public Change reverse() { return new SetTableComment(table, to, from); }
        public String describe() { return (to == null ? "drop comment on table " : "comment on table ") + table; }
    }

    record SetColumnComment(QualifiedName table, String column, String from, String to) implements Change {
        public Change reverse() { return new SetColumnComment(table, column, to, from); }
        public String describe() {
            return (to == null ? "drop comment on column " : "comment on column ") + table + "." + column;
        }
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
        public String describe() { return "execute " + sql; }
    }

    private static String describeCasts(EnumType type) {
        return type.casts().isEmpty() ? ""
                : " with " + type.casts().stream().map(Change::describeCast).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String describeCast(Cast cast) {
        return cast + switch (cast.method()) {
            case INOUT -> " with inout";
            case BINARY -> " without function";
            case FUNCTION -> " with function " + cast.function();
        } + switch (cast.context()) {
            case EXPLICIT -> "";
            case ASSIGNMENT -> " as assignment";
            case IMPLICIT -> " as implicit";
        };
    }

    private static String describeTarget(Constraint constraint) {
        return constraint instanceof ForeignKey fk ? " -> " + fk.referencedTable() : "";
    }

    private static <T> T require(T definition, Change change) {
        if (definition == null) {
            throw new IllegalStateException("'" + change.describe() + "' was given without the definition its reverse needs");
        }
        return definition;
    }
}
