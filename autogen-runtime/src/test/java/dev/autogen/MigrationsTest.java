package dev.autogen;

import dev.autogen.runner.MigrationRunner;
import dev.autogen.script.MigrationFile;
import dev.autogen.sql.Safety;
import dev.autogen.testing.CompiledClasses;
import dev.autogen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.autogen.testing.MigrationTexts.addIsbn;
import static dev.autogen.testing.MigrationTexts.createBooks;
import static dev.autogen.testing.MigrationTexts.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-line entry point, as an application or a deployment job calls it, on a real database. */
class MigrationsTest {

    static final String PACKAGE = "com.example.migrations";

    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /** The class loader of an application built with {@code sources} (class name to text), as its jar. */
    private ClassLoader application(String name, Map<String, String> sources) throws IOException {
        Path classes = CompiledClasses.compile(dir.resolve(name), sources);
        Path jar = CompiledClasses.jar(classes, dir.resolve(name + ".jar"));
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, MigrationsTest.class.getClassLoader());
    }

    private static Map<String, String> bookshop() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(PACKAGE + ".M1_Books", createBooks(PACKAGE, "M1_Books", "aaa"));
        sources.put(PACKAGE + ".M2_Isbn", addIsbn(PACKAGE, "M2_Isbn", "bbb", "aaa"));
        return sources;
    }

    private Migrations load(TestDatabase db, ClassLoader application) {
        return Migrations.configure().dataSource(db.dataSource()).migrations(PACKAGE).classLoader(application)
                .log(log::add).warn(log::add).load();
    }

    @Test
    void upgradeAppliesWhatIsPendingAndValidatePassesAtTheHead() throws IOException {
        try (TestDatabase db = TestDatabase.create("runtime_upgrade")) {
            Migrations migrations = load(db, application("v1", bookshop()));
            assertNull(migrations.current());
            assertEquals(List.of("aaa", "bbb"), migrations.upgrade().stream().map(MigrationFile::revision).toList());
            assertEquals("bbb", migrations.current());
            migrations.validate();
            assertEquals("0", db.query("SELECT count(*) FROM books WHERE isbn IS NOT NULL"));
            assertEquals(List.of(), migrations.upgrade());
            assertEquals(2, Integer.parseInt(db.query("SELECT count(*) FROM autogen_version")));
            assertTrue(log.contains(db.url() + " is at revision bbb (M2_Isbn); nothing to apply."), log.toString());
        }
    }

    @Test
    void validateRefusesADatabaseBehindInOneLineNamingWhatIsMissing() throws IOException {
        try (TestDatabase db = TestDatabase.create("runtime_behind")) {
            Migrations migrations = load(db, application("v1", bookshop()));
            migrations.upgrade("aaa");
            AutogenException e = assertThrows(AutogenException.class, migrations::validate);
            assertEquals("The database " + db.url() + " is at revision aaa (M1_Books), behind revision bbb (M2_Isbn) that this "
                    + "application was built with: 1 migration is not applied (M2_Isbn). Apply them first (from a deployment "
                    + "job, with mvn autogen:upgrade, or with autogen.on-start=upgrade).", e.getMessage());
            migrations.validate("aaa");
            AutogenException base = assertThrows(AutogenException.class, () -> migrations.validate("base"));
            assertEquals("The database " + db.url() + " is at revision aaa (M1_Books), which holds migrations that base "
                    + "(no migration applied), the one this application expects, does not: start the version of the application "
                    + "that has them, or downgrade the database.", base.getMessage());
        }
    }

    @Test
    void aDatabaseOnOneBranchIsBehindTheMergeOfBoth() throws IOException {
        Map<String, String> sources = bookshop();
        sources.put(PACKAGE + ".M2_Price", migration(PACKAGE, "M2_Price", "ccc", "aaa",
                "op.addColumn(\"public\", \"books\", dev.autogen.script.Definitions.column(\"price\", \"numeric(8,2)\"));",
                "op.dropColumn(\"public\", \"books\", \"price\");"));
        sources.put(PACKAGE + ".M3_Merge", migration(PACKAGE, "M3_Merge", "ddd", "", "", "")
                .replace("parent = \"\"", "parents = {\"bbb\", \"ccc\"}"));
        try (TestDatabase db = TestDatabase.create("runtime_branches")) {
            Migrations migrations = load(db, application("v1", sources));
            migrations.upgrade("bbb");
            AutogenException e = assertThrows(AutogenException.class, migrations::validate);
            assertEquals("The database " + db.url() + " is at revision bbb (M2_Isbn), behind revision ddd (M3_Merge) that this "
                    + "application was built with: 2 migrations are not applied (M2_Price, M3_Merge). Apply them first (from a "
                    + "deployment job, with mvn autogen:upgrade, or with autogen.on-start=upgrade).", e.getMessage());
            migrations.upgrade();
            migrations.validate();
            assertEquals("ddd", migrations.current());

            migrations.downgrade("-1");
            String heads = "the heads revision bbb (M2_Isbn) and revision ccc (M2_Price) of branches not yet merged";
            assertTrue(log.contains("Downgraded " + db.url() + " to " + heads + "."), log.toString());
            AutogenException merge = assertThrows(AutogenException.class, migrations::validate);
            assertEquals("The database " + db.url() + " is at " + heads + ", behind revision ddd (M3_Merge) that this "
                    + "application was built with: 1 migration is not applied (M3_Merge). Apply them first (from a "
                    + "deployment job, with mvn autogen:upgrade, or with autogen.on-start=upgrade).", merge.getMessage());
        }
    }

    @Test
    void downgradeAndStampMoveTheRecordedRevision() throws IOException {
        try (TestDatabase db = TestDatabase.create("runtime_downgrade")) {
            Migrations migrations = load(db, application("v1", bookshop()));
            migrations.upgrade();
            assertEquals(List.of("bbb"), migrations.downgrade("-1").stream().map(MigrationFile::revision).toList());
            assertEquals("aaa", migrations.current());
            assertEquals("0", db.query("SELECT count(*) FROM information_schema.columns WHERE column_name = 'isbn'"));
            // stamp records without running: the column stays missing
            migrations.stamp("head");
            assertEquals("bbb", migrations.current());
            assertEquals("0", db.query("SELECT count(*) FROM information_schema.columns WHERE column_name = 'isbn'"));
            migrations.stamp("base");
            assertNull(migrations.current());
            assertEquals("1", db.query("SELECT count(*) FROM pg_tables WHERE tablename = 'books'"));
            AutogenException unknown = assertThrows(AutogenException.class, () -> migrations.stamp("nope"));
            assertEquals("Cannot stamp nope: no migration class in package com.example.migrations declares that revision",
                    unknown.getMessage());
        }
    }

    @Test
    void anEditedADeletedAndAnUnknownMigrationAreRefusedInOneLine() throws IOException {
        try (TestDatabase db = TestDatabase.create("runtime_edited")) {
            load(db, application("v1", bookshop())).upgrade();

            Map<String, String> edited = bookshop();
            edited.put(PACKAGE + ".M2_Isbn", migration(PACKAGE, "M2_Isbn", "bbb", "aaa",
                    "op.addColumn(\"public\", \"books\", dev.autogen.script.Definitions.column(\"isbn\", \"text\"));",
                    "op.dropColumn(\"public\", \"books\", \"isbn\");"));
            Migrations afterEdit = load(db, application("edited", edited));
            AutogenException e = assertThrows(AutogenException.class, afterEdit::validate);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("Migration com/example/migrations/M2_Isbn.java (revision bbb) was edited after "
                    + "being applied to this database"), e.getMessage());
            assertThrows(AutogenException.class, afterEdit::upgrade);

            Map<String, String> deleted = bookshop();
            deleted.remove(PACKAGE + ".M2_Isbn");
            AutogenException gone = assertThrows(AutogenException.class, () -> load(db, application("deleted", deleted)).validate());
            assertEquals(1, gone.getMessage().lines().count(), gone.getMessage());
            assertTrue(gone.getMessage().startsWith("The version table public.autogen_version records revision bbb, which no "
                    + "migration file declares"), gone.getMessage());
        }
    }

    @Test
    void twoInstancesStartingTogetherApplyEachMigrationOnce() throws Exception {
        Map<String, String> sources = bookshop();
        sources.put(PACKAGE + ".M3_Slow", migration(PACKAGE, "M3_Slow", "ccc", "bbb",
                "op.execute(\"SELECT pg_sleep(2)\");", ""));
        try (TestDatabase db = TestDatabase.create("runtime_two")) {
            ClassLoader application = application("v1", sources);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<List<MigrationFile>> instance = () -> load(db, application).upgrade();
                Future<List<MigrationFile>> first = pool.submit(instance);
                Future<List<MigrationFile>> second = pool.submit(instance);
                int applied = first.get().size() + second.get().size();
                assertEquals(3, applied);
            } finally {
                pool.shutdownNow();
            }
            assertEquals("3", db.query("SELECT count(*) FROM autogen_version"));
            assertTrue(log.stream().anyMatch(line -> line.startsWith("Waiting up to 5 min for the migration lock on "
                    + "public.autogen_version, held by backend ")), log.toString());
        }
    }

    @Test
    void theSettingsReachTheRunner() throws IOException {
        Map<String, String> sources = bookshop();
        sources.put(PACKAGE + ".M3_Slow", migration(PACKAGE, "M3_Slow", "ccc", "bbb", "op.execute(\"SELECT pg_sleep(3)\");", ""));
        try (TestDatabase db = TestDatabase.create("runtime_settings")) {
            Migrations migrations = Migrations.configure().dataSource(db.dataSource()).migrations(PACKAGE)
                    .classLoader(application("v1", sources)).versionTable("app_versions")
                    .lockWait(Duration.ofSeconds(1)).lockTimeout(Duration.ofSeconds(2)).safety(Safety.PLAIN).lockRetries(2)
                    .statementTimeout(Duration.ofSeconds(1)).log(log::add).load();
            MigrationRunner.Options options = migrations.options();
            assertEquals(Duration.ofSeconds(1), options.lockWait());
            assertEquals(Duration.ofSeconds(2), options.lockTimeout());
            assertEquals(Safety.PLAIN, options.safety());
            assertEquals(2, options.lockRetries());
            assertEquals(Duration.ofSeconds(1), options.statementTimeout());

            migrations.upgrade("bbb");
            assertEquals("2", db.query("SELECT count(*) FROM public.app_versions"));
            assertNull(db.query("SELECT to_regclass('public.autogen_version')"));
            AutogenException slow = assertThrows(AutogenException.class, migrations::upgrade);
            assertTrue(slow.getMessage().contains("canceling statement due to statement timeout"), slow.getMessage());
            assertEquals("bbb", migrations.current());
        }
    }

    @Test
    void anApplicationMigratesInTheOnlineFormByDefaultAsTheGoalsDo() throws IOException {
        try (TestDatabase db = TestDatabase.create("runtime_defaults")) {
            MigrationRunner.Options options = load(db, application("v1", bookshop())).options();
            assertEquals(Safety.ONLINE, options.safety());
            assertEquals(MigrationRunner.Options.DEFAULT_LOCK_TIMEOUT, options.effectiveLockTimeout());
            assertEquals(MigrationRunner.Options.DEFAULT_LOCK_WAIT, options.lockWait());
            assertNull(options.statementTimeout());
        }
    }

    @Test
    void aMissingDataSourceOrPackageIsRefusedBeforeAnythingRuns() {
        AutogenException noDataSource = assertThrows(AutogenException.class, () -> Migrations.configure().migrations(PACKAGE).load());
        assertEquals("No DataSource given: call dataSource(...) with the application's DataSource", noDataSource.getMessage());
        try (TestDatabase db = TestDatabase.create("runtime_nopackage")) {
            AutogenException noPackage = assertThrows(AutogenException.class, () -> Migrations.configure().dataSource(db.dataSource()).load());
            assertTrue(noPackage.getMessage().startsWith("No migrations package given"), noPackage.getMessage());
        }
    }
}
