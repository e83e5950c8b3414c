package dev.autogen.change;

import dev.autogen.schema.UniqueConstraint;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.Constraint;
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

import java.util.List;
import java.util.Optional;

/** What a reviewer must know before running each kind of change ({@link Change#hazard()}). */
final class Hazards implements Change.Visitor<Optional<Hazard>> {

    static final Hazards INSTANCE = new Hazards();

    private Hazards() {
    }

    public Optional<Hazard> visitCreateSchema(CreateSchema c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitDropSchema(DropSchema c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitCreateSequence(CreateSequence c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitDropSequence(DropSequence c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitAlterSequence(AlterSequence c) {
        if (c.to().minValue() > c.from().minValue() || c.to().maxValue() < c.from().maxValue()) {
            return Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "narrows the bounds of " + c.to().name()
                    + " to [" + c.to().minValue() + ", " + c.to().maxValue() + "]: fails if its current value is outside them"));
        }
        return Optional.empty();
    }

    public Optional<Hazard> visitSetSequenceOwner(SetSequenceOwner c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitCreateEnumType(CreateEnumType c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitDropEnumType(DropEnumType c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitCreateCast(CreateCast c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitDropCast(DropCast c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitAddEnumValue(AddEnumValue c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitReplaceEnumType(ReplaceEnumType c) {
        List<String> removed = c.from().labels().stream().filter(l -> !c.to().labels().contains(l)).toList();
        if (removed.isEmpty() || c.usages().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "removes " + removed + " from " + c.to().name()
                + ": fails if a row of " + c.usages().stream().map(u -> u.table() + "." + u.column()).toList() + " holds one"));
    }

    public Optional<Hazard> visitCreateDomain(CreateDomain c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitDropDomain(DropDomain c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitAlterDomain(AlterDomain c) {
        if (!c.from().baseType().equals(c.to().baseType())) {
            return Optional.of(new Hazard(Hazard.Kind.MAY_LOSE_DATA, "changes the base type of " + c.to().name() + " from "
                    + c.from().baseType() + " to " + c.to().baseType() + ": values that do not cast make it fail"));
        }
        boolean newRule = c.to().isNotNull() && !c.from().isNotNull()
                || c.to().checks().stream().anyMatch(check -> !c.from().checks().contains(check));
        return newRule ? Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "adds a rule to " + c.to().name()
                + ": fails if a value stored in a column of that domain breaks it")) : Optional.empty();
    }

    public Optional<Hazard> visitCreateTable(CreateTable c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitDropTable(DropTable c) {
        return Optional.of(new Hazard(Hazard.Kind.DATA_LOSS, "drops table " + c.name() + " and all its rows"));
    }

    public Optional<Hazard> visitAddColumn(AddColumn c) {
        if (!c.column().nullable() && c.column().defaultValue() == null && c.column().identity() == null) {
            return Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "adds NOT NULL column " + c.table() + "."
                    + c.column().name() + " without a default: fails if the table has rows"));
        }
        return Optional.empty();
    }

    public Optional<Hazard> visitDropColumn(DropColumn c) {
        if (c.definition() != null && c.definition().generatedAlwaysAs() != null) {
            return Optional.empty();
        }
        return Optional.of(new Hazard(Hazard.Kind.DATA_LOSS, "drops column " + c.table() + "." + c.column() + " and its data"));
    }

    public Optional<Hazard> visitRenameColumn(RenameColumn c) {
        return Optional.of(breaksOldName("column " + c.table() + "." + c.from(), c.to(), c.from(), "the data stays"));
    }

    public Optional<Hazard> visitRenameTable(RenameTable c) {
        return Optional.of(breaksOldName("table " + c.table(), c.to(), c.table().name(), "the data stays"));
    }

    public Optional<Hazard> visitRenameSequence(RenameSequence c) {
        return Optional.of(breaksOldName("sequence " + c.sequence(), c.to(), c.sequence().name(), "it goes on from its value"));
    }

    private static Hazard breaksOldName(String what, String to, String from, String kept) {
        return new Hazard(Hazard.Kind.BREAKS_OLD_NAME, "renames " + what + " to " + to + ": " + kept + ", but code and SQL"
                + " still using " + from + " fail once this runs; deploy the code that uses " + to + " with it");
    }

    public Optional<Hazard> visitAlterColumnType(AlterColumnType c) {
        return switch (TypeWidening.compare(c.fromType(), c.toType())) {
            case WIDENS -> Optional.empty();
            case NARROWS -> Optional.of(new Hazard(Hazard.Kind.MAY_LOSE_DATA,
                    "narrows " + c.table() + "." + c.column() + " from " + c.fromType() + " to " + c.toType()
                            + ": values that do not fit make it fail"));
            case CONVERTS -> Optional.of(new Hazard(Hazard.Kind.MAY_LOSE_DATA,
                    "converts " + c.table() + "." + c.column() + " from " + c.fromType() + " to " + c.toType()
                            + ": values that do not cast make it fail, and the table is rewritten under an exclusive lock"));
        };
    }

    public Optional<Hazard> visitAlterColumnNullable(AlterColumnNullable c) {
        return c.nullable() ? Optional.empty() : Optional.of(new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS,
                "makes " + c.table() + "." + c.column() + " NOT NULL: fails if any row holds NULL there"));
    }

    public Optional<Hazard> visitAlterColumnDefault(AlterColumnDefault c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitAlterColumnGenerated(AlterColumnGenerated c) {
        return c.from().generatedAlwaysAs() == null ? Optional.of(new Hazard(Hazard.Kind.DATA_LOSS, "replaces the values of "
                + c.table() + "." + c.to().name() + " with computed ones: the column is dropped and added again")) : Optional.empty();
    }

    public Optional<Hazard> visitAlterColumnIdentity(AlterColumnIdentity c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitAddConstraint(AddConstraint c) {
        if (c.replaced() == null || !isReordering(c.replaced(), c.constraint())) {
            return Optional.of(failsOnRows(c));
        }
        return Optional.of(new Hazard(Hazard.Kind.LOCKS_TABLE, "reorders the columns of " + c.constraint().kind() + " "
                + c.constraint().name() + " on " + c.table() + ", " + Descriptions.constraint(c.replaced()) + " -> "
                + Descriptions.constraint(c.constraint()) + ": its index is rebuilt under an ACCESS EXCLUSIVE lock, and reads"
                + " and writes of " + c.table() + " wait until it is built"));
    }

    /** True when a key keeps its kind and its columns, and only their order changes. */
    private static boolean isReordering(Constraint from, Constraint to) {
        List<String> a = from instanceof PrimaryKey pk ? pk.columns() : from instanceof UniqueConstraint u ? u.columns() : null;
        List<String> b = to instanceof PrimaryKey pk ? pk.columns() : to instanceof UniqueConstraint u ? u.columns() : null;
        return a != null && b != null && from.kind().equals(to.kind()) && !a.equals(b) && a.size() == b.size()
                && new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b));
    }

    /** The rows already there are checked as a constraint is added, in a downgrade that puts one back too. */
    private static Hazard failsOnRows(AddConstraint c) {
        String rule = c.constraint().accept(new dev.autogen.schema.Constraint.Visitor<String>() {
            public String visitPrimaryKey(dev.autogen.schema.PrimaryKey pk) {
                return "a row holds NULL in " + pk.columns() + " or two rows hold the same values there";
            }

            public String visitUniqueConstraint(dev.autogen.schema.UniqueConstraint unique) {
                return "two rows hold the same values in " + unique.columns();
            }

            public String visitCheckConstraint(dev.autogen.schema.CheckConstraint check) {
                return "a row breaks " + check.expression();
            }

            public String visitForeignKey(dev.autogen.schema.ForeignKey fk) {
                return "a row's " + fk.columns() + " has no match in " + fk.referencedTable();
            }
        });
        return new Hazard(Hazard.Kind.FAILS_ON_EXISTING_ROWS, "adds " + c.constraint().kind() + " "
                + c.constraint().name() + " to " + c.table() + ": fails if " + rule);
    }

    public Optional<Hazard> visitDropConstraint(DropConstraint c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitRenameConstraint(RenameConstraint c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitCreateIndex(CreateIndex c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitDropIndex(DropIndex c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitRenameIndex(RenameIndex c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitSetTableComment(SetTableComment c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitSetColumnComment(SetColumnComment c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitExecuteSql(ExecuteSql c) {
        return Optional.empty();
    }

    public Optional<Hazard> visitBackfill(Change.Backfill c) {
        return Optional.empty();
    }
}
