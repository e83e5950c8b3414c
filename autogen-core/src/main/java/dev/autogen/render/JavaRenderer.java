package dev.autogen.render;

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
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.Domain;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Identity;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes each Change as the {@code op.*} call that builds it again, so a migration file reads as
 * the list of its steps. Continuation lines are indented for a method body.
 */
final class JavaRenderer {

    private static final String CONTINUATION = "\n                ";

    private static final Calls CALLS = new Calls();

    private JavaRenderer() {
    }

    static String call(Change change) {
        return change.accept(CALLS);
    }

    /** True when the rendered calls name {@link Identity}, so the file must import it. */
    static boolean usesIdentity(Change change) {
        return change instanceof AlterColumnIdentity;
    }

    /** Each kind of change as the {@code op.*} call that builds it. */
    private static final class Calls implements Change.Visitor<String> {

        public String visitAlterColumnGenerated(AlterColumnGenerated c) {
            return opOnLines("alterColumnGenerated", List.of(names(c.table()), column(c.from()), column(c.to())));
        }

        public String visitSetSequenceOwner(SetSequenceOwner c) {
            return op("setSequenceOwner", names(c.sequence()), columnRef(c.from()), columnRef(c.to()));
        }

        public String visitCreateDomain(CreateDomain c) {
            return op("createDomain", domain(c.domain()));
        }

        public String visitDropDomain(DropDomain c) {
            return op("dropDomain", names(c.name()));
        }

        public String visitAlterDomain(AlterDomain c) {
            List<String> arguments = new ArrayList<>(List.of(domain(c.from()), domain(c.to())));
            c.usages().forEach(usage -> arguments.add(usage(usage)));
            return opOnLines("alterDomain", arguments);
        }

        public String visitCreateEnumType(CreateEnumType c) {
            return c.type().casts().isEmpty() ? op("createEnumType", names(c.type().name()), literals(c.type().labels()))
                    : opOnLines("createEnumType", List.of(enumType(c.type())));
        }

        public String visitDropEnumType(DropEnumType c) {
            // the casts are named so that they are dropped before the type
            return c.definition() == null || c.definition().casts().isEmpty() ? op("dropEnumType", names(c.name()))
                    : opOnLines("dropEnumType", List.of(enumType(c.definition())));
        }

        public String visitCreateCast(CreateCast c) {
            return op("createCast", cast(c.cast()));
        }

        public String visitDropCast(DropCast c) {
            return op("dropCast", cast(c.cast()));
        }

        public String visitAddEnumValue(AddEnumValue c) {
            return opOnLines("addEnumValue", List.of(enumType(c.from()), enumType(c.to())));
        }

        public String visitReplaceEnumType(ReplaceEnumType c) {
            List<String> arguments = new ArrayList<>();
            arguments.add(enumType(c.from()));
            arguments.add(enumType(c.to()));
            c.usages().forEach(usage -> arguments.add(usage(usage)));
            return opOnLines("replaceEnumType", arguments);
        }

        public String visitCreateSchema(CreateSchema c) {
            return op("createSchema", literal(c.schema()));
        }

        public String visitDropSchema(DropSchema c) {
            return op("dropSchema", literal(c.schema()));
        }

        public String visitCreateSequence(CreateSequence c) {
            return op("createSequence", sequence(c.sequence()));
        }

        public String visitAlterSequence(AlterSequence c) {
            return op("alterSequence", sequence(c.from()), sequence(c.to()));
        }

        public String visitDropSequence(DropSequence c) {
            return op("dropSequence", names(c.name()));
        }

        public String visitCreateTable(CreateTable c) {
            return createTable(c.table());
        }

        public String visitDropTable(DropTable c) {
            return op("dropTable", names(c.name()));
        }

        public String visitAddColumn(AddColumn c) {
            return op("addColumn", names(c.table()), column(c.column()));
        }

        public String visitDropColumn(DropColumn c) {
            return op("dropColumn", names(c.table()), literal(c.column()));
        }

        public String visitAlterColumnType(AlterColumnType c) {
            return c.using() == null
                    ? op("alterColumnType", names(c.table()), literal(c.column()), literal(c.fromType()), literal(c.toType()))
                    : op("alterColumnType", names(c.table()), literal(c.column()), literal(c.fromType()), literal(c.toType()),
                            literal(c.using()));
        }

        public String visitAlterColumnNullable(AlterColumnNullable c) {
            return op("alterColumnNullable", names(c.table()), literal(c.column()), String.valueOf(c.nullable()));
        }

        public String visitAlterColumnDefault(AlterColumnDefault c) {
            return op("alterColumnDefault", names(c.table()), literal(c.column()), literal(c.from()), literal(c.to()));
        }

        public String visitAlterColumnIdentity(AlterColumnIdentity c) {
            // options that are PostgreSQL's defaults on both sides need not be spelled out
            if (isDefault(c.fromOptions()) && isDefault(c.toOptions())) {
                return op("alterColumnIdentity", names(c.table()), literal(c.column()), identity(c.from()), identity(c.to()));
            }
            return opOnLines("alterColumnIdentity", List.of(names(c.table()), literal(c.column()), identity(c.from()),
                    identity(c.to()), identityOptions(c.fromOptions()), identityOptions(c.toOptions())));
        }

        public String visitAddConstraint(AddConstraint c) {
            return addConstraint(c.table(), c.constraint());
        }

        public String visitDropConstraint(DropConstraint c) {
            return op("dropConstraint", names(c.table()), literal(c.name()));
        }

        public String visitRenameColumn(RenameColumn c) {
            return op("renameColumn", names(c.table()), literal(c.from()), literal(c.to()));
        }

        public String visitRenameTable(RenameTable c) {
            return op("renameTable", names(c.table()), literal(c.to()));
        }

        public String visitRenameSequence(RenameSequence c) {
            return op("renameSequence", names(c.sequence()), literal(c.to()));
        }

        public String visitRenameConstraint(RenameConstraint c) {
            return op("renameConstraint", names(c.table()), literal(c.from()), literal(c.to()));
        }

        public String visitCreateIndex(CreateIndex c) {
            return op("createIndex", names(c.table()), index(c.index()));
        }

        public String visitDropIndex(DropIndex c) {
            return op("dropIndex", names(c.table()), literal(c.name()));
        }

        public String visitRenameIndex(RenameIndex c) {
            return op("renameIndex", names(c.table()), literal(c.from()), literal(c.to()));
        }

        public String visitSetTableComment(SetTableComment c) {
            return op("setTableComment", names(c.table()), literal(c.from()), literal(c.to()));
        }

        public String visitSetColumnComment(SetColumnComment c) {
            return op("setColumnComment", names(c.table()), literal(c.column()), literal(c.from()), literal(c.to()));
        }

        public String visitBackfill(Change.Backfill c) {
            return op("backfill", names(c.table()), literal(c.set()), literal(c.where()), String.valueOf(c.batchSize()));
        }

        public String visitExecuteSql(ExecuteSql c) {
            return c.reverseSql() == null ? op("execute", literal(c.sql())) : op("execute", literal(c.sql()), literal(c.reverseSql()));
        }
    }

    /** A call whose arguments each stand on a line of their own, for calls too long to read on one. */
    private static String opOnLines(String method, List<String> arguments) {
        return "op." + method + "(" + CONTINUATION + String.join("," + CONTINUATION, arguments) + ");";
    }

    private static String op(String method, String... arguments) {
        return "op." + method + "(" + String.join(", ", arguments) + ");";
    }

    private static String createTable(Table table) {
        List<String> elements = new ArrayList<>();
        table.columns().forEach(c -> elements.add(column(c)));
        for (Constraint constraint : table.inlineConstraints()) {
            elements.add(constraint(constraint));
        }
        String body = names(table.name()) + "," + CONTINUATION + String.join("," + CONTINUATION, elements);
        if (table.comment() == null) {
            return "op.createTable(" + body + ");";
        }
        return "op.createTable(table(" + body + ")" + CONTINUATION + ".comment(" + literal(table.comment()) + "));";
    }

    private static String addConstraint(QualifiedName table, Constraint constraint) {
        return constraint.accept(new Constraint.Visitor<>() {
            public String visitPrimaryKey(PrimaryKey pk) {
                return op("addPrimaryKey", names(table), literal(pk.name()), literals(pk.columns()));
            }

            public String visitUniqueConstraint(UniqueConstraint u) {
                return u.isNullsNotDistinct()
                        ? op("addConstraint", names(table), "unique(" + literal(u.name()) + ", " + literals(u.columns()) + ").nullsNotDistinct()")
                        : op("addUniqueConstraint", names(table), literal(u.name()), literals(u.columns()));
            }

            public String visitCheckConstraint(CheckConstraint c) {
                return op("addCheckConstraint", names(table), literal(c.name()), literal(c.expression()));
            }

            public String visitForeignKey(ForeignKey fk) {
                return op("addForeignKey", names(table), foreignKey(fk));
            }
        });
    }

    private static String constraint(Constraint constraint) {
        return constraint.accept(CONSTRAINT);
    }

    /** Each kind of table constraint as the argument of {@code op.createTable} that builds it. */
    private static final Constraint.Visitor<String> CONSTRAINT = new Constraint.Visitor<>() {
        public String visitPrimaryKey(PrimaryKey pk) {
            return "primaryKey(" + literal(pk.name()) + ", " + literals(pk.columns()) + ")";
        }

        public String visitUniqueConstraint(UniqueConstraint u) {
            return "unique(" + literal(u.name()) + ", " + literals(u.columns()) + ")" + (u.isNullsNotDistinct() ? ".nullsNotDistinct()" : "");
        }

        public String visitCheckConstraint(CheckConstraint c) {
            return "check(" + literal(c.name()) + ", " + literal(c.expression()) + ")";
        }

        public String visitForeignKey(ForeignKey fk) {
            return foreignKey(fk);
        }
    };

    private static String foreignKey(ForeignKey fk) {
        StringBuilder code = new StringBuilder("foreignKey(").append(literal(fk.name())).append(", columns(")
                .append(literals(fk.columns())).append("), ").append(names(fk.referencedTable()))
                .append(", columns(").append(literals(fk.referencedColumns())).append("))");
        if (!fk.onDelete().equals(ForeignKey.NO_ACTION)) {
            code.append(".onDelete(").append(literal(fk.onDelete())).append(')');
        }
        if (!fk.onUpdate().equals(ForeignKey.NO_ACTION)) {
            code.append(".onUpdate(").append(literal(fk.onUpdate())).append(')');
        }
        if (fk.deferrable()) {
            code.append(".deferrable(").append(fk.initiallyDeferred()).append(')');
        }
        return code.toString();
    }

    private static String column(Column column) {
        StringBuilder code = new StringBuilder("column(").append(literal(column.name())).append(", ")
                .append(literal(column.type())).append(')');
        if (!column.nullable()) {
            code.append(".notNull()");
        }
        if (column.defaultValue() != null) {
            code.append(".defaultValue(").append(literal(column.defaultValue())).append(')');
        }
        if (column.identity() == Identity.BY_DEFAULT) {
            code.append(".generatedByDefaultAsIdentity()");
        } else if (column.identity() == Identity.ALWAYS) {
            code.append(".generatedAlwaysAsIdentity()");
        }
        if (column.identityOptions() != null) {
            code.append(".identityOptions(").append(identityOptions(column.identityOptions())).append(')');
        }
        if (column.generatedAlwaysAs() != null) {
            code.append(".generatedAlwaysAs(").append(literal(column.generatedAlwaysAs())).append(')');
        }
        if (column.comment() != null) {
            code.append(".comment(").append(literal(column.comment())).append(')');
        }
        return code.toString();
    }

    private static String index(Index index) {
        StringBuilder code = new StringBuilder("index(").append(literal(index.name())).append(", ")
                .append(literals(index.keys())).append(')');
        if (index.isUnique()) {
            code.append(".unique()");
        }
        if (!index.method().equals("btree")) {
            code.append(".using(").append(literal(index.method())).append(')');
        }
        if (!index.include().isEmpty()) {
            code.append(".include(").append(literals(index.include())).append(')');
        }
        if (index.where() != null) {
            code.append(".where(").append(literal(index.where())).append(')');
        }
        if (index.isNullsNotDistinct()) {
            code.append(".nullsNotDistinct()");
        }
        return code.toString();
    }

    /** A {@code sequence(...)} chain that builds exactly {@code target}, naming only what differs from the defaults. */
    private static String sequence(Sequence target) {
        return sequenceChain("sequence(" + names(target.name()) + ")", Sequence.sequence(target.name()), target);
    }

    private static boolean isDefault(Sequence identityOptions) {
        return identityOptions == null || identityOptions.equals(Column.defaultIdentityOptions(identityOptions.type()));
    }

    private static String identityOptions(Sequence options) {
        if (options == null) {
            return "null";
        }
        return sequenceChain("identityOptions(" + literal(options.type()) + ")",
                Column.defaultIdentityOptions(options.type()), options);
    }

    private static String sequenceChain(String head, Sequence base, Sequence target) {
        StringBuilder code = new StringBuilder(head);
        Sequence built = base;
        if (!built.type().equals(target.type())) {
            built = built.as(target.type());
            code.append(".as(").append(literal(target.type())).append(')');
        }
        if (built.increment() != target.increment()) {
            built = built.incrementBy(target.increment());
            code.append(".incrementBy(").append(target.increment()).append(')');
        }
        if (built.minValue() != target.minValue()) {
            built = built.minValue(target.minValue());
            code.append(".minValue(").append(longLiteral(target.minValue())).append(')');
        }
        if (built.maxValue() != target.maxValue()) {
            built = built.maxValue(target.maxValue());
            code.append(".maxValue(").append(longLiteral(target.maxValue())).append(')');
        }
        if (built.start() != target.start()) {
            built = built.startWith(target.start());
            code.append(".startWith(").append(longLiteral(target.start())).append(')');
        }
        if (built.cache() != target.cache()) {
            built = built.cache(target.cache());
            code.append(".cache(").append(longLiteral(target.cache())).append(')');
        }
        if (target.cycles()) {
            built = built.cycle();
            code.append(".cycle()");
        }
        if (!built.equals(target)) {
            throw new IllegalStateException("sequence rendering lost an option: " + target + " became " + built);
        }
        return code.toString();
    }

    private static String domain(Domain domain) {
        StringBuilder code = new StringBuilder("domain(").append(names(domain.name())).append(", ")
                .append(literal(domain.baseType())).append(')');
        if (domain.isNotNull()) {
            code.append(".notNull()");
        }
        if (domain.defaultValue() != null) {
            code.append(".defaultValue(").append(literal(domain.defaultValue())).append(')');
        }
        for (CheckConstraint check : domain.checks()) {
            code.append(".check(").append(literal(check.name())).append(", ").append(literal(check.expression())).append(')');
        }
        return code.toString();
    }

    private static String enumType(EnumType type) {
        String code = "enumType(" + names(type.name()) + (type.labels().isEmpty() ? "" : ", " + literals(type.labels())) + ")";
        if (type.casts().isEmpty()) {
            return code;
        }
        return code + ".withCasts(" + CONTINUATION + "        "
                + type.casts().stream().map(JavaRenderer::cast).collect(Collectors.joining("," + CONTINUATION + "        ")) + ")";
    }

    private static String cast(Cast cast) {
        String code = switch (cast.method()) {
            case INOUT -> "castWithInout(" + literal(cast.source()) + ", " + literal(cast.target()) + ")";
            case BINARY -> "castWithoutFunction(" + literal(cast.source()) + ", " + literal(cast.target()) + ")";
            case FUNCTION -> "castWithFunction(" + literal(cast.source()) + ", " + literal(cast.target()) + ", "
                    + literal(cast.function()) + ")";
        };
        return code + switch (cast.context()) {
            case EXPLICIT -> "";
            case ASSIGNMENT -> ".asAssignment()";
            case IMPLICIT -> ".asImplicit()";
        };
    }

    private static String usage(TypeUsage usage) {
        return "usedBy(" + names(usage.table()) + ", " + literal(usage.column()) + ")" + (usage.array() ? ".asArray()" : "")
                + (usage.defaultValue() == null ? "" : ".withDefault(" + literal(usage.defaultValue()) + ")");
    }

    private static String columnRef(ColumnRef ref) {
        return ref == null ? "null" : "columnOf(" + names(ref.table()) + ", " + literal(ref.column()) + ")";
    }

    private static String identity(Identity identity) {
        return identity == null ? "null" : "Identity." + identity.name();
    }

    private static String names(QualifiedName name) {
        return literal(name.schema()) + ", " + literal(name.name());
    }

    private static String literals(List<String> values) {
        return values.stream().map(JavaRenderer::literal).collect(Collectors.joining(", "));
    }

    private static String longLiteral(long value) {
        return value == Long.MIN_VALUE ? "Long.MIN_VALUE" : value == Long.MAX_VALUE ? "Long.MAX_VALUE"
                : value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? value + "L" : String.valueOf(value);
    }

    static String literal(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
