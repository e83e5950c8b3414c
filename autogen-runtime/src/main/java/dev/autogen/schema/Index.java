package dev.autogen.schema;

import java.util.List;

/**
 * An index that does not back a constraint. Each key is a column or expression as PostgreSQL
 * prints it, followed by DESC / NULLS FIRST / NULLS LAST where those differ from the default.
 * {@code where} is the predicate of a partial index, or null.
 */
public record Index(String name, boolean isUnique, String method, List<String> keys, List<String> include, String where,
                    boolean isNullsNotDistinct) implements java.io.Serializable {
    public Index {
        keys = List.copyOf(keys);
        include = List.copyOf(include);
        method = method == null ? "btree" : method;
    }

    public Index(String name, boolean isUnique, String method, List<String> keys, List<String> include, String where) {
        this(name, isUnique, method, keys, include, where, false);
    }

    /** A unique index that treats NULLs as equal (PostgreSQL 15). */
    public Index nullsNotDistinct() {
        return new Index(name, isUnique, method, keys, include, where, true);
    }

    public static Index index(String name, String... keys) {
        return new Index(name, false, "btree", List.of(keys), List.of(), null);
    }

    public Index unique() {
        return new Index(name, true, method, keys, include, where, isNullsNotDistinct);
    }

    public Index using(String method) {
        return new Index(name, isUnique, method, keys, include, where, isNullsNotDistinct);
    }

    public Index include(String... columns) {
        return new Index(name, isUnique, method, keys, List.of(columns), where, isNullsNotDistinct);
    }

    public Index where(String predicate) {
        return new Index(name, isUnique, method, keys, include, predicate, isNullsNotDistinct);
    }

    public Index withName(String name) {
        return new Index(name, isUnique, method, keys, include, where, isNullsNotDistinct);
    }

    public boolean sameMeaning(Index other) {
        return withName(null).equals(other.withName(null));
    }
}
