package dev.autogen.change;

import dev.autogen.change.Change.AddColumn;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AddEnumValue;
import dev.autogen.change.Change.AlterColumnDefault;
import dev.autogen.change.Change.AlterColumnGenerated;
import dev.autogen.change.Change.AlterColumnIdentity;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.AlterColumnType;
import dev.autogen.change.Change.AlterDomain;
import dev.autogen.change.Change.AlterSequence;
import dev.autogen.change.Change.CreateCast;
import dev.autogen.change.Change.CreateDomain;
import dev.autogen.change.Change.CreateEnumType;
import dev.autogen.change.Change.CreateIndex;
import dev.autogen.change.Change.CreateSchema;
import dev.autogen.change.Change.CreateSequence;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.change.Change.DropCast;
import dev.autogen.change.Change.DropColumn;
import dev.autogen.change.Change.DropConstraint;
import dev.autogen.change.Change.DropDomain;
import dev.autogen.change.Change.DropEnumType;
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
import dev.autogen.change.Change.ReplaceEnumType;
import dev.autogen.change.Change.SetColumnComment;
import dev.autogen.change.Change.SetSequenceOwner;
import dev.autogen.change.Change.SetTableComment;
import dev.autogen.schema.Cast;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.Index;
import dev.autogen.schema.UniqueConstraint;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.ForeignKey;

import java.util.Locale;
import java.util.stream.Collectors;

/** One line for people per change: what the step does ({@link Change#describe()}). */
final class Descriptions implements Change.Visitor<String> {

    static final Descriptions INSTANCE = new Descriptions();

    private Descriptions() {
    }

    public String visitCreateSchema(CreateSchema c) {
        return "create schema " + c.schema();
    }

    public String visitDropSchema(DropSchema c) {
        return "drop schema " + c.schema();
    }

    public String visitCreateSequence(CreateSequence c) {
        return "create sequence " + c.sequence().name();
    }

    public String visitDropSequence(DropSequence c) {
        return "drop sequence " + c.name();
    }

    public String visitAlterSequence(AlterSequence c) {
        return "alter sequence " + c.to().name();
    }

    public String visitSetSequenceOwner(SetSequenceOwner c) {
        return "sequence " + c.sequence() + (c.to() == null ? " owned by nothing" : " owned by " + c.to());
    }

    public String visitCreateEnumType(CreateEnumType c) {
        return "create enum type " + c.type().name() + " " + c.type().labels() + casts(c.type());
    }

    public String visitDropEnumType(DropEnumType c) {
        return "drop enum type " + c.name() + (c.definition() == null ? "" : " " + c.definition().labels() + casts(c.definition()));
    }

    public String visitCreateCast(CreateCast c) {
        return "create " + cast(c.cast());
    }

    public String visitDropCast(DropCast c) {
        return "drop " + cast(c.cast());
    }

    public String visitAddEnumValue(AddEnumValue c) {
        return "add value '" + c.value() + "' to enum type " + c.to().name();
    }

    public String visitReplaceEnumType(ReplaceEnumType c) {
        return "re-create enum type " + c.to().name() + " as " + c.to().labels();
    }

    public String visitCreateDomain(CreateDomain c) {
        return "create domain " + c.domain().name() + " as " + c.domain().baseType();
    }

    public String visitDropDomain(DropDomain c) {
        return "drop domain " + c.name();
    }

    public String visitAlterDomain(AlterDomain c) {
        return "alter domain " + c.to().name();
    }

    public String visitCreateTable(CreateTable c) {
        return "create table " + c.table().name();
    }

    public String visitDropTable(DropTable c) {
        return "drop table " + c.name();
    }

    public String visitAddColumn(AddColumn c) {
        return "add column " + c.table() + "." + c.column().name();
    }

    public String visitDropColumn(DropColumn c) {
        return "drop column " + c.table() + "." + c.column();
    }

    public String visitAlterColumnType(AlterColumnType c) {
        return "alter column " + c.table() + "." + c.column() + " type " + c.fromType() + " -> " + c.toType();
    }

    public String visitAlterColumnNullable(AlterColumnNullable c) {
        return "alter column " + c.table() + "." + c.column() + (c.nullable() ? " drop not null" : " set not null");
    }

    public String visitAlterColumnDefault(AlterColumnDefault c) {
        return "alter column " + c.table() + "." + c.column() + (c.to() == null ? " drop default" : " set default " + c.to());
    }

    public String visitAlterColumnGenerated(AlterColumnGenerated c) {
        return "alter column " + c.table() + "." + c.to().name()
                + (c.to().generatedAlwaysAs() == null ? " drop expression" : " generated always as (" + c.to().generatedAlwaysAs() + ")");
    }

    public String visitAlterColumnIdentity(AlterColumnIdentity c) {
        return "alter column " + c.table() + "." + c.column()
                + (c.to() == null ? " drop identity" : " generated " + c.to().sql() + " as identity");
    }

    public String visitAddConstraint(AddConstraint c) {
        Constraint constraint = c.constraint();
        if (c.replaced() != null) {
            return constraint.kind() + " " + constraint.name() + " on " + c.table() + ": " + change(c.replaced(), constraint);
        }
        return "add " + constraint.kind() + " " + constraint.name() + " on " + c.table() + " " + constraint(constraint);
    }

    public String visitDropConstraint(DropConstraint c) {
        String kind = c.definition() == null ? "constraint" : c.definition().kind();
        return "drop " + kind + " " + c.name() + " on " + c.table() + (c.definition() == null ? "" : " " + constraint(c.definition()))
                + (c.replacement() == null ? "" : ", added again as " + constraint(c.replacement()));
    }

    public String visitRenameColumn(RenameColumn c) {
        return "rename column " + c.table() + "." + c.from() + " to " + c.to();
    }

    public String visitRenameTable(RenameTable c) {
        return "rename table " + c.table() + " to " + c.to();
    }

    public String visitRenameSequence(RenameSequence c) {
        return "rename sequence " + c.sequence() + " to " + c.to();
    }

    public String visitRenameConstraint(RenameConstraint c) {
        return "rename constraint " + c.from() + " on " + c.table() + " to " + c.to();
    }

    public String visitCreateIndex(CreateIndex c) {
        if (c.replaced() != null) {
            return "index " + c.index().name() + " on " + c.table() + ": " + index(c.replaced()) + " -> " + index(c.index());
        }
        return "create index " + c.index().name() + " on " + c.table() + " " + index(c.index());
    }

    public String visitDropIndex(DropIndex c) {
        return "drop index " + c.name() + " on " + c.table() + (c.definition() == null ? "" : " " + index(c.definition()))
                + (c.replacement() == null ? "" : ", created again as " + index(c.replacement()));
    }

    public String visitRenameIndex(RenameIndex c) {
        return "rename index " + c.from() + " on " + c.table() + " to " + c.to();
    }

    public String visitSetTableComment(SetTableComment c) {
        return (c.to() == null ? "drop comment on table " : "comment on table ") + c.table();
    }

    public String visitSetColumnComment(SetColumnComment c) {
        return (c.to() == null ? "drop comment on column " : "comment on column ") + c.table() + "." + c.column();
    }

    public String visitExecuteSql(ExecuteSql c) {
        return "execute " + c.sql();
    }

    public String visitBackfill(Change.Backfill c) {
        return "fills " + c.table() + " where " + c.where() + ": " + c.set() + ", " + c.batchSize() + " rows at a time";
    }

    private static String casts(EnumType type) {
        return type.casts().isEmpty() ? ""
                : " with " + type.casts().stream().map(Descriptions::cast).collect(Collectors.joining(", "));
    }

    private static String cast(Cast cast) {
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

    /** What a constraint holds: its columns, its expression, what it references and its actions. */
    static String constraint(Constraint constraint) {
        if (constraint instanceof PrimaryKey pk) {
            return "(" + String.join(", ", pk.columns()) + ")";
        }
        if (constraint instanceof UniqueConstraint u) {
            return "(" + String.join(", ", u.columns()) + ")" + (u.isNullsNotDistinct() ? " nulls not distinct" : "");
        }
        if (constraint instanceof CheckConstraint c) {
            return "check (" + c.expression() + ")";
        }
        ForeignKey fk = (ForeignKey) constraint;
        return "-> " + fk.referencedTable() + ": (" + String.join(", ", fk.columns()) + ") -> ("
                + String.join(", ", fk.referencedColumns()) + ")" + actions(fk);
    }

    private static String actions(ForeignKey fk) {
        return " on update " + fk.onUpdate().toLowerCase(Locale.ROOT) + " on delete " + fk.onDelete().toLowerCase(Locale.ROOT)
                + (fk.deferrable() ? " deferrable initially " + (fk.initiallyDeferred() ? "deferred" : "immediate") : "");
    }

    /** Old and new of a constraint that keeps its name, saying only what differs where that reads better. */
    private static String change(Constraint from, Constraint to) {
        if (from instanceof PrimaryKey a && to instanceof PrimaryKey b) {
            return "columns " + constraint(a) + " -> " + constraint(b);
        }
        if (from instanceof UniqueConstraint a && to instanceof UniqueConstraint b && a.isNullsNotDistinct() == b.isNullsNotDistinct()) {
            return "columns " + constraint(a) + " -> " + constraint(b);
        }
        if (from instanceof CheckConstraint a && to instanceof CheckConstraint b) {
            return "check (" + a.expression() + ") -> (" + b.expression() + ")";
        }
        if (from instanceof ForeignKey a && to instanceof ForeignKey b
                && a.withName(null).onDelete(b.onDelete()).onUpdate(b.onUpdate()).equals(b.withName(null))) {
            return "actions" + actions(a) + " ->" + actions(b);
        }
        return from.kind() + " " + constraint(from) + " -> " + to.kind() + " " + constraint(to);
    }

    private static String index(Index index) {
        return (index.isUnique() ? "unique " : "") + (index.method().equals("btree") ? "" : "using " + index.method() + " ")
                + "(" + String.join(", ", index.keys()) + ")"
                + (index.include().isEmpty() ? "" : " include (" + String.join(", ", index.include()) + ")")
                + (index.isNullsNotDistinct() ? " nulls not distinct" : "")
                + (index.where() == null ? "" : " where " + index.where());
    }
}
