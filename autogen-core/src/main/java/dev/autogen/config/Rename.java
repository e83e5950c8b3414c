package dev.autogen.config;

import dev.autogen.AutogenException;
import dev.autogen.schema.QualifiedName;

import java.util.List;

/**
 * A rename the user names in autogen.renames, which a diff cannot tell from a drop and an add:
 * {@code schema.table.column:new_column} renames a column, {@code schema.table:new_table} a table
 * (or a sequence of that name). The left side is the name the database (or the migrations) has.
 *
 * @param column the column renamed, or null when the table (or sequence) {@code table} is
 */
public record Rename(QualifiedName table, String column, String to) {

    /** The entries of autogen.renames, each {@code schema.table.column:new_column} or {@code schema.table:new_table}. */
    public static List<Rename> parse(List<String> entries) {
        return entries.stream().map(Rename::parse).toList();
    }

    private static Rename parse(String entry) {
        int colon = entry.indexOf(':');
        String[] from = colon < 0 ? new String[0] : entry.substring(0, colon).strip().split("\\.", -1);
        String to = colon < 0 ? "" : entry.substring(colon + 1).strip();
        boolean blank = to.isEmpty() || to.contains(".") || to.contains(":")
                || java.util.Arrays.stream(from).anyMatch(part -> part.isBlank());
        if (blank || from.length < 2 || from.length > 3) {
            throw new AutogenException("autogen.renames entry '" + entry + "' is not schema.table.column:new_column or "
                    + "schema.table:new_table (e.g. public.books.author:writer,public.old_table:new_table)");
        }
        QualifiedName table = new QualifiedName(from[0].strip(), from[1].strip());
        return new Rename(table, from.length == 3 ? from[2].strip() : null, to);
    }
}
