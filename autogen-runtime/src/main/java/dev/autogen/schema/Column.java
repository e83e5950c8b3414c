package dev.autogen.schema;

import java.util.Objects;

/**
 * A table column. {@code type} is the type as PostgreSQL prints it ({@code format_type}),
 * {@code defaultValue} the default expression as PostgreSQL prints it, or null;
 * {@code generatedAlwaysAs} the expression of a stored generated column, or null.
 */
public record Column(String name, String type, boolean nullable, String defaultValue, Identity identity, String comment,
                     String generatedAlwaysAs, Sequence identityOptions) implements TableElement {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public Column(String name, String type, boolean nullable, String defaultValue, Identity identity, String comment) {
        this(name, type, nullable, defaultValue, identity, comment, null, null);
    }

    public Column(String name, String type, boolean nullable, String defaultValue, Identity identity, String comment,
                  String generatedAlwaysAs) {
        this(name, type, nullable, defaultValue, identity, comment, generatedAlwaysAs, null);
    }

    /**
     * The options of an identity column's sequence where they differ from PostgreSQL's defaults for
     * the column's type; {@link #identityOptionsOrDefaults()} gives them in full.
     */
    public Column identityOptions(Sequence options) {
        return new Column(name, type, nullable, defaultValue, identity, comment, generatedAlwaysAs,
                options == null || options.equals(defaultIdentityOptions(type)) ? null : options.withName(null));
    }

    public Sequence identityOptionsOrDefaults() {
        return identityOptions != null ? identityOptions : defaultIdentityOptions(type);
    }

    /** What {@code GENERATED ... AS IDENTITY} without options gives a column of {@code type}. */
    public static Sequence defaultIdentityOptions(String type) {
        Sequence bigint = Sequence.sequence(null);
        return type.equals("integer") || type.equals("smallint") ? bigint.as(type) : bigint;
    }

    /**
     * A stored generated column, {@code GENERATED ALWAYS AS (expression) STORED}; a plain one when
     * {@code expression} is null.
     */
    public Column generatedAlwaysAs(String expression) {
        return new Column(name, type, nullable, defaultValue, identity, comment, expression, identityOptions);
    }

    public static Column column(String name, String type) {
        return new Column(name, type, true, null, null, null);
    }

    public Column notNull() {
        return new Column(name, type, false, defaultValue, identity, comment, generatedAlwaysAs, identityOptions);
    }

    public Column withNullable(boolean nullable) {
        return new Column(name, type, nullable, defaultValue, identity, comment, generatedAlwaysAs, identityOptions);
    }

    public Column withType(String type) {
        return new Column(name, type, nullable, defaultValue, identity, comment, generatedAlwaysAs, identityOptions);
    }

    public Column defaultValue(String expression) {
        return new Column(name, type, nullable, expression, identity, comment, generatedAlwaysAs, identityOptions);
    }

    public Column generatedByDefaultAsIdentity() {
        return identity(Identity.BY_DEFAULT);
    }

    public Column generatedAlwaysAsIdentity() {
        return identity(Identity.ALWAYS);
    }

    public Column identity(Identity identity) {
        return new Column(name, type, nullable, defaultValue, identity, comment, generatedAlwaysAs, identityOptions);
    }

    public Column comment(String comment) {
        return new Column(name, type, nullable, defaultValue, identity, comment, generatedAlwaysAs, identityOptions);
    }
}
