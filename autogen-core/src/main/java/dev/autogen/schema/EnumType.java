package dev.autogen.schema;

import java.util.List;

/** A PostgreSQL enum type ({@code CREATE TYPE ... AS ENUM}) with its labels in their order. */
public record EnumType(QualifiedName name, List<String> labels) {
    public EnumType {
        labels = List.copyOf(labels);
    }

    public static EnumType enumType(QualifiedName name, String... labels) {
        return new EnumType(name, List.of(labels));
    }

    /** The type as {@code format_type} prints it when only pg_catalog is on the search path. */
    public String typeName() {
        return dev.autogen.sql.Identifiers.quote(name);
    }
}
