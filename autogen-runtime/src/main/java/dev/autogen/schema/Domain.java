package dev.autogen.schema;

import java.util.List;

/**
 * A domain ({@code CREATE DOMAIN}): a base type with a default, NOT NULL and check constraints.
 * Types and expressions are as PostgreSQL prints them.
 */
public record Domain(QualifiedName name, String baseType, boolean isNotNull, String defaultValue,
                     List<CheckConstraint> checks) implements java.io.Serializable {
    public Domain {
        checks = List.copyOf(checks.stream().sorted(java.util.Comparator.comparing(CheckConstraint::name)).toList());
    }

    public static Domain domain(QualifiedName name, String baseType) {
        return new Domain(name, baseType, false, null, List.of());
    }

    public Domain notNull() {
        return new Domain(name, baseType, true, defaultValue, checks);
    }

    public Domain defaultValue(String expression) {
        return new Domain(name, baseType, isNotNull, expression, checks);
    }

    public Domain check(String constraintName, String expression) {
        List<CheckConstraint> more = new java.util.ArrayList<>(checks);
        more.add(new CheckConstraint(constraintName, expression));
        return new Domain(name, baseType, isNotNull, defaultValue, more);
    }
}
