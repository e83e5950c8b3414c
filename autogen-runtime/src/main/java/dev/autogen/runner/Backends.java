package dev.autogen.runner;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How a PostgreSQL backend is named in messages: its pid first, which is what pg_terminate_backend takes. */
final class Backends {

    private Backends() {
    }

    static String describe(int pid, String user, String application, String clientAddress, String since, String state) {
        StringBuilder out = new StringBuilder("backend ").append(pid).append(" (user ").append(user);
        if (application != null && !application.isBlank()) {
            out.append(", application '").append(application).append('\'');
        }
        if (clientAddress != null) {
            out.append(", from ").append(clientAddress);
        }
        if (state != null) {
            out.append(", ").append(state);
        }
        if (since != null) {
            out.append(", ").append(since);
        }
        return out.append(')').toString();
    }

    static String time(Timestamp timestamp) {
        return timestamp == null ? "?" : DateTimeFormatter.ISO_INSTANT.format(timestamp.toInstant().truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.UTC));
    }
}
