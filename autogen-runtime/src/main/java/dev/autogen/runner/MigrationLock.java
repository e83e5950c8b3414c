package dev.autogen.runner;

import dev.autogen.AutogenException;
import dev.autogen.sql.VersionTableSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The session-level advisory lock that one run of upgrade, downgrade or stamp holds from start to
 * end. Session-level rather than transaction-level, so that steps that run outside a transaction
 * never wait on it; released on close, or by PostgreSQL when the session ends.
 */
final class MigrationLock implements AutoCloseable {

    private static final long POLL_MILLIS = 200;

    private final StatementSink sink;
    private final VersionTableSql sql;

    private MigrationLock(StatementSink sink, VersionTableSql sql) {
        this.sink = sink;
        this.sql = sql;
    }

    /**
     * Takes the lock through {@code sink}, waiting up to {@code wait} (and saying so once, after asking
     * {@code connection} who holds it) while another backend holds it.
     */
    static MigrationLock acquire(StatementSink sink, Connection connection, VersionTableSql sql, Duration wait, Consumer<String> log) {
        long key = sql.lockKey();
        long deadline = System.nanoTime() + wait.toNanos();
        String holder = null;
        try {
            while (true) {
                if (sink.test(sql.tryLock())) {
                    if (holder != null) {
                        log.accept("Got the migration lock on " + sql.table() + ".");
                    }
                    return new MigrationLock(sink, sql);
                }
                String now = holders(connection, key);
                if (holder == null) {
                    log.accept("Waiting up to " + Durations.describe(wait) + " for the migration lock on " + sql.table()
                            + ", held by " + now + ".");
                }
                holder = now;
                if (System.nanoTime() >= deadline) {
                    throw new AutogenException("Gave up after " + Durations.describe(wait) + " waiting for the migration lock on "
                            + sql.table() + ": " + holder + " holds it. Let that run finish (or end it with SELECT "
                            + "pg_terminate_backend(pid)) and run again; autogen.lockWait sets how long to wait.");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException e) {
            throw new AutogenException("Cannot take the migration lock on " + sql.table() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AutogenException("Interrupted while waiting for the migration lock on " + sql.table());
        }
    }

    /** Who holds the lock, e.g. "backend 4711 (user app, application 'autogen', from 10.0.0.7, connected since ...)". */
    static String holders(Connection connection, long key) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(VersionTableSql.lockHolders())) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    holders.add(Backends.describe(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            "connected since " + Backends.time(rs.getTimestamp(5)), rs.getString(6)));
                }
            }
        }
        // the holder may have let go between the two queries
        return holders.isEmpty() ? "another backend" : String.join(" and ", holders);
    }

    @Override
    public void close() {
        try {
            sink.execute(sql.unlock());
        } catch (SQLException e) {
            // a broken session has lost the lock with it
        }
    }
}
