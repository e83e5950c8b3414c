package dev.autogen.sql;

import java.util.List;

import static dev.autogen.sql.Identifiers.quote;

/** The statements that make and remove throw-away databases, and install extensions on them. */
public final class ScratchSql {

    private ScratchSql() {
    }

    public static String createDatabase(String name) {
        return "CREATE DATABASE " + quote(name) + " TEMPLATE template0 ENCODING 'UTF8'";
    }

    // WITH (FORCE) ends connections still open on it, which would otherwise make the drop fail
    public static String dropDatabase(String name) {
        return "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)";
    }

    /** Installs {@code extension} in {@code schema}, creating the schema when it is missing. */
    public static List<String> createExtension(String extension, String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + quote(schema),
                "CREATE EXTENSION IF NOT EXISTS " + quote(extension) + " WITH SCHEMA " + quote(schema));
    }
}
