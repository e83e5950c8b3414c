package dev.autogen.sql;

import dev.autogen.change.Change;
import dev.autogen.change.Change.AddColumn;
import dev.autogen.change.Change.AddEnumValue;
import dev.autogen.change.Change.AlterDomain;
import dev.autogen.change.Change.CreateDomain;
import dev.autogen.change.Change.DropDomain;
import dev.autogen.change.Change.AlterColumnGenerated;
import dev.autogen.change.Change.CreateCast;
import dev.autogen.change.Change.CreateEnumType;
import dev.autogen.change.Change.DropCast;
import dev.autogen.change.Change.DropEnumType;
import dev.autogen.change.Change.TypeUsage;
import dev.autogen.change.Change.ReplaceEnumType;
import dev.autogen.change.Change.SetSequenceOwner;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AlterColumnDefault;
import dev.autogen.change.Change.AlterColumnIdentity;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.AlterColumnType;
import dev.autogen.change.Change.AlterSequence;
import dev.autogen.change.Change.CreateIndex;
import dev.autogen.change.Change.CreateSchema;
import dev.autogen.change.Change.CreateSequence;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.change.Change.DropColumn;
import dev.autogen.change.Change.DropConstraint;
import dev.autogen.change.Change.DropIndex;
import dev.autogen.change.Change.DropSchema;
import dev.autogen.change.Change.DropSequence;
import dev.autogen.change.Change.DropTable;
import dev.autogen.change.Change.ExecuteSql;
import dev.autogen.change.Change.RenameConstraint;
import dev.autogen.change.Change.RenameColumn;
import dev.autogen.change.Change.RenameSequence;
import dev.autogen.change.Change.RenameTable;
import dev.autogen.change.Change.RenameIndex;
import dev.autogen.change.Change.SetColumnComment;
import dev.autogen.change.Change.SetTableComment;
import dev.autogen.schema.Cast;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static dev.autogen.sql.Identifiers.literal;
import static dev.autogen.sql.Identifiers.quote;
import static dev.autogen.sql.Identifiers.quoteAll;

/** The one place that writes PostgreSQL DDL: each Change becomes one or more statements. */
public final class PostgresSql {

    private static final Statements STATEMENTS = new Statements();

    private PostgresSql() {
    }

    public static List<String> statements(Change change) {
        return change.accept(STATEMENTS);
    }

    public static List<String> statements(List<Change> changes) {
        List<String> result = new ArrayList<>();
        changes.forEach(c -> result.addAll(statements(c)));
        return result;
    }

    /** Each kind of change as the statements that make it. */
    private static final class Statements implements Change.Visitor<List<String>> {

        public List<String> visitAlterColumnGenerated(AlterColumnGenerated c) {
            if (c.from().generatedAlwaysAs() == null) {
                List<String> result = new ArrayList<>();
                result.add(alterTable(c.table()) + "DROP COLUMN " + quote(c.from().name()));
                result.addAll(addColumn(c.table(), c.to()));
                return result;
            }
            return List.of(alterColumn(c.table(), c.to().name())
                    + (c.to().generatedAlwaysAs() == null ? "DROP EXPRESSION" : "SET EXPRESSION AS (" + c.to().generatedAlwaysAs() + ")"));
        }

        public List<String> visitSetSequenceOwner(SetSequenceOwner c) {
            return List.of("ALTER SEQUENCE " + quote(c.sequence()) + " OWNED BY "
                    + (c.to() == null ? "NONE" : quote(c.to().table()) + "." + quote(c.to().column())));
        }

        public List<String> visitCreateDomain(CreateDomain c) {
            return List.of(createDomain(c.domain()));
        }

        public List<String> visitDropDomain(DropDomain c) {
            return List.of("DROP DOMAIN " + quote(c.name()));
        }

        public List<String> visitAlterDomain(AlterDomain c) {
            return alterDomain(c);
        }

        public List<String> visitCreateEnumType(CreateEnumType c) {
            return createEnumType(c.type());
        }

        public List<String> visitDropEnumType(DropEnumType c) {
            List<String> result = new ArrayList<>();
            // a cast depends on its types: DROP TYPE refuses while one exists, and CASCADE would take columns too
            if (c.definition() != null) {
                c.definition().casts().forEach(cast -> result.add(dropCast(cast)));
            }
            result.add("DROP TYPE " + quote(c.name()));
            return result;
        }

        public List<String> visitCreateCast(CreateCast c) {
            return List.of(createCast(c.cast()));
        }

        public List<String> visitDropCast(DropCast c) {
            return List.of(dropCast(c.cast()));
        }

        public List<String> visitAddEnumValue(AddEnumValue c) {
            return List.of(addEnumValue(c));
        }

        public List<String> visitReplaceEnumType(ReplaceEnumType c) {
            return replaceEnumType(c);
        }

        public List<String> visitCreateSchema(CreateSchema c) {
            return List.of("CREATE SCHEMA " + quote(c.schema()));
        }

        public List<String> visitDropSchema(DropSchema c) {
            return List.of("DROP SCHEMA " + quote(c.schema()));
        }

        public List<String> visitCreateSequence(CreateSequence c) {
            return List.of(createSequence(c.sequence()));
        }

        public List<String> visitDropSequence(DropSequence c) {
            return List.of("DROP SEQUENCE " + quote(c.name()));
        }

        public List<String> visitAlterSequence(AlterSequence c) {
            return List.of(alterSequence(c.from(), c.to()));
        }

        public List<String> visitCreateTable(CreateTable c) {
            return createTable(c.table());
        }

        public List<String> visitDropTable(DropTable c) {
            return List.of("DROP TABLE " + quote(c.name()));
        }

        public List<String> visitAddColumn(AddColumn c) {
            return addColumn(c.table(), c.column());
        }

        public List<String> visitDropColumn(DropColumn c) {
            return List.of(alterTable(c.table()) + "DROP COLUMN " + quote(c.column()));
        }

        public List<String> visitRenameColumn(RenameColumn c) {
            return List.of(alterTable(c.table()) + "RENAME COLUMN " + quote(c.from()) + " TO " + quote(c.to()));
        }

        public List<String> visitRenameTable(RenameTable c) {
            return List.of(alterTable(c.table()) + "RENAME TO " + quote(c.to()));
        }

        public List<String> visitRenameSequence(RenameSequence c) {
            return List.of("ALTER SEQUENCE " + quote(c.sequence()) + " RENAME TO " + quote(c.to()));
        }

        public List<String> visitAlterColumnType(AlterColumnType c) {
            // an explicit cast would silently cut a narrowed varchar; the implicit assignment cast fails instead
            return List.of(alterColumn(c.table(), c.column()) + "TYPE " + c.toType()
                    + (c.using() != null ? " USING " + c.using()
                    : c.converts() ? " USING " + quote(c.column()) + "::" + c.toType() : ""));
        }

        public List<String> visitAlterColumnNullable(AlterColumnNullable c) {
            return List.of(alterColumn(c.table(), c.column()) + (c.nullable() ? "DROP NOT NULL" : "SET NOT NULL"));
        }

        public List<String> visitAlterColumnDefault(AlterColumnDefault c) {
            return List.of(alterColumn(c.table(), c.column()) + (c.to() == null ? "DROP DEFAULT" : "SET DEFAULT " + c.to()));
        }

        public List<String> visitAlterColumnIdentity(AlterColumnIdentity c) {
            return List.of(alterColumn(c.table(), c.column()) + identityClause(c));
        }

        public List<String> visitAddConstraint(AddConstraint c) {
            return List.of(alterTable(c.table()) + "ADD " + constraint(c.constraint()));
        }

        public List<String> visitDropConstraint(DropConstraint c) {
            return List.of(alterTable(c.table()) + "DROP CONSTRAINT " + quote(c.name()));
        }

        public List<String> visitRenameConstraint(RenameConstraint c) {
            return List.of(alterTable(c.table()) + "RENAME CONSTRAINT " + quote(c.from()) + " TO " + quote(c.to()));
        }

        public List<String> visitCreateIndex(CreateIndex c) {
            return List.of(createIndex(c.table(), c.index()));
        }

        public List<String> visitDropIndex(DropIndex c) {
            return List.of("DROP INDEX " + quote(new QualifiedName(c.table().schema(), c.name())));
        }

        public List<String> visitRenameIndex(RenameIndex c) {
            return List.of("ALTER INDEX " + quote(new QualifiedName(c.table().schema(), c.from())) + " RENAME TO " + quote(c.to()));
        }

        public List<String> visitSetTableComment(SetTableComment c) {
            return List.of("COMMENT ON TABLE " + quote(c.table()) + " IS " + commentText(c.to()));
        }

        public List<String> visitSetColumnComment(SetColumnComment c) {
            return List.of(columnComment(c.table(), c.column(), c.to()));
        }

        public List<String> visitExecuteSql(ExecuteSql c) {
            return List.of(c.sql());
        }

        public List<String> visitBackfill(Change.Backfill c) {
            return List.of("UPDATE " + quote(c.table()) + " SET " + c.set() + " WHERE " + c.where());
        }
    }

    private static List<String> createEnumType(EnumType type) {
        List<String> result = new ArrayList<>();
        result.add("CREATE TYPE " + quote(type.name()) + " AS ENUM ("
                + type.labels().stream().map(Identifiers::literal).collect(Collectors.joining(", ")) + ")");
        type.casts().forEach(cast -> result.add(createCast(cast)));
        return result;
    }

    private static String createCast(Cast cast) {
        return "CREATE CAST (" + cast.source() + " AS " + cast.target() + ") " + switch (cast.method()) {
            case INOUT -> "WITH INOUT";
            case BINARY -> "WITHOUT FUNCTION";
            case FUNCTION -> "WITH FUNCTION " + cast.function();
        } + switch (cast.context()) {
            case EXPLICIT -> "";
            case ASSIGNMENT -> " AS ASSIGNMENT";
            case IMPLICIT -> " AS IMPLICIT";
        };
    }

    private static String dropCast(Cast cast) {
        return "DROP CAST (" + cast.source() + " AS " + cast.target() + ")";
    }

    // IF NOT EXISTS: the label is added outside the migration's transaction, so a re-run must not fail on it
    private static String addEnumValue(AddEnumValue change) {
        List<String> labels = change.to().labels();
        int at = labels.indexOf(change.value());
        String position = at + 1 < labels.size() ? " BEFORE " + literal(labels.get(at + 1))
                : at > 0 ? " AFTER " + literal(labels.get(at - 1)) : "";
        return "ALTER TYPE " + quote(change.to().name()) + " ADD VALUE IF NOT EXISTS " + literal(change.value()) + position;
    }

    // the casts follow the old type through its rename and are dropped there; the new type gets its own
    private static List<String> replaceEnumType(ReplaceEnumType change) {
        QualifiedName name = change.to().name();
        String oldName = quote(new QualifiedName(name.schema(), name.name() + "_old"));
        List<String> create = new ArrayList<>();
        change.from().casts().forEach(cast -> create.add(dropCast(cast.retyped(quote(change.from().name()), oldName))));
        create.addAll(createEnumType(change.to()));
        return replaceType(name, "TYPE", create, "text", change.usages());
    }

    /**
     * Re-creates a type under its own name: the old one is renamed, the new one created, every column
     * that uses it cast through {@code via}, and the old one dropped.
     */
    private static List<String> replaceType(QualifiedName name, String kind, List<String> create, String via,
                                            List<TypeUsage> usages) {
        QualifiedName old = new QualifiedName(name.schema(), name.name() + "_old");
        List<String> result = new ArrayList<>();
        result.add("ALTER " + kind + " " + quote(name) + " RENAME TO " + quote(old.name()));
        result.addAll(create);
        for (TypeUsage usage : usages) {
            String column = alterColumn(usage.table(), usage.column());
            String array = usage.array() ? "[]" : "";
            String type = quote(name) + array;
            if (usage.defaultValue() != null) {
                result.add(column + "DROP DEFAULT");
            }
            result.add(column + "TYPE " + type + " USING " + quote(usage.column()) + "::" + via + array + "::" + type);
            if (usage.defaultValue() != null) {
                result.add(column + "SET DEFAULT " + usage.defaultValue());
            }
        }
        result.add("DROP " + kind + " " + quote(old));
        return result;
    }

    private static String createDomain(Domain domain) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(quote(domain.name())).append(" AS ").append(domain.baseType());
        if (domain.defaultValue() != null) {
            sql.append(" DEFAULT ").append(domain.defaultValue());
        }
        if (domain.isNotNull()) {
            sql.append(" NOT NULL");
        }
        for (CheckConstraint check : domain.checks()) {
            sql.append(" CONSTRAINT ").append(quote(check.name())).append(" CHECK (").append(check.expression()).append(')');
        }
        return sql.toString();
    }

    private static List<String> alterDomain(AlterDomain change) {
        Domain from = change.from();
        Domain to = change.to();
        boolean newRule = to.isNotNull() && !from.isNotNull() || to.checks().stream().anyMatch(c -> !from.checks().contains(c));
        // PostgreSQL cannot check a new rule against values inside arrays of the domain: such a domain is re-created
        boolean arrays = change.usages().stream().anyMatch(TypeUsage::array);
        if (!from.baseType().equals(to.baseType()) || newRule && arrays) {
            return replaceType(to.name(), "DOMAIN", List.of(createDomain(to)), to.baseType(), change.usages());
        }
        String alter = "ALTER DOMAIN " + quote(to.name()) + " ";
        List<String> result = new ArrayList<>();
        for (CheckConstraint check : from.checks()) {
            if (!to.checks().contains(check)) {
                result.add(alter + "DROP CONSTRAINT " + quote(check.name()));
            }
        }
        if (!java.util.Objects.equals(from.defaultValue(), to.defaultValue())) {
            result.add(alter + (to.defaultValue() == null ? "DROP DEFAULT" : "SET DEFAULT " + to.defaultValue()));
        }
        if (from.isNotNull() != to.isNotNull()) {
            result.add(alter + (to.isNotNull() ? "SET NOT NULL" : "DROP NOT NULL"));
        }
        for (CheckConstraint check : to.checks()) {
            if (!from.checks().contains(check)) {
                result.add(alter + "ADD CONSTRAINT " + quote(check.name()) + " CHECK (" + check.expression() + ")");
            }
        }
        return result;
    }

    private static List<String> createTable(Table table) {
        List<String> elements = new ArrayList<>();
        table.columns().forEach(c -> elements.add(columnDefinition(c)));
        table.inlineConstraints().forEach(c -> elements.add(constraint(c)));
        List<String> result = new ArrayList<>();
        result.add("CREATE TABLE " + quote(table.name()) + " (" + String.join(", ", elements) + ")");
        if (table.comment() != null) {
            result.add("COMMENT ON TABLE " + quote(table.name()) + " IS " + commentText(table.comment()));
        }
        for (Column column : table.columns()) {
            if (column.comment() != null) {
                result.add(columnComment(table.name(), column.name(), column.comment()));
            }
        }
        return result;
    }

    private static List<String> addColumn(QualifiedName table, Column column) {
        List<String> result = new ArrayList<>();
        result.add(alterTable(table) + "ADD COLUMN " + columnDefinition(column));
        if (column.comment() != null) {
            result.add(columnComment(table, column.name(), column.comment()));
        }
        return result;
    }

    private static String columnDefinition(Column column) {
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(column.type());
        if (column.identity() != null) {
            sql.append(" GENERATED ").append(column.identity().sql()).append(" AS IDENTITY")
                    .append(identityOptions(column.identityOptions()));
        }
        if (column.generatedAlwaysAs() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(column.generatedAlwaysAs()).append(") STORED");
        }
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(column.defaultValue());
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    private static String identityClause(AlterColumnIdentity change) {
        if (change.to() == null) {
            return "DROP IDENTITY";
        }
        if (change.from() == null) {
            return "ADD GENERATED " + change.to().sql() + " AS IDENTITY" + identityOptions(change.toOptions());
        }
        List<String> clauses = new ArrayList<>();
        if (change.from() != change.to()) {
            clauses.add("SET GENERATED " + change.to().sql());
        }
        Sequence options = change.toOptions();
        if (options != null && !options.equals(change.fromOptions())) {
            clauses.add("SET INCREMENT BY " + options.increment() + " SET MINVALUE " + options.minValue() + " SET MAXVALUE "
                    + options.maxValue() + " SET START WITH " + options.start() + " SET CACHE " + options.cache()
                    + (options.cycles() ? " SET CYCLE" : " SET NO CYCLE"));
        }
        return String.join(" ", clauses);
    }

    private static String identityOptions(Sequence options) {
        return options == null ? "" : " (" + sequenceOptions(options, true).strip() + ")";
    }

    static String constraint(Constraint constraint) {
        return "CONSTRAINT " + quote(constraint.name()) + " " + constraint.accept(CONSTRAINT_BODY);
    }

    /** What follows {@code CONSTRAINT name} for each kind of table constraint. */
    private static final Constraint.Visitor<String> CONSTRAINT_BODY = new Constraint.Visitor<>() {
        public String visitPrimaryKey(PrimaryKey pk) {
            return "PRIMARY KEY (" + quoteAll(pk.columns()) + ")";
        }

        public String visitUniqueConstraint(UniqueConstraint u) {
            return "UNIQUE " + (u.isNullsNotDistinct() ? "NULLS NOT DISTINCT " : "") + "(" + quoteAll(u.columns()) + ")";
        }

        public String visitCheckConstraint(CheckConstraint c) {
            return "CHECK (" + c.expression() + ")";
        }

        public String visitForeignKey(ForeignKey fk) {
            return foreignKey(fk);
        }
    };

    private static String foreignKey(ForeignKey fk) {
        StringBuilder sql = new StringBuilder("FOREIGN KEY (").append(quoteAll(fk.columns())).append(") REFERENCES ")
                .append(quote(fk.referencedTable())).append(" (").append(quoteAll(fk.referencedColumns())).append(')');
        if (!fk.onUpdate().equals(ForeignKey.NO_ACTION)) {
            sql.append(" ON UPDATE ").append(fk.onUpdate());
        }
        if (!fk.onDelete().equals(ForeignKey.NO_ACTION)) {
            sql.append(" ON DELETE ").append(fk.onDelete());
        }
        if (fk.deferrable()) {
            sql.append(" DEFERRABLE INITIALLY ").append(fk.initiallyDeferred() ? "DEFERRED" : "IMMEDIATE");
        }
        return sql.toString();
    }

    private static String createIndex(QualifiedName table, Index index) {
        return createIndex(table, index, false);
    }

    static String createIndex(QualifiedName table, Index index, boolean concurrently) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.isUnique()) {
            sql.append("UNIQUE ");
        }
        sql.append(concurrently ? "INDEX CONCURRENTLY " : "INDEX ").append(quote(index.name())).append(" ON ").append(quote(table))
                .append(" USING ").append(index.method())
                .append(" (").append(String.join(", ", index.keys())).append(')');
        if (!index.include().isEmpty()) {
            sql.append(" INCLUDE (").append(quoteAll(index.include())).append(')');
        }
        if (index.isNullsNotDistinct()) {
            sql.append(" NULLS NOT DISTINCT");
        }
        if (index.where() != null) {
            sql.append(" WHERE ").append(index.where());
        }
        return sql.toString();
    }

    private static String createSequence(Sequence s) {
        return "CREATE SEQUENCE " + quote(s.name()) + " AS " + s.type() + sequenceOptions(s, true);
    }

    private static String alterSequence(Sequence from, Sequence to) {
        return "ALTER SEQUENCE " + quote(to.name()) + " AS " + to.type() + sequenceOptions(to, true);
    }

    private static String sequenceOptions(Sequence s, boolean withStart) {
        return " INCREMENT BY " + s.increment() + " MINVALUE " + s.minValue() + " MAXVALUE " + s.maxValue()
                + (withStart ? " START WITH " + s.start() : "") + " CACHE " + s.cache() + (s.cycles() ? " CYCLE" : " NO CYCLE");
    }

    private static String columnComment(QualifiedName table, String column, String comment) {
        return "COMMENT ON COLUMN " + quote(table) + "." + quote(column) + " IS " + commentText(comment);
    }

    private static String commentText(String comment) {
        return comment == null ? "NULL" : literal(comment);
    }

    static String alterTable(QualifiedName table) {
        return "ALTER TABLE " + quote(table) + " ";
    }

    static String alterColumn(QualifiedName table, String column) {
        return alterTable(table) + "ALTER COLUMN " + quote(column) + " ";
    }
}
