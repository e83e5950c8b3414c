package dev.autogen.diff;

import dev.autogen.change.Change;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Table;
import dev.autogen.schema.WrittenText;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The changes the diff found, with each expression written as its author wrote it rather than as
 * PostgreSQL prints it: what brings an object of the target into being in the target's text
 * (Hibernate's), and what a change takes away from the current side (and its reverse, the
 * downgrade, puts back) in the current side's text (the migrations that made it). Only text that is
 * exactly that side's print of that object is replaced, so what the changes mean does not move.
 */
public final class AsWritten {

    /** One side of the comparison: its schema as the diff compared it, and the text its author wrote. */
    private record Side(Schema schema, WrittenText written) {

        CheckConstraint check(QualifiedName table, CheckConstraint check) {
            Table mine = schema.tables().get(table);
            String text = written.check(table, check.name());
            return text != null && mine != null && mine.checks().contains(check) ? new CheckConstraint(check.name(), text) : check;
        }

        Constraint constraint(QualifiedName table, Constraint constraint) {
            return constraint instanceof CheckConstraint check ? check(table, check) : constraint;
        }

        Column column(QualifiedName table, Column column) {
            Column spelled = column;
            if (column.defaultValue() != null) {
                spelled = spelled.defaultValue(text(table, column.name(), column.defaultValue(), Column::defaultValue,
                        written.defaults()));
            }
            if (column.generatedAlwaysAs() != null) {
                spelled = spelled.generatedAlwaysAs(text(table, column.name(), column.generatedAlwaysAs(),
                        Column::generatedAlwaysAs, written.generated()));
            }
            return spelled;
        }

        Table table(Table table) {
            return new Table(table.name(), table.columns().stream().map(column -> column(table.name(), column)).toList(),
                    table.primaryKey(), table.uniqueConstraints(),
                    table.checks().stream().map(check -> check(table.name(), check)).toList(),
                    table.foreignKeys(), table.indexes(), table.comment());
        }

        String text(QualifiedName table, String column, String printed, Function<Column, String> part,
                    Map<ColumnRef, String> texts) {
            if (printed == null) {
                return null;
            }
            String text = texts.get(new ColumnRef(table, column));
            Table mine = schema.tables().get(table);
            boolean isMine = mine != null && mine.column(column).map(part).filter(p -> Objects.equals(p, printed)).isPresent();
            return text != null && isMine ? text : printed;
        }
    }

    private final Side current;
    private final Side target;

    private AsWritten(Side current, Side target) {
        this.current = current;
        this.target = target;
    }

    /** @param target the schema the diff compared against, as PostgreSQL prints it */
    public static List<Change> spell(List<Change> changes, Schema target, WrittenText written) {
        return spell(changes, Schema.of(java.util.Set.of(), List.of(), List.of()), WrittenText.NONE, target, written);
    }

    /**
     * @param current        the schema the diff compared from, as PostgreSQL prints it
     * @param currentWritten the current side's expressions as the migrations that made it wrote them
     * @param target         the schema the diff compared against, as PostgreSQL prints it
     * @param targetWritten  the target's expressions as Hibernate wrote them
     */
    public static List<Change> spell(List<Change> changes, Schema current, WrittenText currentWritten, Schema target,
                                     WrittenText targetWritten) {
        if (currentWritten.equals(WrittenText.NONE) && targetWritten.equals(WrittenText.NONE)) {
            return changes;
        }
        AsWritten spelling = new AsWritten(new Side(current, currentWritten), new Side(target, targetWritten));
        return changes.stream().map(spelling::spell).toList();
    }

    private Change spell(Change change) {
        if (change instanceof Change.CreateTable c) {
            return new Change.CreateTable(target.table(c.table()));
        }
        if (change instanceof Change.DropTable c && c.definition() != null) {
            return new Change.DropTable(c.name(), current.table(c.definition()));
        }
        if (change instanceof Change.AddColumn c) {
            return new Change.AddColumn(c.table(), target.column(c.table(), c.column()));
        }
        if (change instanceof Change.DropColumn c && c.definition() != null) {
            return new Change.DropColumn(c.table(), c.column(), current.column(c.table(), c.definition()));
        }
        if (change instanceof Change.AddConstraint c) {
            return new Change.AddConstraint(c.table(), target.constraint(c.table(), c.constraint()),
                    c.replaced() == null ? null : current.constraint(c.table(), c.replaced()));
        }
        if (change instanceof Change.DropConstraint c && c.definition() != null) {
            return new Change.DropConstraint(c.table(), c.name(), current.constraint(c.table(), c.definition()),
                    c.replacement() == null ? null : target.constraint(c.table(), c.replacement()));
        }
        if (change instanceof Change.AlterColumnDefault c) {
            return new Change.AlterColumnDefault(c.table(), c.column(),
                    current.text(c.table(), c.column(), c.from(), Column::defaultValue, current.written().defaults()),
                    target.text(c.table(), c.column(), c.to(), Column::defaultValue, target.written().defaults()));
        }
        if (change instanceof Change.AlterColumnGenerated c) {
            return new Change.AlterColumnGenerated(c.table(), current.column(c.table(), c.from()), target.column(c.table(), c.to()));
        }
        return change;
    }
}
