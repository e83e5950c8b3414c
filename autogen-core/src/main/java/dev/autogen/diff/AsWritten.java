package dev.autogen.diff;

import dev.autogen.change.Change;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Table;
import dev.autogen.schema.WrittenText;

import java.util.List;
import java.util.Objects;

/**
 * The changes the diff found, with each expression that brings an object of the target into being
 * written as the target's author wrote it rather than as PostgreSQL prints it. Only text that is
 * exactly the target's print of that object is replaced, so what the changes mean does not move.
 */
public final class AsWritten {

    private final Schema target;
    private final WrittenText written;

    private AsWritten(Schema target, WrittenText written) {
        this.target = target;
        this.written = written;
    }

    /** @param target the schema the diff compared against, as PostgreSQL prints it */
    public static List<Change> spell(List<Change> changes, Schema target, WrittenText written) {
        if (written.equals(WrittenText.NONE)) {
            return changes;
        }
        AsWritten spelling = new AsWritten(target, written);
        return changes.stream().map(spelling::spell).toList();
    }

    private Change spell(Change change) {
        if (change instanceof Change.CreateTable c) {
            Table table = c.table();
            return new Change.CreateTable(new Table(table.name(),
                    table.columns().stream().map(column -> column(table.name(), column)).toList(), table.primaryKey(),
                    table.uniqueConstraints(),
                    table.checks().stream().map(check -> check(table.name(), check)).toList(),
                    table.foreignKeys(), table.indexes(), table.comment()));
        }
        if (change instanceof Change.AddColumn c) {
            return new Change.AddColumn(c.table(), column(c.table(), c.column()));
        }
        if (change instanceof Change.AddConstraint c && c.constraint() instanceof CheckConstraint check) {
            return new Change.AddConstraint(c.table(), check(c.table(), check));
        }
        if (change instanceof Change.AlterColumnDefault c && c.to() != null) {
            String text = written(c.table(), c.column(), c.to(), Column::defaultValue, written.defaults());
            return new Change.AlterColumnDefault(c.table(), c.column(), c.from(), text);
        }
        if (change instanceof Change.AlterColumnGenerated c && c.to().generatedAlwaysAs() != null) {
            return new Change.AlterColumnGenerated(c.table(), c.from(), column(c.table(), c.to()));
        }
        return change;
    }

    private CheckConstraint check(QualifiedName table, CheckConstraint check) {
        Table wanted = target.tables().get(table);
        String text = written.check(table, check.name());
        boolean isTargets = wanted != null && wanted.checks().contains(check);
        return text != null && isTargets ? new CheckConstraint(check.name(), text) : check;
    }

    private Column column(QualifiedName table, Column column) {
        Column spelled = column;
        if (column.defaultValue() != null) {
            spelled = spelled.defaultValue(written(table, column.name(), column.defaultValue(), Column::defaultValue,
                    written.defaults()));
        }
        if (column.generatedAlwaysAs() != null) {
            spelled = spelled.generatedAlwaysAs(written(table, column.name(), column.generatedAlwaysAs(), Column::generatedAlwaysAs,
                    written.generated()));
        }
        return spelled;
    }

    private String written(QualifiedName table, String column, String printed,
                           java.util.function.Function<Column, String> part, java.util.Map<ColumnRef, String> texts) {
        String text = texts.get(new ColumnRef(table, column));
        Table wanted = target.tables().get(table);
        boolean isTargets = wanted != null && wanted.column(column).map(part).filter(p -> Objects.equals(p, printed)).isPresent();
        return text != null && isTargets ? text : printed;
    }
}
