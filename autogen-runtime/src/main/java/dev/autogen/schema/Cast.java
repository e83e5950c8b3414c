package dev.autogen.schema;

import java.util.Objects;

/**
 * A cast between two types ({@code CREATE CAST}), such as the pair Hibernate creates between
 * {@code character varying} and each named enum. Types are as PostgreSQL prints them;
 * {@code function} is the cast function as {@code regprocedure} prints it, for {@link Method#FUNCTION} only.
 */
public record Cast(String source, String target, Method method, String function, Context context) implements java.io.Serializable {

    /** How the cast converts a value: a function, the types' text forms, or the same bits. */
    public enum Method {
        FUNCTION, INOUT, BINARY
    }

    /** Where PostgreSQL applies the cast without being asked to. */
    public enum Context {
        EXPLICIT, ASSIGNMENT, IMPLICIT
    }

    public Cast {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        context = context == null ? Context.EXPLICIT : context;
        if ((method == Method.FUNCTION) != (function != null)) {
            throw new IllegalArgumentException("a cast names a function exactly when it converts with one: " + source + " -> " + target);
        }
    }

    /** {@code CREATE CAST (source AS target) WITH INOUT}: through the types' text forms. */
    public static Cast withInout(String source, String target) {
        return new Cast(source, target, Method.INOUT, null, Context.EXPLICIT);
    }

    /** {@code CREATE CAST (source AS target) WITHOUT FUNCTION}: the same bits, read as the other type. */
    public static Cast withoutFunction(String source, String target) {
        return new Cast(source, target, Method.BINARY, null, Context.EXPLICIT);
    }

    /** {@code CREATE CAST (source AS target) WITH FUNCTION function}. */
    public static Cast withFunction(String source, String target, String function) {
        return new Cast(source, target, Method.FUNCTION, function, Context.EXPLICIT);
    }

    /** The same cast applied in assignments too. */
    public Cast asAssignment() {
        return new Cast(source, target, method, function, Context.ASSIGNMENT);
    }

    /** The same cast applied wherever PostgreSQL needs it. */
    public Cast asImplicit() {
        return new Cast(source, target, method, function, Context.IMPLICIT);
    }

    /** The same cast with {@code from} replaced by {@code to} as its source or target type. */
    public Cast retyped(String from, String to) {
        return new Cast(source.equals(from) ? to : source, target.equals(from) ? to : target, method, function, context);
    }

    @Override
    public String toString() {
        return "cast (" + source + " as " + target + ")";
    }
}
