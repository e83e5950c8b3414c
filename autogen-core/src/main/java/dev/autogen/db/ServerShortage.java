package dev.autogen.db;

import dev.autogen.AutogenException;

import java.sql.SQLException;
import java.util.Optional;

/**
 * PostgreSQL's refusals for want of a resource (SQLSTATE class 53: disk space, memory, connections, a configured
 * limit). On a scratch server they are neither the mapping's fault nor autogen's, and are said as what they are.
 */
public final class ServerShortage {

    private ServerShortage() {
    }

    /**
     * What ran short and what to do, when {@code error} or one of its causes is such a refusal: "ran out of disk space
     * (SQLSTATE 53100: could not extend file ...: No space left on device). Free space ...".
     */
    public static Optional<String> of(Throwable error) {
        for (Throwable at = error; at != null; at = at.getCause()) {
            if (at instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("53")) {
                return Optional.of(describe(sql));
            }
            if (at.getCause() == at) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * "Cannot {@code doing}: the scratch PostgreSQL ran out of ...", when {@code error} is such a refusal: what a step on
     * the scratch server says when the server, not the schema or the migrations, stopped it.
     */
    public static Optional<AutogenException> stopped(String doing, Throwable error) {
        return of(error).map(shortage -> new AutogenException("Cannot " + doing + ": the scratch PostgreSQL " + shortage, error));
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState();
        String message = String.valueOf(e.getMessage());
        String what = switch (state) {
            case "53100" -> "disk space";
            case "53200" -> "memory";
            case "53300" -> "connections";
            case "53400" -> "a configured limit";
            default -> "a resource";
        };
        String todo;
        if (state.equals("53100")) {
            todo = "Free space where the scratch server keeps its data: /dev/shm while autogen.scratchInMemory is on "
                    + "(-Dautogen.scratchInMemory=false keeps them in the cache folder), then run again.";
        } else if (message.contains("max_locks_per_transaction")) {
            todo = "A migration locks every table it creates or drops until it commits: raise max_locks_per_transaction "
                    + "on the scratch server (the embedded and Docker ones have room for 10,000 tables), then run again.";
        } else {
            todo = "Give the scratch server more of it, then run again.";
        }
        String firstLine = message.lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
        return "ran out of " + what + " (SQLSTATE " + state + ": " + firstLine + "). " + todo;
    }
}
