package dev.autogen.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A type or function PostgreSQL says does not exist, and the extensions of the scratch server that have it: a column
 * of {@code citext} or a default of {@code uuid_generate_v4()} needs its extension created first, which only a
 * migration can do. Which extension has the object is asked of PostgreSQL itself: each extension the server offers is
 * created in a transaction that is rolled back, and the object looked up inside it.
 */
public record MissingFromExtension(String kind, String name, List<String> extensions) {

    private static final Pattern TYPE = Pattern.compile("type \"([^\"]+)\" does not exist");
    private static final Pattern FUNCTION = Pattern.compile("function (\\S+\\(.*?\\)) does not exist");

    /**
     * The object {@code error} (or one of its causes) says does not exist (SQLSTATE 42704 for a type, 42883 for a
     * function), with the extensions of the server behind {@code probe} that have it; empty when the refusal is another,
     * or when no extension there has that object.
     */
    public static Optional<MissingFromExtension> of(Throwable error, ScratchAdmin probe) {
        for (Throwable at = error; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (at instanceof SQLException sql && sql.getSQLState() != null && sql.getMessage() != null) {
                Matcher type = TYPE.matcher(sql.getMessage());
                if (sql.getSQLState().equals("42704") && type.find()) {
                    return found("type", type.group(1), "to_regtype", probe);
                }
                Matcher function = FUNCTION.matcher(sql.getMessage());
                if (sql.getSQLState().equals("42883") && function.find()) {
                    return found("function", function.group(1), "to_regprocedure", probe);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code error} or one of its causes is PostgreSQL saying a type or function does not exist. */
    public static boolean isMissingObject(Throwable error) {
        for (Throwable at = error; at != null; at = at.getCause() == at ? null : at.getCause()) {
            if (at instanceof SQLException sql && ("42704".equals(sql.getSQLState()) || "42883".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<MissingFromExtension> found(String kind, String name, String lookup, ScratchAdmin probe) {
        List<String> extensions = new ArrayList<>();
        try (ScratchAdmin.ScratchDatabase database = probe.create("probe"); Connection connection = database.connect()) {
            List<String> available = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM pg_available_extensions "
                         + "WHERE installed_version IS NULL ORDER BY name")) {
                while (rows.next()) {
                    available.add(rows.getString(1));
                }
            }
            connection.setAutoCommit(false);
            for (String extension : available) {
                if (creates(connection, extension, lookup, name)) {
                    extensions.add(extension);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // only a hint for a message already failing: without it the message says what PostgreSQL said
            return Optional.empty();
        }
        return extensions.isEmpty() ? Optional.empty() : Optional.of(new MissingFromExtension(kind, name, extensions));
    }

    /** Whether creating {@code extension} (and what it requires) makes {@code name} exist; nothing of it stays. */
    private static boolean creates(Connection connection, String extension, String lookup, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION \"" + extension.replace("\"", "\"\"") + "\" CASCADE");
            try (PreparedStatement found = connection.prepareStatement("SELECT " + lookup + "(?) IS NOT NULL")) {
                found.setString(1, name);
                try (ResultSet row = found.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            // an extension this server cannot create (a language whose library it lacks, say) has nothing to offer
            return false;
        } finally {
            connection.rollback();
        }
    }

    /** "The extension citext has the type citext", naming each extension that has it. */
    public String says() {
        return (extensions.size() == 1 ? "The extension " + extensions.get(0) + " has"
                : "The extensions " + String.join(", ", extensions) + " have") + " the " + kind + " " + name;
    }

    /** The step that creates the first extension that has it, as a migration writes it. */
    public String step() {
        String extension = extensions.get(0).contains("-") ? "\\\"" + extensions.get(0) + "\\\"" : extensions.get(0);
        return "op.execute(\"CREATE EXTENSION IF NOT EXISTS " + extension + "\", \"DROP EXTENSION IF EXISTS " + extension + "\")";
    }
}
