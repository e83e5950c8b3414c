package dev.autogen.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Many DDL statements on a scratch database, sent as JDBC batches (the driver pipelines a batch: one round
 * trip, not one per statement) each in one transaction (one commit, not one per statement).
 */
public final class StatementBatches {

    /**
     * Statements per transaction: each created relation holds a lock until commit, and the lock table of a
     * server with default settings has room for about twenty thousand.
     */
    static final int PER_TRANSACTION = 1000;

    private StatementBatches() {
    }

    /** A statement PostgreSQL refused, with its error. */
    public static final class Refused extends SQLException {
        private final String statement;

        Refused(String statement, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.statement = statement;
        }

        public String statement() {
            return statement;
        }
    }

    /**
     * Runs {@code statements} in order. When a batch fails, its transaction is rolled back and its statements
     * run once more one at a time, so that the one PostgreSQL refuses is named ({@link Refused}).
     */
    public static void run(Connection connection, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (int from = 0; from < statements.size(); from += PER_TRANSACTION) {
                List<String> batch = statements.subList(from, Math.min(statements.size(), from + PER_TRANSACTION));
                for (String sql : batch) {
                    statement.addBatch(sql);
                }
                try {
                    statement.executeBatch();
                } catch (SQLException e) {
                    connection.rollback();
                    statement.clearBatch();
                    oneByOne(statement, batch);
                }
                connection.commit();
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void oneByOne(Statement statement, List<String> batch) throws SQLException {
        for (String sql : batch) {
            try {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new Refused(sql, e);
            }
        }
    }
}
