package dev.autogen.command;

/** Where goals report what they do: the Maven log, a test, a console. */
public interface Log {
    void info(String message);

    void warn(String message);
}
