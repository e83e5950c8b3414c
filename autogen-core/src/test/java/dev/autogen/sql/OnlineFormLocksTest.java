package dev.autogen.sql;

import dev.autogen.change.Change;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.CreateIndex;
import dev.autogen.change.Change.DropIndex;
import dev.autogen.change.TableImpact.LockMode;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.script.Definitions;
import dev.autogen.sql.StatementPlan.Mode;
import dev.autogen.testing.HeldLocks;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the online form of each kind of step that scans a table, statement by statement, on tables with rows, while other
 * connections watch {@code pg_locks} and write: a statement that reads the table holds nothing stronger than SHARE UPDATE
 * EXCLUSIVE, which no INSERT, UPDATE or SELECT waits behind, and a statement that takes a stronger lock reads no row. The
 * statements in a transaction are held open for the look, as {@code change.TableImpactTest} does; a CONCURRENTLY statement,
 * which cannot run in one, is looked at while it waits for a writer's open transaction, and another writer must get through
 * meanwhile. The schema at the end is the one the plain form makes.
 */
class OnlineFormLocksTest {

    private static final String BASE = """
            CREATE SCHEMA live;
            CREATE TABLE live.parent (id integer NOT NULL PRIMARY KEY);
            CREATE TABLE live.child (id integer NOT NULL, parent_id integer, name varchar(20), price numeric(8,2));
            CREATE INDEX child_price_idx ON live.child (price);
            INSERT INTO live.parent SELECT i FROM generate_series(1, 100) i;
            INSERT INTO live.child SELECT i, 1 + i % 100, 'n' || i, i FROM generate_series(1, 20000) i;
            """;

    private static ScratchDatabase database;
    private static Connection step;
    private static Connection watcher;
    private static Connection writer;
    private static Connection other;

    @BeforeAll
    static void open() {
        database = TestPostgres.scratch().create("online_locks");
        step = database.connect();
        watcher = database.connect();
        writer = database.connect();
        other = database.connect();
    }

    @AfterAll
    static void close() throws SQLException {
        for (Connection connection : List.of(step, watcher, writer, other)) {
            connection.close();
        }
        database.close();
    }

    record Case(String name, Change change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        QualifiedName child = new QualifiedName("live", "child");
        return List.of(
                new Case("create index", new CreateIndex(child, Definitions.index("child_name_idx", "name"))),
                new Case("create unique partial index", new CreateIndex(child, Definitions.index("child_name_key", "name").unique()
                        .where("(price > (0)::numeric)"))),
                new Case("drop index", new DropIndex(child, "child_price_idx", Definitions.index("child_price_idx", "price"))),
                new Case("add foreign key", new AddConstraint(child, Definitions.foreignKey("child_parent_fk", List.of("parent_id"),
                        "live", "parent", List.of("id")))),
                new Case("add check constraint", new AddConstraint(child, Definitions.check("child_price_check",
                        "(price >= (0)::numeric)"))),
                new Case("add unique constraint", new AddConstraint(child, Definitions.unique("child_name_key", "name"))),
                new Case("add primary key", new AddConstraint(child, Definitions.primaryKey("child_pkey", "id"))),
                new Case("set not null", new AlterColumnNullable(child, "name", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOnlineFormScansUnderNoLockThatBlocksWritesAndEndsAsThePlainForm(Case c) throws Exception {
        reset();
        step.setAutoCommit(true);
        try (Statement statement = step.createStatement()) {
            for (String sql : PostgresSql.statements(c.change())) {
                statement.execute(sql);
            }
        }
        Schema plain = schema();
        reset();

        List<StatementPlan.Statement> plan = StatementPlan.of(List.of(c.change()), Safety.ONLINE);
        assertTrue(StatementPlan.commitsOnTheWay(plan), "the online form of " + c + " takes its scans out of the transaction: " + plan);
        Map<String, Long> names = tables();
        for (StatementPlan.Statement planned : plan) {
            if (planned.mode() == Mode.NO_TRANSACTION) {
                concurrently(planned.sql(), names);
            } else {
                inTransaction(planned, names);
            }
        }
        assertEquals(plain, schema(), "the online form of " + c + " ends where the plain form does");
    }

    /** Runs a statement in a transaction left open, and looks at its locks and reads before committing it. */
    private static void inTransaction(StatementPlan.Statement planned, Map<String, Long> names) throws SQLException {
        step.setAutoCommit(false);
        try (Statement statement = step.createStatement()) {
            Map<String, Long> readsBefore = reads();
            statement.execute(planned.sql());
            Map<String, LockMode> locks = heldLocks(pid(step), names);
            Map<String, Long> reads = reads();
            readsBefore.forEach((table, count) -> reads.merge(table, -count, Long::sum));
            reads.values().removeIf(count -> count == 0);
            if (reads.isEmpty()) {
                return;
            }
            for (Map.Entry<String, LockMode> lock : locks.entrySet()) {
                assertTrue(lock.getValue().compareTo(LockMode.SHARE_UPDATE_EXCLUSIVE) <= 0, "'" + planned.sql() + "' reads "
                        + reads + " holding " + lock.getValue() + " on " + lock.getKey());
            }
            assertEquals(Mode.OWN_TRANSACTION, planned.mode(), "'" + planned.sql() + "' reads rows: it runs in a transaction of its own");
        } finally {
            step.commit();
            step.setAutoCommit(true);
        }
    }

    /**
     * Runs a CONCURRENTLY statement while a writer's transaction is open, which it waits for: meanwhile its locks are looked
     * at, and another session inserts and updates rows of the table within a second.
     */
    private static void concurrently(String sql, Map<String, Long> names) throws Exception {
        int pid = pid(step);
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.execute("UPDATE live.child SET price = price WHERE id = 1");
        }
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try (Statement statement = step.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            awaitWaiting(pid, sql);
            Map<String, LockMode> locks = heldLocks(pid, names);
            assertTrue(locks.containsKey("live.child"), "'" + sql + "' holds a lock on the table while it waits: " + locks);
            for (Map.Entry<String, LockMode> lock : locks.entrySet()) {
                assertTrue(lock.getValue().compareTo(LockMode.SHARE_UPDATE_EXCLUSIVE) <= 0,
                        "'" + sql + "' holds " + lock.getValue() + " on " + lock.getKey());
            }
            try (Statement statement = other.createStatement()) {
                statement.execute("SET lock_timeout = '1s'");
                statement.execute("INSERT INTO live.child VALUES (100001, 1, 'w', 1)");
                statement.execute("UPDATE live.child SET price = price + 1 WHERE id = 2");
                statement.execute("DELETE FROM live.child WHERE id = 100001");
                statement.execute("RESET lock_timeout");
            }
        } finally {
            writer.commit();
            writer.setAutoCommit(true);
        }
        running.get(60, TimeUnit.SECONDS);
    }

    private static void awaitWaiting(int pid, String sql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (PreparedStatement statement = watcher.prepareStatement("SELECT count(*) FROM pg_locks WHERE pid = ? AND NOT granted")) {
            statement.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("'" + sql + "' never waited for the writer's open transaction");
    }

    private static void reset() throws SQLException {
        step.setAutoCommit(true);
        try (Statement statement = step.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS live CASCADE");
            statement.execute(BASE);
        }
    }

    private static Schema schema() throws SQLException {
        return new Introspector(name -> false).read(step, Set.of("live"));
    }

    private static Map<String, Long> tables() throws SQLException {
        Map<String, Long> result = new HashMap<>();
        try (Statement s = step.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'live' AND c.relkind = 'r'")) {
            while (rs.next()) {
                result.put("live." + rs.getString(2), rs.getLong(1));
            }
        }
        return result;
    }

    /** Sequential and index scans the open transaction made on each table. */
    private static Map<String, Long> reads() throws SQLException {
        Map<String, Long> result = new HashMap<>();
        try (Statement s = step.createStatement(); ResultSet rs = s.executeQuery("SELECT relname, seq_scan + coalesce(idx_scan, 0) "
                + "FROM pg_stat_xact_user_tables WHERE schemaname = 'live'")) {
            while (rs.next()) {
                result.put("live." + rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The strongest granted relation lock a backend holds on each of the schema's tables, read from the watching connection. */
    private static Map<String, LockMode> heldLocks(int pid, Map<String, Long> names) throws SQLException {
        Map<Long, String> byOid = new HashMap<>();
        names.forEach((name, oid) -> byOid.put(oid, name));
        return HeldLocks.of(watcher, pid, byOid);
    }
}
