package dev.autogen.runner;

import java.time.Duration;
import java.util.Locale;

/** Durations as a user writes them in configuration ("5m", "30s", "500ms", "PT2M", "10" for seconds) and reads them. */
public final class Durations {

    private Durations() {
    }

    /** Parses a duration, or answers null for a value this form does not read. */
    public static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2).strip()));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1).strip()));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1).strip()));
            }
            if (value.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1).strip()));
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static String describe(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
