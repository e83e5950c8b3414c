package dev.autogen.sql;

import java.util.Locale;

/** How the runner sends the steps of a migration on tables that existed before it ({@code autogen.safety}). */
public enum Safety {

    /**
     * Nothing that scans a table holds a lock that blocks its writes: indexes are built and dropped
     * CONCURRENTLY, foreign keys and checks are added NOT VALID and validated in a transaction of
     * their own, NOT NULL is set over a validated check, unique and primary keys are added over an
     * index built concurrently; the statements that lock a table outright wait at most the lock
     * timeout and are tried again.
     */
    ONLINE,

    /** Each step as its plain statements, the whole migration in one transaction. */
    PLAIN;

    /** {@code online} or {@code plain}, in any case; null for anything else. */
    public static Safety parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "online" -> ONLINE;
            case "plain" -> PLAIN;
            default -> null;
        };
    }

    /** The word a user writes: {@code online} or {@code plain}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
