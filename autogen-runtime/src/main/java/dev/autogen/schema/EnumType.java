package dev.autogen.schema;

import java.util.Comparator;
import java.util.List;

/**
 * A PostgreSQL enum type ({@code CREATE TYPE ... AS ENUM}) with its labels in their order, and the
 * casts from and to it (Hibernate creates two with each named enum); they live and die with the type.
 */
public record EnumType(QualifiedName name, List<String> labels, List<Cast> casts) implements java.io.Serializable {
    public EnumType {
        labels = List.copyOf(labels);
        casts = casts.stream().sorted(Comparator.comparing(Cast::source).thenComparing(Cast::target)).toList();
    }

    public EnumType(QualifiedName name, List<String> labels) {
        this(name, labels, List.of());
    }

    public static EnumType enumType(QualifiedName name, String... labels) {
        return new EnumType(name, List.of(labels));
    }

    /** The same type with these casts from and to it. */
    public EnumType withCasts(Cast... casts) {
        return withCasts(List.of(casts));
    }

    public EnumType withCasts(List<Cast> casts) {
        return new EnumType(name, labels, casts);
    }

    /** The same type with other labels, and the same casts. */
    public EnumType withLabels(List<String> labels) {
        return new EnumType(name, labels, casts);
    }
}
