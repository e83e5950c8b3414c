package dev.autogen.schema;

import java.util.List;

/**
 * A foreign key. {@code onUpdate} and {@code onDelete} are the referential actions as SQL words:
 * NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT.
 */
public record ForeignKey(
        String name,
        List<String> columns,
        QualifiedName referencedTable,
        List<String> referencedColumns,
        String onUpdate,
        String onDelete,
        boolean deferrable,
        boolean initiallyDeferred) implements Constraint {

    public static final String NO_ACTION = "NO ACTION";

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        onUpdate = onUpdate == null ? NO_ACTION : onUpdate;
        onDelete = onDelete == null ? NO_ACTION : onDelete;
    }

    public ForeignKey onDelete(String action) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, onUpdate, action, deferrable, initiallyDeferred);
    }

    public ForeignKey onUpdate(String action) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, action, onDelete, deferrable, initiallyDeferred);
    }

    public ForeignKey deferrable(boolean initiallyDeferred) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, onUpdate, onDelete, true, initiallyDeferred);
    }

    @Override
    public ForeignKey withName(String name) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, onUpdate, onDelete, deferrable, initiallyDeferred);
    }

    @Override
    public boolean sameMeaning(Constraint other) {
        return other instanceof ForeignKey f && withName(null).equals(f.withName(null));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitForeignKey(this);
    }

    @Override
    public String kind() {
        return "foreign key";
    }
}
