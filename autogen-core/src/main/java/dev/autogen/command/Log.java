package dev.autogen.command;

/** Where goals report what they do: the Maven log, a test, a console. */
public interface Log {
    void info(String message);

    void warn(String message);

    /** How long one phase of the goal took (Hibernate boot, target DDL, introspection, ...), for autogen.timings. */
    default void timing(String phase, long nanos) {
    }
}
