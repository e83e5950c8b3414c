package dev.autogen.runner;

import dev.autogen.AutogenException;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.Column;
import dev.autogen.schema.Schema;
import dev.autogen.script.Definitions;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.sql.Safety;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.autogen.script.Definitions.column;
import static dev.autogen.script.Definitions.primaryKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online form as the runner sends it: it leaves the schema the plain form leaves, under the same checksum; a run
 * killed in the middle of an index build or of a validation goes on where it stopped when run again; the downgrade is its
 * exact inverse; a failed build leaves no INVALID index; a statement that locks a table outright gives up at the lock
 * timeout and is tried again.
 */
class OnlineRunnerTest {

    static final class CreateBooks implements Migration {
        public void upgrade(Operations op) {
            op.createTable("public", "authors", column("id", "bigint").notNull(), primaryKey("authors_pkey", "id"));
            op.createTable("public", "books", column("id", "bigint").notNull(), column("title", "character varying(100)"),
                    column("author_id", "bigint"), column("price", "numeric(8,2)"), column("isbn", "text"));
        }

        public void downgrade(Operations op) {
            op.dropTable("public", "books");
            op.dropTable("public", "authors");
        }
    }

    /** What the benchmark's migration does: an index, a foreign key, a check, a unique constraint, NOT NULL on a filled column. */
    static final class Tighten implements Migration {
        public void upgrade(Operations op) {
            op.createIndex("public", "books", Definitions.index("books_title_idx", "title"));
            op.addForeignKey("public", "books", Definitions.foreignKey("books_author_fk", List.of("author_id"), "public", "authors",
                    List.of("id")));
            op.addCheckConstraint("public", "books", "books_price_check", "price >= 0");
            op.addUniqueConstraint("public", "books", "books_isbn_key", "isbn");
            op.alterColumnNullable("public", "books", "title", false);
            op.addPrimaryKey("public", "books", "books_pkey", "id");
        }

        public void downgrade(Operations op) {
            op.dropConstraint("public", "books", "books_pkey");
            op.alterColumnNullable("public", "books", "title", true);
            op.dropConstraint("public", "books", "books_isbn_key");
            op.dropConstraint("public", "books", "books_price_check");
            op.dropConstraint("public", "books", "books_author_fk");
            op.dropIndex("public", "books", "books_title_idx");
        }
    }

    /** A column added to a table with rows: a statement that locks the table outright, and only that. */
    static final class AddNote implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "books", Column.column("note", "text"));
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "books", "note");
        }
    }

    /** A check whose every evaluation sleeps while the table slow says so: a validation long enough to be killed in. */
    static final class SlowCheck implements Migration {
        public void upgrade(Operations op) {
            op.addCheckConstraint("public", "books", "books_price_check", "slow_ok(price)");
        }

        public void downgrade(Operations op) {
            op.dropConstraint("public", "books", "books_price_check");
        }
    }

    /** The recipe for a required column on a table with rows: nullable, filled in batches, then NOT NULL online. */
    static final class AddStock implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "books", Column.column("stock", "integer"));
            op.backfill("public", "books", "stock = id % 7", "stock IS NULL", 1000);
            op.alterColumnNullable("public", "books", "stock", false);
        }

        public void downgrade(Operations op) {
            op.alterColumnNullable("public", "books", "stock", true);
            op.dropColumn("public", "books", "stock");
        }
    }

    static MigrationFile file(String id, String parent, Class<?> type) {
        return new MigrationFile(id, parent, type.getSimpleName(), "", "com.example.migrations." + type.getSimpleName(),
                Path.of(type.getSimpleName() + ".java"));
    }

    static List<MigrationFile> tighten() {
        return List.of(file("r1", "", CreateBooks.class), file("r2", "r1", Tighten.class));
    }

    static List<MigrationFile> slowCheck() {
        return List.of(file("r1", "", CreateBooks.class), file("r2", "r1", SlowCheck.class));
    }

    static List<MigrationFile> addStock() {
        return List.of(file("r1", "", CreateBooks.class), file("r2", "r1", AddStock.class));
    }

    static List<MigrationFile> addNote() {
        return List.of(file("r1", "", CreateBooks.class), file("r2", "r1", AddNote.class));
    }

    static MigrationRunner runner(Connection connection, List<MigrationFile> files, MigrationRunner.Options options,
                                  Consumer<String> log) {
        Map<String, Migration> migrations = Map.of("CreateBooks", new CreateBooks(), "Tighten", new Tighten(), "AddNote", new AddNote(),
                "SlowCheck", new SlowCheck(), "AddStock", new AddStock());
        Function<MigrationFile, Migration> loader = f -> migrations.get(f.message());
        return new MigrationRunner(connection, RevisionGraph.of(files), Configuration.DEFAULT_VERSION_TABLE, loader, log, options);
    }

    private static MigrationRunner online(Connection connection, List<MigrationFile> files) {
        return runner(connection, files, MigrationRunner.Options.defaults().withSafety(Safety.ONLINE), m -> { });
    }

    /** r1 applied, and rows that every constraint of Tighten accepts. */
    private static void filled(Connection connection, List<MigrationFile> files) throws SQLException {
        online(connection, files).upgrade("r1");
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO authors SELECT i FROM generate_series(1, 100) i");
            statement.execute("INSERT INTO books SELECT i, 't' || i, 1 + i % 100, i % 50, 'isbn-' || i FROM generate_series(1, 20000) i");
        }
    }

    @Test
    void theOnlineFormLeavesThePlainFormsSchemaUnderTheSameChecksumAndItsDowngradeIsItsInverse() throws Exception {
        try (ScratchDatabase plainDb = TestPostgres.scratch().create("online"); Connection plain = plainDb.connect();
             ScratchDatabase onlineDb = TestPostgres.scratch().create("online"); Connection online = onlineDb.connect()) {
            filled(plain, tighten());
            filled(online, tighten());
            Schema before = schema(online);
            runner(plain, tighten(), MigrationRunner.Options.defaults().withSafety(Safety.PLAIN), m -> { }).upgrade("head");
            List<String> lines = new ArrayList<>();
            MigrationRunner runner = runner(online, tighten(), MigrationRunner.Options.defaults().withSafety(Safety.ONLINE), lines::add);
            runner.upgrade("head");
            assertEquals(schema(plain), schema(online), "the online form ends where the plain form does");
            assertEquals(checksums(plain), checksums(online), "the checksum is of the steps, whatever form ran them");
            assertEquals(List.of(), pendingRows(online), "a complete migration is not part-way");

            runner.downgrade("r1");
            assertEquals(before, schema(online), "the downgrade, online too, is the upgrade's exact inverse");
            assertEquals(List.of("r1"), runner.appliedMigrations().stream().map(MigrationRunner.AppliedMigration::revision).toList());
            assertEquals(List.of(), pendingRows(online));
        }
    }

    @Test
    void killedWhileAnIndexIsBuiltTheRerunDropsTheInvalidIndexAndGoesOn() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("online"); Connection connection = db.connect();
             Connection writer = db.connect()) {
            filled(connection, tighten());
            Schema before = schema(connection);
            // the build waits for this open transaction, holding its index INVALID meanwhile
            writer.setAutoCommit(false);
            writer.createStatement().execute("UPDATE books SET price = price WHERE id = 1");
            RunnerProcess.Child child = OnlineRunnerProcess.start(db.spec());
            child.awaitLine("Upgrading to r2", Duration.ofSeconds(60));
            awaitStatement(connection, "CREATE INDEX CONCURRENTLY books_title_idx", true);
            child.kill();
            awaitGone(connection, "CREATE INDEX CONCURRENTLY books_title_idx");
            writer.rollback();

            assertEquals(List.of("r2 upgrade 0"), pendingRows(connection), "the migration was found part-way, before its build");
            assertEquals("false", indexValid(connection, "books_title_idx"), "the killed build left its index INVALID");
            List<String> lines = new CopyOnWriteArrayList<>();
            MigrationRunner runner = runner(connection, tighten(), MigrationRunner.Options.defaults().withSafety(Safety.PLAIN)
                    .withLockWait(Duration.ofSeconds(30)), lines::add);
            assertEquals("r1", runner.current(), "part-way is not applied");
            assertEquals(List.of("r2"), runner.upgrade("head").stream().map(MigrationFile::revision).toList());
            assertTrue(lines.contains("Upgrading to r2 (Tighten): Tighten (going on at statement 1 of 16, where the last run stopped)"),
                    lines.toString());
            assertTrue(lines.contains("Dropping the INVALID index public.books_title_idx the build that stopped left behind, to build "
                    + "it again."), lines.toString());
            assertEquals("true", indexValid(connection, "books_title_idx"));
            assertEquals(List.of(), pendingRows(connection));
            assertEquals(fullyTightened(db), schema(connection));

            runner.downgrade("r1");
            assertEquals(before, schema(connection));
        }
    }

    @Test
    void killedWhileAConstraintIsValidatedTheRerunGoesOnAfterWhatItCommitted() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("online"); Connection connection = db.connect()) {
            filled(connection, slowCheck());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE slow (still boolean)");
                statement.execute("INSERT INTO slow VALUES (true)");
                statement.execute("CREATE FUNCTION slow_ok(numeric) RETURNS boolean LANGUAGE sql AS "
                        + "'SELECT CASE WHEN (SELECT still FROM slow) THEN pg_sleep(0.01) IS NOT NULL ELSE $1 >= 0 END'");
            }
            RunnerProcess.Child child = OnlineRunnerProcess.start(db.spec(), "slow");
            awaitStatement(connection, "ALTER TABLE public.books VALIDATE CONSTRAINT books_price_check", false);
            child.kill();
            awaitGone(connection, "ALTER TABLE public.books VALIDATE CONSTRAINT books_price_check");
            connection.createStatement().execute("UPDATE slow SET still = false");

            assertEquals(List.of("r2 upgrade 1"), pendingRows(connection), "the NOT VALID check is committed, its validation not");
            assertEquals("f", validated(connection, "books_price_check"));
            MigrationRunner runner = online(connection, slowCheck());
            AutogenException refused = assertThrows(AutogenException.class, () -> runner.downgrade("base"));
            assertEquals("Migration r2 (SlowCheck) stopped part-way through its upgrade (1 statements of its online form done and "
                    + "committed): run autogen:upgrade again to finish it first; it goes on where it stopped.", refused.getMessage());
            assertEquals(List.of("r2"), runner.upgrade("head").stream().map(MigrationFile::revision).toList());
            assertEquals("t", validated(connection, "books_price_check"));
            assertEquals(List.of(), pendingRows(connection));
            assertEquals("r2 " + runner.checksum(slowCheck().get(1)), checksums(connection).get(1));
            runner.downgrade("r1");
            assertEquals("null", String.valueOf(validated(connection, "books_price_check")));
        }
    }

    @Test
    void aBackfillCommitsBatchByBatchAndARerunFillsTheRowsLeft() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("online"); Connection connection = db.connect()) {
            filled(connection, addStock());
            // a row that refuses to be updated while the table hold says so: the batch that reaches it fails
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE hold (still boolean)");
                statement.execute("INSERT INTO hold VALUES (true)");
                statement.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN IF NEW.id = 15000 AND "
                        + "(SELECT still FROM hold) THEN RAISE EXCEPTION ''row 15000 is not ready''; END IF; RETURN NEW; END'");
                statement.execute("CREATE TRIGGER books_refuse BEFORE UPDATE ON books FOR EACH ROW EXECUTE FUNCTION refuse()");
            }
            Schema before = schema(connection);
            List<String> lines = new CopyOnWriteArrayList<>();
            MigrationRunner.Options options = MigrationRunner.Options.defaults().withSafety(Safety.ONLINE);
            AutogenException e = assertThrows(AutogenException.class, () -> runner(connection, addStock(), options, lines::add)
                    .upgrade("head"));
            assertTrue(e.getMessage().startsWith("Migration r2 (AddStock) stopped part-way through its upgrade: the first 1 of its 6 "
                    + "statements are done and recorded in public.autogen_version; the transaction that failed was rolled back. "
                    + "Statement: WITH batch AS (UPDATE public.books SET stock = id % 7 WHERE ctid = ANY "
                    + "(ARRAY(SELECT ctid FROM public.books WHERE stock IS NULL LIMIT 1000)) RETURNING 1) SELECT count(*) > 0 FROM batch. "
                    + "PostgreSQL says: ERROR: row 15000 is not ready. Fix the cause and run upgrade again: it goes on where it stopped."),
                    e.getMessage());
            assertTrue(lines.contains("Backfill of public.books: 20000 rows to fill, 1000 at a time, each batch committed on its own."),
                    lines.toString());
            long left = count(connection, "SELECT count(*) FROM books WHERE stock IS NULL");
            assertTrue(left > 0 && left < 20000, "the batches before the held row stay committed: " + left + " rows left");
            assertEquals(List.of("r2 upgrade 1"), pendingRows(connection));

            connection.createStatement().execute("UPDATE hold SET still = false");
            lines.clear();
            runner(connection, addStock(), options, lines::add).upgrade("head");
            assertTrue(lines.contains("Backfill of public.books: " + left + " rows to fill, 1000 at a time, each batch committed on its "
                    + "own."), lines.toString());
            assertEquals(0, count(connection, "SELECT count(*) FROM books WHERE stock IS NULL OR stock <> id % 7"));
            assertEquals(0, count(connection, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'books' "
                    + "AND column_name = 'stock' AND is_nullable = 'YES'"), "stock is NOT NULL");
            assertEquals(List.of(), pendingRows(connection));
            runner(connection, addStock(), options, lines::add).downgrade("r1");
            assertEquals(before, schema(connection));
        }
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aUniqueBuildThatFailsOnDuplicatesLeavesNoInvalidIndex() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("online"); Connection connection = db.connect()) {
            filled(connection, tighten());
            connection.createStatement().execute("UPDATE books SET isbn = 'same' WHERE id IN (7, 8)");
            Schema before = schema(connection);
            AutogenException e = assertThrows(AutogenException.class, () -> online(connection, tighten()).upgrade("head"));
            assertTrue(e.getMessage().startsWith("Migration r2 (Tighten) stopped part-way through its upgrade: the first 5 of its 16 "
                    + "statements are done and recorded in public.autogen_version; the INVALID index public.books_isbn_key the build "
                    + "left behind was dropped. Statement: CREATE UNIQUE INDEX CONCURRENTLY books_isbn_key ON public.books USING "
                    + "btree (isbn). PostgreSQL says: ERROR: could not create unique index \"books_isbn_key\". Fix the cause and "
                    + "run upgrade again: it goes on where it stopped."), e.getMessage());
            assertEquals("null", indexValid(connection, "books_isbn_key"), "no index is left behind");
            assertEquals(List.of("r2 upgrade 5"), pendingRows(connection));

            connection.createStatement().execute("UPDATE books SET isbn = 'isbn-8' WHERE id = 8");
            online(connection, tighten()).upgrade("head");
            assertEquals(fullyTightened(db), schema(connection));
            online(connection, tighten()).downgrade("r1");
            assertEquals(before, schema(connection));
        }
    }

    @Test
    void aStatementThatLocksTheTableOutrightGivesUpAtTheLockTimeoutAndIsTriedAgain() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("online"); Connection connection = db.connect();
             Connection reader = db.connect()) {
            filled(connection, addNote());
            reader.setAutoCommit(false);
            reader.createStatement().executeQuery("SELECT count(*) FROM books").close();
            List<String> warnings = new CopyOnWriteArrayList<>();
            MigrationRunner.Options options = MigrationRunner.Options.defaults().withSafety(Safety.ONLINE)
                    .withLockTimeout(Duration.ofMillis(200)).withLockRetries(2).withWarn(warnings::add);
            AutogenException e = assertThrows(AutogenException.class, () -> runner(connection, addNote(), options, m -> { }).upgrade("head"));
            assertTrue(e.getMessage().startsWith("Migration r2 (AddNote) failed to upgrade and was rolled back after waiting 200 ms "
                    + "for a lock, in each of 3 attempts. Statement: ALTER TABLE public.books ADD COLUMN note text."), e.getMessage());
            assertEquals(List.of("Migration r2 (AddNote) waited 200 ms for a lock; its transaction was rolled back and is tried again "
                    + "in 1 s (attempt 2 of 3, autogen.lockRetries).", "Migration r2 (AddNote) waited 200 ms for a lock; its transaction "
                    + "was rolled back and is tried again in 2 s (attempt 3 of 3, autogen.lockRetries)."), warnings);

            warnings.clear();
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(600);
                    reader.rollback();
                } catch (Exception ignored) {
                    // the assertion below says it
                }
            });
            release.start();
            assertEquals(List.of("r2"), runner(connection, addNote(), options, m -> { }).upgrade("head").stream()
                    .map(MigrationFile::revision).toList());
            release.join();
            assertEquals(1, warnings.size(), warnings.toString());
        }
    }

    private static Schema fullyTightened(ScratchDatabase db) throws SQLException {
        try (ScratchDatabase other = TestPostgres.scratch().create("online_plain"); Connection plain = other.connect()) {
            filled(plain, tighten());
            runner(plain, tighten(), MigrationRunner.Options.defaults(), m -> { }).upgrade("head");
            return schema(plain);
        }
    }

    private static Schema schema(Connection connection) throws SQLException {
        return new Introspector(name -> name.equals(Configuration.DEFAULT_VERSION_TABLE)).read(connection, Set.of("public"));
    }

    private static List<String> checksums(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery("SELECT revision, checksum FROM autogen_version ORDER BY revision")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    private static List<String> pendingRows(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = connection.createStatement().executeQuery(
                "SELECT revision, pending, statements_done FROM autogen_version WHERE pending IS NOT NULL ORDER BY revision")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return rows;
    }

    private static String indexValid(Connection connection, String index) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT (SELECT indisvalid::text FROM pg_index WHERE indexrelid = to_regclass(?))")) {
            statement.setString(1, "public." + index);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return String.valueOf(rs.getString(1));
            }
        }
    }

    /** Waits until a backend runs {@code statement}, with {@code waiting} waiting for a lock. */
    private static void awaitStatement(Connection connection, String statement, boolean waiting) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (backends(connection, statement, waiting) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no backend ran " + statement);
    }

    private static String validated(Connection connection, String constraint) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT (SELECT convalidated::text FROM pg_constraint "
                + "WHERE conname = ?)")) {
            statement.setString(1, constraint);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                String value = rs.getString(1);
                return value == null ? null : value.substring(0, 1);
            }
        }
    }

    /** Waits until no backend runs {@code statement}: the killed client's backend ends (client_connection_check_interval). */
    private static void awaitGone(Connection connection, String statement) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (backends(connection, statement, false) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the killed runner's backend still runs " + statement);
    }

    private static int backends(Connection connection, String statement, boolean waiting) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE query LIKE ? AND pid <> "
                + "pg_backend_pid()" + (waiting ? " AND wait_event_type = 'Lock'" : ""))) {
            s.setString(1, statement + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A runner in a JVM of its own, upgrading {@link #tighten()} (or {@link #slowCheck()}) to head in the online form. */
    public static final class OnlineRunnerProcess {

        public static void main(String[] args) throws Exception {
            ConnectionSpec database = new ConnectionSpec(args[0], args[1], null);
            try (Connection connection = database.connect()) {
                MigrationRunner runner = runner(connection, args.length > 2 ? slowCheck() : tighten(),
                        MigrationRunner.Options.defaults().withSafety(Safety.ONLINE)
                        .withLockWait(Duration.ofSeconds(60)), OnlineRunnerProcess::say);
                for (MigrationFile file : runner.upgrade("head")) {
                    say("APPLIED " + file.revision());
                }
            }
        }

        private static synchronized void say(String line) {
            System.out.println(line);
            System.out.flush();
        }

        /** Given "slow", the process upgrades {@link #slowCheck()}. */
        static RunnerProcess.Child start(ConnectionSpec database, String... plan) throws java.io.IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                    OnlineRunnerProcess.class.getName(), database.url(), database.user()));
            command.addAll(List.of(plan));
            return new RunnerProcess.Child(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
    }
}
