package dev.autogen.schema;

/** How an identity column generates its values, as in {@code GENERATED ... AS IDENTITY}. */
public enum Identity {
    ALWAYS("ALWAYS"),
    BY_DEFAULT("BY DEFAULT");

    private final String sql;

    Identity(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
