package dev.autogen.schema;

import java.util.Objects;

/**
 * A table column. {@code type} is the type as PostgreSQL prints it ({@code format_type}),
 * {@code defaultValue} the default expression as PostgreSQL prints it, or null.
 */
public record Column(String name, String type, boolean nullable, String defaultValue, Identity identity, String comment)
        implements TableElement {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static Column column(String name, String type) {
        return new Column(name, type, true, null, null, null);
    }

    public Column notNull() {
        return new Column(name, type, false, defaultValue, identity, comment);
    }

    public Column withNullable(boolean nullable) {
        return new Column(name, type, nullable, defaultValue, identity, comment);
    }

    public Column withType(String type) {
        return new Column(name, type, nullable, defaultValue, identity, comment);
    }

    public Column defaultValue(String expression) {
        return new Column(name, type, nullable, expression, identity, comment);
    }

    public Column generatedByDefaultAsIdentity() {
        return identity(Identity.BY_DEFAULT);
    }

    public Column generatedAlwaysAsIdentity() {
        return identity(Identity.ALWAYS);
    }

    public Column identity(Identity identity) {
        return new Column(name, type, nullable, defaultValue, identity, comment);
    }

    public Column comment(String comment) {
        return new Column(name, type, nullable, defaultValue, identity, comment);
    }
}
