package dev.autogen.runner;

import dev.autogen.sql.VersionTableSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches the runner's backend from a second connection while a migration's statement runs: when
 * the statement waits for a lock (an ALTER TABLE behind a long transaction, with every reader of the
 * table queued behind the ALTER), it says which backend holds it, instead of hanging without a word.
 */
final class LockWaitWatch implements AutoCloseable {

    static final Duration FIRST_LOOK = Duration.ofSeconds(2);
    static final Duration AGAIN = Duration.ofSeconds(30);

    private final Supplier<Connection> monitor;
    private final int pid;
    private final Consumer<String> warn;
    private final String limit;
    private final ScheduledExecutorService timer;
    private Connection connection;
    private volatile ScheduledFuture<?> watching;
    private volatile String blocker;

    /** Watches nothing when {@code monitor} is null. */
    LockWaitWatch(Supplier<Connection> monitor, int pid, Duration lockTimeout, Consumer<String> warn) {
        this.monitor = monitor;
        this.pid = pid;
        this.warn = warn;
        this.limit = lockTimeout == null ? "It waits as long as it takes; set autogen.lockTimeout to give up sooner."
                : "It gives up after " + Durations.describe(lockTimeout) + " (autogen.lockTimeout).";
        this.timer = monitor == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "autogen-lock-wait-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching the statements of {@code migration}, e.g. "Migration r2 (AddIsbn)". */
    void start(String migration) {
        start(migration, true);
    }

    /**
     * Starts watching; {@code queues} is false for a statement whose wait holds up no query of the application (a build
     * CONCURRENTLY, a validation), which waits as long as it takes.
     */
    void start(String migration, boolean queues) {
        blocker = null;
        if (timer == null) {
            return;
        }
        long started = System.nanoTime();
        watching = timer.scheduleWithFixedDelay(() -> look(migration, started, queues), FIRST_LOOK.toMillis(), AGAIN.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (watching != null) {
            watching.cancel(false);
            watching = null;
        }
    }

    /** The backends the last look found in the way, or null. */
    String blocker() {
        return blocker;
    }

    private void look(String migration, long started, boolean queues) {
        try {
            if (connection == null) {
                connection = monitor.get();
            }
            List<String> holders = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(VersionTableSql.blockers())) {
                statement.setInt(1, pid);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String query = rs.getString(7);
                        holders.add(Backends.describe(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                "since " + Backends.time(rs.getTimestamp(6)), rs.getString(5))
                                + (query == null || query.isBlank() ? "" : ", last statement: " + query.strip().replaceAll("\\s+", " ")));
                    }
                }
            }
            if (!holders.isEmpty()) {
                blocker = String.join(" and ", holders);
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                warn.accept(queues ? migration + " has waited " + seconds + " s for a lock held by " + blocker
                        + "; queries on the table queue behind the migration meanwhile. " + limit
                        : migration + " has waited " + seconds + " s for " + blocker + " to end; the application's reads and "
                        + "writes of the table go on meanwhile, and the statement waits as long as it takes.");
            }
        } catch (RuntimeException | SQLException e) {
            // watching is a courtesy: the migration itself goes on, and its own error says what failed
            stop();
        }
    }

    @Override
    public void close() {
        stop();
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing was written on it
            }
        }
    }
}
