package dev.autogen;

/**
 * A failure the user caused and can act on: the message says what happened and what to do,
 * in one line, and is shown without a stack trace.
 */
public class AutogenException extends RuntimeException {
    public AutogenException(String message) {
        super(message);
    }

    public AutogenException(String message, Throwable cause) {
        super(message, cause);
    }
}
