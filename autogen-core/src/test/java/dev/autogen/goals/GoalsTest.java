package dev.autogen.goals;

import dev.autogen.AutogenException;
import dev.autogen.command.Autogen;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.script.MigrationFile;
import dev.autogen.testing.HandWrittenMigration;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.RecordingLog;
import dev.autogen.testing.Scenario;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The goals as a user runs them, on real files and a real database. */
class GoalsTest {

    private static final String MIGRATIONS = "dev.autogen.generated.goals";

    @TempDir
    Path migrations;

    private Configuration settings(List<String> packages, ClassLoader loader, ConnectionSpec database) {
        return Configuration.builder().packages(packages).migrationsDirectory(migrations).migrationsPackage(MIGRATIONS)
                .database(database).scratch(TestPostgres.admin()).classLoader(loader).build();
    }

    private List<Path> files() throws IOException {
        try (var list = Files.list(migrations)) {
            return list.sorted().toList();
        }
    }

    @Test
    void revisionReplayCheckUpgradeDowngrade() throws Exception {
        ClassLoader tests = GoalsTest.class.getClassLoader();
        RecordingLog log = new RecordingLog();

        Autogen.RevisionResult first = new Autogen(settings(List.of("dev.autogen.goals.shop"), tests, null), log)
                .revision("create shop");
        assertTrue(first.file().isPresent());
        assertTrue(log.text().contains("create table public.items"), log.text());
        assertTrue(log.text().contains("Wrote " + first.file().get()), log.text());
        assertTrue(log.text().contains("(proven: upgrade, downgrade and upgrade again on a scratch database leave nothing"
                + " to change)"), log.text());

        // replaying the written migration gives back the entities' schema: nothing more to write
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
        RecordingLog again = new RecordingLog();
        Autogen.RevisionResult none = new Autogen(settings(List.of("dev.autogen.goals.shop"), compiled, null), again)
                .revision("nothing");
        assertTrue(none.file().isEmpty());
        assertTrue(again.text().contains("No changes"), again.text());
        new Autogen(settings(List.of("dev.autogen.goals.shop"), compiled, null), new RecordingLog()).check();

        // an entity added without a migration is drift
        Autogen drifting = new Autogen(settings(List.of("dev.autogen.goals.shop", "dev.autogen.goals.extra"), compiled, null),
                new RecordingLog());
        AutogenException drift = assertThrows(AutogenException.class, drifting::check);
        assertTrue(drift.getMessage().startsWith("Model drift"), drift.getMessage());
        assertTrue(drift.getMessage().contains("create table public.labels"), drift.getMessage());

        Autogen.RevisionResult second = drifting.revision("add labels");
        String secondSource = Files.readString(second.file().orElseThrow());
        String firstRevision = Files.readString(first.file().get()).replaceAll("(?s).*@Revision\\(id = \"(\\w+)\".*", "$1");
        assertTrue(secondSource.contains("parent = \"" + firstRevision + "\""), secondSource);
        assertEquals(2, files().size());

        ClassLoader both = InMemoryCompiler.compileDirectory(migrations);
        try (ScratchDatabase live = TestPostgres.scratch().create("live"); Connection connection = live.connect()) {
            Autogen autogen = new Autogen(settings(List.of("dev.autogen.goals.shop", "dev.autogen.goals.extra"), both,
                    live.spec()), new RecordingLog());
            assertNull(autogen.current());

            List<MigrationFile> applied = autogen.upgrade("head");
            assertEquals(2, applied.size());
            assertEquals(Set.of("autogen_version", "items", "labels", "shelves"), tables(connection));
            assertEquals(applied.get(1).revision(), autogen.current());
            autogen.check();
            assertEquals(Scenario.reprint(Scenario.hibernateSchema(List.of(dev.autogen.goals.shop.Shelf.class,
                            dev.autogen.goals.shop.Item.class, dev.autogen.goals.extra.Label.class))).withColumnsByName(),
                    Scenario.reprint(Scenario.introspect(connection)).withColumnsByName(),
                    "the migrated database is the one Hibernate creates");

            RecordingLog history = new RecordingLog();
            new Autogen(settings(List.of("dev.autogen.goals.shop"), both, live.spec()), history).history();
            assertEquals(2, history.lines.size());
            assertTrue(history.lines.get(0).contains("(head) (current), add labels"), history.text());
            assertTrue(history.lines.get(0).matches(".*  applied \\S+Z by postgres in \\d+ ms, checksum matches"), history.text());

            // reformatting the applied file and editing its comments keeps its checksum
            Path secondFile = second.file().orElseThrow();
            Files.writeString(secondFile, "// reviewed\n" + secondSource.replace("    ", "  "));
            autogen = new Autogen(settings(List.of("dev.autogen.goals.shop", "dev.autogen.goals.extra"),
                    InMemoryCompiler.compileDirectory(migrations), live.spec()), new RecordingLog());
            assertEquals(applied.get(1).revision(), autogen.current());

            // changing what it does is refused until a review records the new checksum
            Files.writeString(secondFile, secondSource.replaceFirst("public void upgrade\\(Operations op\\) \\{",
                    "public void upgrade(Operations op) {\n        op.execute(\"SELECT 1\");"));
            RecordingLog edited = new RecordingLog();
            autogen = new Autogen(settings(List.of("dev.autogen.goals.shop", "dev.autogen.goals.extra"),
                    InMemoryCompiler.compileDirectory(migrations), live.spec()), edited);
            Autogen editedAutogen = autogen;
            AutogenException refused = assertThrows(AutogenException.class, editedAutogen::current);
            assertEquals("Migration " + secondFile + " (revision " + applied.get(1).revision() + ") was edited after being "
                    + "applied to this database: put it back as it was and write a new migration for the change, or, after "
                    + "review, record the new checksum with mvn autogen:repair.", refused.getMessage());
            assertThrows(AutogenException.class, () -> editedAutogen.upgrade("head"));
            assertThrows(AutogenException.class, () -> editedAutogen.downgrade("-1"));
            assertThrows(AutogenException.class, editedAutogen::check);
            autogen.history();
            assertTrue(edited.lines.get(0).endsWith("EDITED since applied (review, then mvn autogen:repair)"), edited.text());
            assertEquals(1, autogen.repair().size());
            assertEquals(applied.get(1).revision(), autogen.current());
            assertEquals(List.of(), autogen.repair());

            assertEquals(1, autogen.downgrade("-1").size());
            assertEquals(applied.get(0).revision(), autogen.current());
            assertEquals(Set.of("autogen_version", "items", "shelves"), tables(connection));
            autogen.downgrade("base");
            assertEquals(Set.of("autogen_version"), tables(connection));
            assertNull(autogen.current());
        }
    }

    @Test
    void aMigrationThatFailsItsProofOrDoesNotCompileIsNotWritten(@TempDir Path templates) throws Exception {
        String template = Files.readString(Path.of("../templates/migration.java.mustache"));
        // a downgrade that undoes nothing: the round trip finds the tables still there
        Files.writeString(templates.resolve("migration.java.mustache"),
                template.replaceAll("(?s)\\{\\{#downgrade}}.*\\{\\{/downgrade}}", ""));
        Configuration broken = settings(List.of("dev.autogen.goals.shop"), GoalsTest.class.getClassLoader(), null)
                .toBuilder().templatesDirectory(templates).build();
        AutogenException roundTrip = assertThrows(AutogenException.class,
                () -> new Autogen(broken, new RecordingLog()).revision("create shop"));
        assertTrue(roundTrip.getMessage().contains("failed its proof at downgrade, then comparing with the schema before it"
                + " (round trip): still finds "), roundTrip.getMessage());
        assertTrue(roundTrip.getMessage().contains("drop table public.items"), roundTrip.getMessage());
        assertTrue(roundTrip.getMessage().contains("Nothing was written. This is a defect of autogen"), roundTrip.getMessage());

        // without the proof the file is still compiled before it is written
        Files.writeString(templates.resolve("migration.java.mustache"),
                template.replace("public void upgrade(Operations op) {", "public void upgrade(Operations op) {\n        op.noSuchStep();"));
        AutogenException javac = assertThrows(AutogenException.class,
                () -> new Autogen(broken.toBuilder().prove(false).build(), new RecordingLog()).revision("create shop"));
        assertTrue(javac.getMessage().contains("failed its proof at compiling it: javac rejects it (line "), javac.getMessage());
        assertEquals(List.of(), files());

        // a template whose output is not Java at all is blamed, with the place javac's parser stops at
        Files.writeString(templates.resolve("migration.java.mustache"),
                template.replace("public void upgrade(Operations op) {", "public void upgrade(Operations op) {\n        op.execute(;"));
        AutogenException syntax = assertThrows(AutogenException.class,
                () -> new Autogen(broken.toBuilder().prove(false).build(), new RecordingLog()).revision("create shop"));
        // the line javac's compiler named for the unknown step put in the same place
        String line = javac.getMessage().replaceAll("(?s).*javac rejects it \\(line (\\d+):.*", "$1");
        assertEquals("The migration rendered from the template in " + templates + " for ", syntax.getMessage()
                .substring(0, syntax.getMessage().indexOf(" for ") + 5), syntax.getMessage());
        assertTrue(syntax.getMessage().endsWith(" is not valid Java (illegal start of expression at line " + line
                + ", column 20); nothing was written. Fix the template."), syntax.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void revisionAgainstALiveDatabaseThatIsBehindIsRefused() throws Exception {
        ClassLoader tests = GoalsTest.class.getClassLoader();
        new Autogen(settings(List.of("dev.autogen.goals.shop"), tests, null), new RecordingLog()).revision("create shop");
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
        try (ScratchDatabase live = TestPostgres.scratch().create("live")) {
            Autogen autogen = new Autogen(settings(List.of("dev.autogen.goals.shop"), compiled, live.spec()), new RecordingLog());
            AutogenException behind = assertThrows(AutogenException.class, () -> autogen.revision("more"));
            assertTrue(behind.getMessage().contains("run mvn autogen:upgrade first"), behind.getMessage());
            autogen.upgrade("head");
            RecordingLog log = new RecordingLog();
            Autogen atHead = new Autogen(settings(List.of("dev.autogen.goals.shop"), compiled, live.spec()), log);
            assertTrue(atHead.revision("more").file().isEmpty(), "at head and equal to the entities: no changes");
            assertTrue(log.text().contains("No changes: the database " + live.spec().displayUrl()
                    + " already matches the entities. Nothing written."), log.text());

            // against the live database, the proof runs on a copy of its schema stamped at the newest migration
            RecordingLog more = new RecordingLog();
            assertTrue(new Autogen(settings(List.of("dev.autogen.goals.shop", "dev.autogen.goals.extra"), compiled,
                    live.spec()), more).revision("labels").file().isPresent(), more.text());
            assertTrue(more.text().contains("(proven: upgrade, downgrade and upgrade again"), more.text());
        }
        assertEquals(2, files().size());
    }

    @Test
    void aMessageJavaWouldReadAsCodeOrAsTooLongANameStillMakesAFileThatCompiles() throws Exception {
        ClassLoader tests = GoalsTest.class.getClassLoader();
        String longWord = "x".repeat(300);
        Autogen.RevisionResult escaped = new Autogen(settings(List.of("dev.autogen.goals.shop"), tests, null), new RecordingLog())
                .revision("evil \\u002a/ x \\u000a \\ */ " + longWord);
        Path file = escaped.file().orElseThrow();
        assertTrue(file.getFileName().toString().length() <= "M20260101_000000_.java".length() + 60, file.toString());
        String java = Files.readString(file);
        assertTrue(java.contains("message = \"evil \\\\u002a/ x \\\\u000a \\\\ */ " + longWord + "\""), java);
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
        String className = MIGRATIONS + "." + file.getFileName().toString().replace(".java", "");
        assertEquals("evil \\u002a/ x \\u000a \\ */ " + longWord,
                compiled.loadClass(className).getAnnotation(dev.autogen.script.Revision.class).message());
    }

    @Test
    void aDatabaseBuiltAnotherWayIsAdoptedWithStamp() throws Exception {
        new Autogen(settings(List.of("dev.autogen.goals.shop"), GoalsTest.class.getClassLoader(), null), new RecordingLog())
                .revision("create shop");
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
        try (ScratchDatabase live = TestPostgres.scratch().create("live"); Connection connection = live.connect()) {
            Configuration configuration = settings(List.of("dev.autogen.goals.shop"), compiled, live.spec());
            String head = new Autogen(configuration, new RecordingLog()).upgrade("head").get(0).revision();
            // the schema is there, the record of it is not
            connection.createStatement().execute("DROP TABLE autogen_version");

            RecordingLog log = new RecordingLog();
            Autogen autogen = new Autogen(configuration, log);
            assertNull(autogen.current());
            assertTrue(log.text().contains("WARN The database has 2 tables but records no migration as applied: if it was "
                    + "built another way (Hibernate's ddl-auto, another tool, a version table dropped by hand), adopt it with "
                    + "mvn autogen:stamp -Dautogen.target=<the revision it matches>."), log.text());
            AutogenException upgrade = assertThrows(AutogenException.class, () -> autogen.upgrade("head"));
            assertTrue(upgrade.getMessage().contains("already exists"), upgrade.getMessage());
            assertTrue(upgrade.getMessage().endsWith("record the revision it matches with mvn autogen:stamp "
                    + "-Dautogen.target=<revision>, then upgrade."), upgrade.getMessage());
            AutogenException check = assertThrows(AutogenException.class, autogen::check);
            assertTrue(check.getMessage().contains("run mvn autogen:upgrade first. The database has 2 tables"), check.getMessage());

            autogen.stamp("head", false);
            assertEquals(head, autogen.current());
            assertTrue(log.text().contains("Stamped " + live.spec().url() + " at " + head), log.text());
            autogen.check();

            // a database that differs from the revision is refused with the differences, unless forced
            connection.createStatement().execute("CREATE TABLE notes (id integer)");
            AutogenException differs = assertThrows(AutogenException.class, () -> autogen.stamp("head", false));
            assertTrue(differs.getMessage().contains(" (1 change would make it match):\n  - drop table public.notes\n"),
                    differs.getMessage());
            assertTrue(differs.getMessage().endsWith("stamp anyway with -Dautogen.force=true."), differs.getMessage());
            String base = assertThrows(AutogenException.class, () -> autogen.stamp("base", false)).getMessage();
            assertTrue(base.contains("differs from the schema of base (no migration applied) ("), base);
            assertTrue(base.contains("\n  - drop table public.items"), base);
            autogen.stamp("base", true);
            assertNull(autogen.current());
            assertEquals(Set.of("autogen_version", "items", "notes", "shelves"), tables(connection), "nothing else touched");
        }
    }

    @Test
    void tablesAnotherToolOwnsAreLeftAlone() throws Exception {
        new Autogen(settings(List.of("dev.autogen.goals.shop"), GoalsTest.class.getClassLoader(), null), new RecordingLog())
                .revision("create shop");
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
        try (ScratchDatabase live = TestPostgres.scratch().create("live"); Connection connection = live.connect()) {
            Configuration plain = settings(List.of("dev.autogen.goals.shop"), compiled, live.spec());
            new Autogen(plain, new RecordingLog()).upgrade("head");
            connection.createStatement().execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY)");
            connection.createStatement().execute("CREATE SCHEMA legacy; CREATE TABLE legacy.old_items (id int)");

            AutogenException drift = assertThrows(AutogenException.class, () -> new Autogen(plain, new RecordingLog()).check());
            assertTrue(drift.getMessage().contains("drop table public.flyway_schema_history"), drift.getMessage());

            Configuration filtered = plain.toBuilder().filter(new dev.autogen.schema.SchemaFilter(List.of(), List.of("legacy"),
                    List.of(), List.of("flyway_*"))).build();
            RecordingLog log = new RecordingLog();
            new Autogen(filtered, log).check();
            assertTrue(log.text().contains("Not compared (views, and tables left out by configuration): public.flyway_schema_history"),
                    log.text());
            assertTrue(new Autogen(filtered, new RecordingLog()).revision("nothing").file().isEmpty());
        }
    }

    @Test
    void noEntityInThePackages() throws IOException {
        Autogen autogen = new Autogen(settings(List.of("dev.autogen.goals.empty"), GoalsTest.class.getClassLoader(), null),
                new RecordingLog());
        AutogenException e = assertThrows(AutogenException.class, () -> autogen.revision("x"));
        assertEquals("No @Entity class found in packages [dev.autogen.goals.empty]: check the <packages> of the autogen "
                + "plugin configuration and that the classes are compiled", e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void anEntityHibernateRejects() throws IOException {
        Autogen autogen = new Autogen(settings(List.of("dev.autogen.goals.rejected"), GoalsTest.class.getClassLoader(), null),
                new RecordingLog());
        AutogenException e = assertThrows(AutogenException.class, () -> autogen.revision("x"));
        assertTrue(e.getMessage().startsWith("Hibernate rejects the entities: "), e.getMessage());
        assertTrue(e.getMessage().contains("dev.autogen.goals.rejected.Broken.children"), e.getMessage());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(List.of(), files());
    }

    @Test
    void unreachableDatabase() {
        ConnectionSpec closed = ConnectionSpec.parse("jdbc:postgresql://localhost:1/app", "app", "secret");
        Autogen autogen = new Autogen(settings(List.of("dev.autogen.goals.shop"), GoalsTest.class.getClassLoader(), closed),
                new RecordingLog());
        AutogenException e = assertThrows(AutogenException.class, () -> autogen.upgrade("head"));
        assertTrue(e.getMessage().startsWith("Cannot reach database jdbc:postgresql://localhost:1/app: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Check that PostgreSQL is running there and that autogen.url is right."), e.getMessage());
    }

    @Test
    void wrongPassword() throws Exception {
        try (Connection admin = TestPostgres.admin().connect()) {
            admin.createStatement().execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'guarded') "
                    + "THEN CREATE ROLE guarded LOGIN PASSWORD 'right'; END IF; END $$");
            PasswordAuthentication.require(admin, "guarded");
        }
        ConnectionSpec wrong = ConnectionSpec.parse("jdbc:postgresql://localhost:" + TestPostgres.server().getPort() + "/postgres",
                "guarded", "wrong");
        Autogen autogen = new Autogen(settings(List.of("dev.autogen.goals.shop"), GoalsTest.class.getClassLoader(), wrong),
                new RecordingLog());
        AutogenException e = assertThrows(AutogenException.class, autogen::current);
        assertTrue(e.getMessage().startsWith("Cannot log in to database jdbc:postgresql://localhost:"), e.getMessage());
        assertTrue(e.getMessage().contains("as guarded"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Check autogen.user and autogen.password."), e.getMessage());
        // the right password works, so the message is about the password and nothing else
        ConnectionSpec.parse(wrong.url(), "guarded", "right").connect().close();
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = connection.createStatement().executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void aMigrationThatFailsWhereTheMigrationsReplayIsSaidAsTheReplaysFailure() throws Exception {
        HandWrittenMigration.write(migrations, MIGRATIONS, "M1_Broken", "b0000000001a", "", "broken",
                "op.execute(\"ALTER TABLE no_such_table ADD COLUMN a integer\");", "");
        AutogenException failed = assertThrows(AutogenException.class, () -> new Autogen(settings(
                List.of("dev.autogen.goals.shop"), InMemoryCompiler.compileDirectory(migrations), null), new RecordingLog()).check());
        // the database it is at is the scratch one, not the project's
        String replayFailed = "Cannot replay the migrations on a scratch database: Migration b0000000001a (M1_Broken) failed"
                + " to upgrade and was rolled back. Statement: ALTER TABLE no_such_table ADD COLUMN a integer. PostgreSQL says:"
                + " ERROR: relation \"no_such_table\" does not exist. The database is at base (no migration applied).";
        assertEquals(replayFailed, failed.getMessage());

        // stamp replays them to compare with the live database, which stays as it was
        try (ScratchDatabase live = TestPostgres.scratch().create("live"); Connection connection = live.connect()) {
            AutogenException stampFailed = assertThrows(AutogenException.class, () -> new Autogen(settings(
                    List.of("dev.autogen.goals.shop"), InMemoryCompiler.compileDirectory(migrations), live.spec()),
                    new RecordingLog()).stamp("head", false));
            assertEquals(replayFailed, stampFailed.getMessage());
            assertEquals(Set.of(), tables(connection));
        }
    }

    @Test
    void historyListsTheFilesWhenTheApplicationsDatabaseCannotBeReachedAndFailsForANamedOne() throws Exception {
        HandWrittenMigration.write(migrations, MIGRATIONS, "M1_Empty", "c0000000001a", "", "nothing yet", "", "");
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
        // nothing listens on port 1
        ConnectionSpec unreachable = ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:1/shop", "app", null);
        Configuration applications = settings(List.of("dev.autogen.goals.shop"), compiled, unreachable).toBuilder()
                .databaseNamed(false).build();
        RecordingLog log = new RecordingLog();
        List<MigrationFile> listed = new Autogen(applications, log).history();
        assertEquals(List.of("c0000000001a"), listed.stream().map(MigrationFile::revision).toList());
        assertTrue(log.text().contains("c0000000001a (head), nothing yet"), log.text());
        assertTrue(log.text().contains("Cannot reach database jdbc:postgresql://127.0.0.1:1/shop"), log.text());
        assertTrue(log.text().contains(". Listing the migrations without what it has applied."), log.text());

        AutogenException named = assertThrows(AutogenException.class, () -> new Autogen(settings(
                List.of("dev.autogen.goals.shop"), compiled, unreachable), new RecordingLog()).history());
        assertTrue(named.getMessage().startsWith("Cannot reach database jdbc:postgresql://127.0.0.1:1/shop"), named.getMessage());
    }
}
