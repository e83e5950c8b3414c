package dev.autogen.runner;

import dev.autogen.AutogenException;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.schema.Column;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.sql.VersionTableSql;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.autogen.script.Definitions.column;
import static dev.autogen.script.Definitions.primaryKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationRunnerTest {

    static final class CreateBooks implements Migration {
        public void upgrade(Operations op) {
            op.createTable("public", "books", column("id", "bigint").notNull(), column("title", "character varying(100)"),
                    primaryKey("books_pkey", "id"));
        }

        public void downgrade(Operations op) {
            op.dropTable("public", "books");
        }
    }

    /** Its second statement fails: the first must not stay behind. */
    static final class BrokenHalfWay implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "books", Column.column("isbn", "text"));
            op.addColumn("public", "books", Column.column("price", "no_such_type"));
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "books", "price");
            op.dropColumn("public", "books", "isbn");
        }
    }

    static final class NarrowTitle implements Migration {
        public void upgrade(Operations op) {
            op.alterColumnType("public", "books", "title", "character varying(100)", "character varying(5)");
        }

        public void downgrade(Operations op) {
            op.alterColumnType("public", "books", "title", "character varying(5)", "character varying(100)");
        }
    }

    /** Its Java code throws after recording a step: nothing of it may run. */
    static final class ThrowsHalfWay implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "books", Column.column("isbn", "text"));
            throw new IllegalStateException("no price list");
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "books", "isbn");
        }
    }

    /** Takes its time inside its transaction, so that a second runner arrives while it runs. */
    static final class SlowAddIsbn implements Migration {
        public void upgrade(Operations op) {
            op.execute("SELECT pg_sleep(1)");
            op.addColumn("public", "books", Column.column("isbn", "text"));
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "books", "isbn");
        }
    }

    /** Adds its column, then waits a minute inside its transaction: long enough to be killed half-way. */
    static final class HangingAddIsbn implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "books", Column.column("isbn", "text"));
            op.execute("SELECT pg_sleep(60)");
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "books", "isbn");
        }
    }

    private static MigrationFile file(String id, String parent, Class<?> type) {
        return new MigrationFile(id, parent, type.getSimpleName(), "", "com.example.migrations." + type.getSimpleName(),
                Path.of(type.getSimpleName() + ".java"));
    }

    private static MigrationRunner runner(Connection connection, List<MigrationFile> files) {
        return runner(connection, files, MigrationRunner.Options.defaults(), m -> { });
    }

    static MigrationRunner runner(Connection connection, List<MigrationFile> files, MigrationRunner.Options options,
                                  Consumer<String> log) {
        Map<String, Migration> migrations = Map.of("CreateBooks", new CreateBooks(), "BrokenHalfWay", new BrokenHalfWay(),
                "NarrowTitle", new NarrowTitle(), "ThrowsHalfWay", new ThrowsHalfWay(), "SlowAddIsbn", new SlowAddIsbn(),
                "HangingAddIsbn", new HangingAddIsbn());
        Function<MigrationFile, Migration> loader = f -> migrations.get(f.message());
        return new MigrationRunner(connection, RevisionGraph.of(files), Configuration.DEFAULT_VERSION_TABLE, loader, log, options);
    }

    static List<MigrationFile> booksWithSlowIsbn() {
        return List.of(file("r1", "", CreateBooks.class), file("r2", "r1", SlowAddIsbn.class));
    }

    static List<MigrationFile> booksWithHangingIsbn() {
        return List.of(file("r1", "", CreateBooks.class), file("r2", "r1", HangingAddIsbn.class));
    }

    @Test
    void aFailedStatementRollsTheMigrationBackAndLeavesTheVersionTable() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = List.of(file("r1", "", CreateBooks.class), file("r2", "r1", BrokenHalfWay.class));
            MigrationRunner runner = runner(connection, files);
            AutogenException e = assertThrows(AutogenException.class, () -> runner.upgrade("head"));
            assertEquals("Migration r2 (BrokenHalfWay) failed to upgrade and was rolled back. "
                    + "Statement: ALTER TABLE public.books ADD COLUMN price no_such_type. "
                    + "PostgreSQL says: ERROR: type \"no_such_type\" does not exist. "
                    + "The database is at revision r1 (CreateBooks); this run applied r1 before it, and that stays committed.",
                    e.getMessage().replaceAll("\\s+Position: \\d+", ""));
            assertEquals("r1", runner.current());
            assertFalse(columns(connection).contains("isbn"), "the statement before the failing one was rolled back");
            assertTrue(autoCommit(connection), "the connection is handed back as it came");
        }
    }

    @Test
    void narrowingFailsInsteadOfCuttingValues() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = List.of(file("r1", "", CreateBooks.class), file("r2", "r1", NarrowTitle.class));
            MigrationRunner runner = runner(connection, files);
            runner.upgrade("r1");
            connection.createStatement().execute("INSERT INTO books VALUES (1, 'A long title')");
            AutogenException e = assertThrows(AutogenException.class, () -> runner.upgrade("head"));
            assertTrue(e.getMessage().contains("value too long for type character varying(5)"), e.getMessage());
            try (ResultSet rs = connection.createStatement().executeQuery("SELECT title FROM books")) {
                rs.next();
                assertEquals("A long title", rs.getString(1));
            }
        }
    }

    @Test
    void downgradeStepsAndBase() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = List.of(file("r1", "", CreateBooks.class), file("r2", "r1", NarrowTitle.class));
            MigrationRunner runner = runner(connection, files);
            assertEquals(2, runner.upgrade("head").size());
            assertEquals(List.of(), runner.upgrade("head"));
            assertEquals("r2", runner.current());
            assertTrue(assertThrows(AutogenException.class, () -> runner.downgrade("-3")).getMessage()
                    .startsWith("Cannot go back 3 migrations: only 2 are applied"));
            assertEquals(1, runner.downgrade("-1").size());
            assertEquals("r1", runner.current());
            assertEquals(1, runner.downgrade("base").size());
            assertEquals(null, runner.current());
            assertFalse(columns(connection).contains("title"));
        }
    }

    @Test
    void aMigrationWhoseJavaThrowsIsNamedWithWhereTheDatabaseStands() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = List.of(file("r1", "", CreateBooks.class), file("r2", "r1", ThrowsHalfWay.class));
            AutogenException e = assertThrows(AutogenException.class, () -> runner(connection, files).upgrade("head"));
            assertEquals("Migration r2 (ThrowsHalfWay) threw java.lang.IllegalStateException: no price list in its upgrade(); "
                    + "none of its steps ran. The database is at revision r1 (CreateBooks); this run applied r1 before it, "
                    + "and that stays committed.", e.getMessage());
            assertEquals("r1", runner(connection, files).current());
            assertFalse(columns(connection).contains("isbn"));
        }
    }

    @Test
    void downgradeSaysWhatEachStepDestroysAsItRuns() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = booksWithSlowIsbn();
            List<String> lines = new ArrayList<>();
            MigrationRunner runner = runner(connection, files, MigrationRunner.Options.defaults().withWarn(m -> lines.add("WARN " + m)), lines::add);
            runner.upgrade("head");
            lines.clear();
            runner.downgrade("base");
            assertEquals(List.of("Downgrading from r2 (SlowAddIsbn): SlowAddIsbn",
                    "WARN DATA LOSS: drops column public.books.isbn and its data",
                    "Downgrading from r1 (CreateBooks): CreateBooks",
                    "WARN DATA LOSS: drops table public.books and all its rows"), lines);
        }
    }

    @Test
    void anOwnerWhoMayNotCreateInTheSchemaUpgradesAndDowngrades() throws Exception {
        String role = "owner_" + Long.toHexString(System.nanoTime());
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection admin = db.connect()) {
            List<MigrationFile> files = booksWithSlowIsbn();
            runner(admin, files).upgrade("r1");
            try (Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE " + role + " LOGIN");
                statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                statement.execute("ALTER TABLE books OWNER TO " + role);
                statement.execute("ALTER TABLE autogen_version OWNER TO " + role);
            }
            try (Connection owner = new ConnectionSpec(db.spec().url(), role, null).connect()) {
                assertEquals(List.of(), runner(owner, files.subList(0, 1)).upgrade("head"));
                assertEquals(1, runner(owner, files).upgrade("head").size());
                assertEquals(2, runner(owner, files).downgrade("base").size());
            } finally {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("DROP OWNED BY " + role);
                }
                try (Connection server = TestPostgres.admin().connect(); Statement statement = server.createStatement()) {
                    db.close();
                    statement.execute("DROP ROLE " + role);
                }
            }
        }
    }

    @Test
    void aRunnerThatCannotGetTheLockGivesUpNamingTheBackendThatHoldsIt() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect();
             Connection other = db.connect()) {
            int holder = holdMigrationLock(other);
            List<String> lines = new ArrayList<>();
            MigrationRunner runner = runner(connection, booksWithSlowIsbn(),
                    MigrationRunner.Options.defaults().withLockWait(Duration.ofSeconds(1)), lines::add);
            AutogenException e = assertThrows(AutogenException.class, () -> runner.upgrade("head"));
            assertTrue(e.getMessage().startsWith("Gave up after 1 s waiting for the migration lock on public.autogen_version: backend "
                    + holder + " (user postgres, "), e.getMessage());
            assertTrue(lines.get(0).startsWith("Waiting up to 1 s for the migration lock on public.autogen_version, held by backend "
                    + holder + " "), lines.toString());
            assertEquals(null, runner.current());
            assertFalse(columns(connection).contains("title"), "nothing ran");
        }
    }

    @Test
    void aStatementWaitingForATableLockSaysWhoHoldsItAndGivesUpAtTheLockTimeout() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect();
             Connection reader = db.connect()) {
            List<MigrationFile> files = booksWithSlowIsbn();
            runner(connection, files).upgrade("r1");
            int holder = pid(reader);
            reader.setAutoCommit(false);
            reader.createStatement().executeQuery("SELECT count(*) FROM books").close();
            List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
            MigrationRunner runner = runner(connection, files, MigrationRunner.Options.defaults()
                    .withLockTimeout(Duration.ofSeconds(4)).withMonitor(db::connect).withWarn(warnings::add), m -> { });
            AutogenException e = assertThrows(AutogenException.class, () -> runner.upgrade("head"));
            assertTrue(warnings.get(0).startsWith("Migration r2 (SlowAddIsbn) has waited "), warnings.toString());
            assertTrue(warnings.get(0).contains(" s for a lock held by backend " + holder + " (user postgres, "), warnings.toString());
            assertTrue(warnings.get(0).contains(", idle in transaction, since "), warnings.toString());
            assertTrue(warnings.get(0).endsWith("last statement: SELECT count(*) FROM books; queries on the table queue behind the "
                    + "migration meanwhile. It gives up after 4 s (autogen.lockTimeout)."), warnings.toString());
            assertTrue(e.getMessage().startsWith("Migration r2 (SlowAddIsbn) failed to upgrade and was rolled back after waiting 4 s "
                    + "for a lock held by backend " + holder + " (user postgres, "), e.getMessage());
            assertTrue(e.getMessage().endsWith("PostgreSQL says: ERROR: canceling statement due to lock timeout. "
                    + "The database is at revision r1 (CreateBooks)."), e.getMessage());
            reader.rollback();
            assertEquals("0", setting(connection, "lock_timeout"), "the session's own setting is back");
        }
    }

    @Test
    void twoRunnersInTwoProcessesApplyEachMigrationOnceAndBothEndWell() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            // both processes start while this test holds the lock, so that both must wait, then one finds the work done
            holdMigrationLock(connection);
            List<RunnerProcess.Child> children = List.of(RunnerProcess.start(db.spec()), RunnerProcess.start(db.spec()));
            for (RunnerProcess.Child child : children) {
                child.awaitLine("Waiting up to ", Duration.ofSeconds(60));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock_all()");
            }
            List<String> applied = new ArrayList<>();
            for (RunnerProcess.Child child : children) {
                assertEquals(0, child.exitCode(Duration.ofSeconds(60)), child.output());
                applied.addAll(child.applied());
            }
            applied.sort(null);
            assertEquals(List.of("r1", "r2"), applied, "each migration applied by exactly one runner");
            assertEquals("r2", runner(connection, booksWithSlowIsbn()).current());
            assertTrue(columns(connection).contains("isbn"));
        }
    }

    @Test
    void theVersionTableRecordsWhatEachMigrationDidWhenByWhomAndHowLong() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            MigrationRunner runner = runner(connection, booksWithSlowIsbn());
            runner.upgrade("head");
            List<MigrationRunner.AppliedMigration> rows = runner.appliedMigrations();
            assertEquals(List.of("r1", "r2"), rows.stream().map(MigrationRunner.AppliedMigration::revision).toList());
            for (MigrationRunner.AppliedMigration row : rows) {
                assertTrue(row.checksum().matches("[0-9a-f]{64}"), row.toString());
                assertEquals("postgres", row.appliedBy());
                assertTrue(row.appliedAt() != null, row.toString());
            }
            assertTrue(rows.get(1).executionMs() >= 1000, "the slow migration sleeps a second: " + rows.get(1));
        }
    }

    @Test
    void theChecksumIsOfTheStepsNotOfTheirJava() {
        Operations plain = new Operations();
        new CreateBooks().upgrade(plain);
        Operations built = new Operations();
        built.createTable(dev.autogen.script.Definitions.table("public", "books", column("id", "bigint").notNull(),
                column("title", "character varying(100)"), primaryKey("books_pkey", "id")));
        List<dev.autogen.change.Change> down = List.of(new dev.autogen.change.Change.DropTable(
                new dev.autogen.schema.QualifiedName("public", "books"), null));
        assertEquals(Checksums.of(plain.changes(), down), Checksums.of(built.changes(), down));
        Operations wider = new Operations();
        wider.createTable("public", "books", column("id", "bigint").notNull(), column("title", "character varying(101)"),
                primaryKey("books_pkey", "id"));
        assertFalse(Checksums.of(plain.changes(), down).equals(Checksums.of(wider.changes(), down)));
        assertFalse(Checksums.of(plain.changes(), down).equals(Checksums.of(plain.changes(), List.of())), "the downgrade counts");
    }

    @Test
    void aVersionRowNoFileDeclaresIsRefusedEverywhere() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            runner(connection, booksWithSlowIsbn()).upgrade("head");
            MigrationRunner withoutSecond = runner(connection, booksWithSlowIsbn().subList(0, 1));
            String expected = "The version table public.autogen_version records revision r2, which no migration file declares: "
                    + "its file was deleted, or the database belongs to another project. Restore that migration file, "
                    + "or point autogen.url at the right database.";
            assertEquals(expected, assertThrows(AutogenException.class, withoutSecond::current).getMessage());
            assertEquals(expected, assertThrows(AutogenException.class, () -> withoutSecond.upgrade("head")).getMessage());
            assertEquals(expected, assertThrows(AutogenException.class, () -> withoutSecond.downgrade("-1")).getMessage());
            assertTrue(assertThrows(AutogenException.class, withoutSecond::repair).getMessage()
                    .contains("repair records checksums of files, it does not forget migrations"));
        }
    }

    @Test
    void aVersionTableOfTheFirstShapeIsUpgradedInPlace() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE autogen_version (revision character varying(64) NOT NULL PRIMARY KEY,"
                        + " applied_at timestamp with time zone NOT NULL DEFAULT now())");
                statement.execute("CREATE TABLE books (id bigint NOT NULL, title character varying(100), CONSTRAINT books_pkey PRIMARY KEY (id))");
                statement.execute("INSERT INTO autogen_version (revision) VALUES ('r1')");
            }
            List<String> lines = new ArrayList<>();
            MigrationRunner runner = runner(connection, booksWithSlowIsbn(), MigrationRunner.Options.defaults(), lines::add);
            assertEquals("r1", runner.current(), "read as it is, before any upgrade");
            assertEquals(1, runner.upgrade("head").size());
            assertEquals("The version table public.autogen_version now records checksums, who applied each migration and how "
                    + "long it took; the checksums of the 1 migration(s) applied before are those of their files as they are now.",
                    lines.get(0));
            List<MigrationRunner.AppliedMigration> rows = runner.appliedMigrations();
            assertEquals(runner.checksum(booksWithSlowIsbn().get(0)), rows.get(0).checksum());
            assertEquals(null, rows.get(0).appliedBy(), "who applied it before is not known");
            assertEquals("postgres", rows.get(1).appliedBy());
        }
    }

    @Test
    void aRunnerKilledHalfWayLeavesTheLastCompleteMigrationAndTheNextUpgradeCompletes() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            RunnerProcess.Child child = RunnerProcess.start(db.spec(), "hanging");
            child.awaitLine("Upgrading to r2", Duration.ofSeconds(60));
            Thread.sleep(500);
            long killed = System.nanoTime();
            child.kill();

            MigrationRunner runner = runner(connection, booksWithSlowIsbn(),
                    MigrationRunner.Options.defaults().withLockWait(Duration.ofSeconds(30)), m -> { });
            assertEquals("r1", runner.current(), "the killed migration's row never committed");
            assertFalse(columns(connection).contains("isbn"), "nor its step");
            // the killed client's backend ends within seconds (client_connection_check_interval), not after its minute
            // of sleep, and with it its transaction and the migration lock
            assertEquals(List.of("r2"), runner.upgrade("head").stream().map(MigrationFile::revision).toList());
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
            assertTrue(seconds < 30, "the next upgrade completed " + seconds + " s after the kill");
            assertTrue(columns(connection).contains("isbn"));
            assertEquals(List.of("r1", "r2"), runner.appliedMigrations().stream().map(MigrationRunner.AppliedMigration::revision).toList());
        }
    }

    private static int holdMigrationLock(Connection connection) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            statement.setLong(1, new VersionTableSql(Configuration.DEFAULT_VERSION_TABLE).lockKey());
            statement.executeQuery().close();
        }
        return pid(connection);
    }

    private static int pid(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT setting FROM pg_settings WHERE name = '" + name + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> columns(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'books'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static boolean autoCommit(Connection connection) throws SQLException {
        return connection.getAutoCommit();
    }
}
