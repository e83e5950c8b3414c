package dev.autogen.runner;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one path by which a run's statements reach the database: the migrations' steps, the version table's
 * writes, the advisory lock and the transaction boundaries, each as the full text the server receives.
 * autogen:sql hands the runner a sink that writes them down instead of sending them, so the script it prints
 * is what a run sends. The runner's reads (the version table's rows, the catalog) do not pass here.
 */
public interface StatementSink {

    /** Sends one statement. */
    void execute(String sql) throws SQLException;

    /** Sends a statement that answers one boolean, the advisory lock's attempt; a script writes it down and answers true. */
    boolean test(String sql) throws SQLException;

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
