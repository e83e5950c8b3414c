package dev.autogen.schema;

/** One column of one table, e.g. the column a sequence is owned by. */
public record ColumnRef(QualifiedName table, String column) implements java.io.Serializable {
    @Override
    public String toString() {
        return table + "." + column;
    }
}
