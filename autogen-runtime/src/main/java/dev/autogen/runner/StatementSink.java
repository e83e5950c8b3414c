package dev.autogen.runner;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The one path by which a run's statements reach the database: the migrations' steps, the version table's
 * writes, the advisory lock and the transaction boundaries, each as the full text the server receives.
 * autogen:sql hands the runner a sink that writes them down instead of sending them, so the script it prints
 * is what a run sends. The runner's reads (the version table's rows, the catalog) do not pass here.
 */
public interface StatementSink {

    /** Sends one statement. */
    void execute(String sql) throws SQLException;

    /**
     * Sends statements of one transaction, in order, none of which answers rows; one at a time unless the sink sends
     * them together. A statement the server refuses ends it with {@link Refused}, which names it when it can be told.
     */
    default void executeAll(List<String> statements) throws SQLException {
        for (String sql : statements) {
            try {
                execute(sql);
            } catch (SQLException e) {
                throw new Refused(sql, e);
            }
        }
    }

    /** The statement of several the server refused ({@code null} when it cannot be told which), and the server's error. */
    final class Refused extends SQLException {
        private final String statement;

        Refused(String statement, SQLException error) {
            super(error.getMessage(), error.getSQLState(), error);
            this.statement = statement;
        }

        public String statement() {
            return statement;
        }

        public SQLException error() {
            return (SQLException) getCause();
        }
    }

    /** Sends a statement that answers one boolean, the advisory lock's attempt; a script writes it down and answers true. */
    boolean test(String sql) throws SQLException;

    /**
     * Sends each statement to {@code connection} as {@link #of} does, but the statements of {@link #executeAll} as one JDBC
     * batch, which the driver sends in one round trip: for a database no one else uses, where a run of thousands of steps
     * would otherwise wait on thousands of round trips, and where waiting for locks is not to be watched statement by
     * statement.
     */
    static StatementSink batching(Connection connection) {
        StatementSink single = of(connection);
        return new StatementSink() {
            @Override
            public void execute(String sql) throws SQLException {
                single.execute(sql);
            }

            @Override
            public boolean test(String sql) throws SQLException {
                return single.test(sql);
            }

            @Override
            public void executeAll(List<String> statements) throws SQLException {
                if (statements.size() < 2) {
                    single.executeAll(statements);
                    return;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements) {
                        statement.addBatch(sql);
                    }
                    statement.executeBatch();
                } catch (BatchUpdateException e) {
                    SQLException error = e.getNextException() != null ? e.getNextException() : e;
                    throw new Refused(refusedIn(statements, e.getMessage()), error);
                }
            }
        };
    }

    /**
     * Which of {@code statements} the driver's message about its batch names: it says "Batch entry N STATEMENT was
     * aborted", in the JVM's language, with the statement's full text; null when that does not tell one statement.
     */
    private static String refusedIn(List<String> statements, String message) {
        if (message == null) {
            return null;
        }
        String found = null;
        for (int i = 0; i < statements.size(); i++) {
            if (message.contains(i + " " + statements.get(i) + " ")) {
                if (found != null) {
                    return null;
                }
                found = statements.get(i);
            }
        }
        return found;
    }

    /** Sends each statement to {@code connection}, which stays in autocommit mode: transactions are BEGIN and COMMIT statements. */
    static StatementSink of(Connection connection) {
        return new StatementSink() {
            @Override
            public void execute(String sql) throws SQLException {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }

            @Override
            public boolean test(String sql) throws SQLException {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        };
    }
}
