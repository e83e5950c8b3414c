package dev.autogen.goals;

import dev.autogen.AutogenException;
import dev.autogen.command.Autogen;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.testing.HandWrittenMigration;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.RecordingLog;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check run again with nothing changed is served from the schemas an earlier run built, without a scratch
 * server; a changed entity or a changed migration file is never served what was built before it changed.
 */
class SchemaCacheTest {

    private static final String MIGRATIONS = "dev.autogen.generated.cached";

    @TempDir
    Path migrations;

    @TempDir
    Path cache;

    /** How often a goal asked for the scratch server. */
    private final AtomicInteger scratchStarts = new AtomicInteger();

    @TempDir
    Path classes;

    private Autogen autogen(List<String> packages, ClassLoader loader, RecordingLog log) {
        return autogen(packages, loader, java.util.Map.of(), log);
    }

    private Autogen autogen(List<String> packages, ClassLoader loader, java.util.Map<String, Object> hibernate, RecordingLog log) {
        return new Autogen(Configuration.builder().packages(packages).migrationsDirectory(migrations)
                .migrationsPackage(MIGRATIONS).classLoader(loader).cacheDirectory(cache).hibernateSettings(hibernate)
                .scratch(() -> {
                    scratchStarts.incrementAndGet();
                    return TestPostgres.admin();
                }).build(), log);
    }

    private int startsDuring(Runnable goal) {
        int before = scratchStarts.get();
        goal.run();
        return scratchStarts.get() - before;
    }

    @Test
    void unchangedRunsSkipTheScratchServerAndChangesAreNeverServedFromTheCache() throws Exception {
        List<String> shop = List.of("dev.autogen.goals.shop");
        ClassLoader tests = SchemaCacheTest.class.getClassLoader();
        Path file = autogen(shop, tests, new RecordingLog()).revision("create shop").file().orElseThrow();
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);

        // the revision's proof left what the new migration replays to, and the key of its print, which is the
        // entities': the first check starts no scratch server and reads no schema (set aside here), and neither does
        // the second
        java.util.Map<Path, byte[]> replayed = setAside("replay-");
        RecordingLog afterRevision = new RecordingLog();
        assertEquals(0, startsDuring(() -> autogen(shop, compiled, afterRevision).check()));
        putBack(replayed);
        assertTrue(afterRevision.text().contains("the migrations' schema, the entities' schema, PostgreSQL's print of both sides"),
                afterRevision.text());
        RecordingLog unchanged = new RecordingLog();
        assertEquals(0, startsDuring(() -> autogen(shop, compiled, unchanged).check()));
        assertTrue(unchanged.text().contains("Unchanged since an earlier run, read from " + cache
                + ": the migrations' schema, the entities' schema, PostgreSQL's print of both sides"), unchanged.text());
        assertTrue(unchanged.text().contains("The migrations match the entities."), unchanged.text());

        // with nothing changed, what the migrations replay to and the two prints are not read: the keys of the prints
        // are (the entries here set aside, so that reading one would not find it)
        java.util.Map<Path, byte[]> replayedAndPrints = setAside("replay-");
        replayedAndPrints.putAll(setAside("reprint-"));
        RecordingLog summarised = new RecordingLog();
        assertEquals(0, startsDuring(() -> autogen(shop, compiled, summarised).check()));
        assertTrue(summarised.text().contains("the migrations' schema, the entities' schema, PostgreSQL's print of both sides")
                && summarised.text().contains("The migrations match the entities."), summarised.text());
        putBack(replayedAndPrints);

        // an entity more: its schema is built again, and the drift is found
        RecordingLog entityAdded = new RecordingLog();
        List<String> more = List.of("dev.autogen.goals.shop", "dev.autogen.goals.extra");
        assertEquals(1, startsDuring(() -> {
            AutogenException drift = assertThrows(AutogenException.class, () -> autogen(more, compiled, entityAdded).check());
            assertTrue(drift.getMessage().contains("create table public.labels"), drift.getMessage());
        }));
        assertFalse(entityAdded.text().contains("the entities' schema"), entityAdded.text());

        // a migration file edited: the migrations are replayed again
        Files.writeString(file, "\n// reviewed\n", StandardOpenOption.APPEND);
        RecordingLog edited = new RecordingLog();
        assertEquals(1, startsDuring(() -> autogen(shop, InMemoryCompiler.compileDirectory(migrations), edited).check()));
        assertFalse(edited.text().contains("the migrations' schema"), edited.text());

        // the migration deleted: the replay is empty, so the whole shop is drift, not what the cache held
        Files.delete(file);
        AutogenException empty = assertThrows(AutogenException.class,
                () -> autogen(shop, tests, new RecordingLog()).check());
        assertTrue(empty.getMessage().contains("create table public.items"), empty.getMessage());
    }

    @Test
    void aLiveDatabaseIsRecalledOnlyWhileItsCatalogIsUnchanged() throws Exception {
        List<String> shop = List.of("dev.autogen.goals.shop");
        ClassLoader tests = SchemaCacheTest.class.getClassLoader();
        autogen(shop, tests, new RecordingLog()).revision("create shop");
        ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
        try (dev.autogen.db.ScratchAdmin.ScratchDatabase live = TestPostgres.scratch().create("live");
             java.sql.Connection connection = live.connect(); java.sql.Statement statement = connection.createStatement()) {
            java.util.function.Function<RecordingLog, Autogen> onLive = log -> new Autogen(Configuration.builder()
                    .packages(shop).migrationsDirectory(migrations).migrationsPackage(MIGRATIONS).classLoader(compiled)
                    .cacheDirectory(cache).database(live.spec()).scratch(() -> {
                        scratchStarts.incrementAndGet();
                        return TestPostgres.admin();
                    }).build(), log);
            onLive.apply(new RecordingLog()).upgrade("head");
            onLive.apply(new RecordingLog()).check();

            // read again: PostgreSQL's digest of the catalog is what it was, so its print is recalled
            RecordingLog unchanged = new RecordingLog();
            assertEquals(0, startsDuring(() -> onLive.apply(unchanged).check()));
            assertTrue(unchanged.text().contains("PostgreSQL's print of both sides"), unchanged.text());

            // the database's print is the entities' own: a run with nothing changed reads no print, only the small
            // entries that name it (the prints here set aside, so that reading one would not find it)
            java.util.Map<Path, byte[]> prints = setAside("reprint-");
            RecordingLog summarised = new RecordingLog();
            assertEquals(0, startsDuring(() -> onLive.apply(summarised).check()));
            assertTrue(summarised.text().contains("the entities' schema, PostgreSQL's print of both sides")
                    && summarised.text().contains("matches the entities"), summarised.text());
            putBack(prints);

            // a column added by hand is found, though the cache holds the database as it was
            statement.execute("ALTER TABLE items ADD COLUMN note text");
            AutogenException added = assertThrows(AutogenException.class, () -> onLive.apply(new RecordingLog()).check());
            assertTrue(added.getMessage().contains("drop column public.items.note"), added.getMessage());

            // the column dropped again, then a comment written by hand: one row's text differs, and that is seen
            statement.execute("ALTER TABLE items DROP COLUMN note");
            onLive.apply(new RecordingLog()).check();
            statement.execute("COMMENT ON TABLE items IS 'by hand'");
            AutogenException commented = assertThrows(AutogenException.class, () -> onLive.apply(new RecordingLog()).check());
            assertTrue(commented.getMessage().contains("public.items"), commented.getMessage());

            // back as it was: the catalog digests as before, and matches again
            statement.execute("COMMENT ON TABLE items IS NULL");
            RecordingLog restored = new RecordingLog();
            assertEquals(0, startsDuring(() -> onLive.apply(restored).check()));
            assertTrue(restored.text().contains("matches the entities"), restored.text());
        }
    }

    private static final String WIDGETS = "dev.autogen.generated.widgets";

    private static String widget(String fields) {
        return "package " + WIDGETS + ";\n@jakarta.persistence.Entity public class Widget {\n"
                + "@jakarta.persistence.Id public Long id;\npublic String label;\n" + fields + "}\n";
    }

    /** The project's classes as its build leaves them: entities and migrations compiled into one directory. */
    private java.net.URLClassLoader compiled(String widgetFields) throws Exception {
        java.util.Map<String, String> sources = new java.util.HashMap<>();
        sources.put(WIDGETS + ".Widget", widget(widgetFields));
        try (var files = Files.list(migrations)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(MIGRATIONS + "." + file.getFileName().toString().replace(".java", ""), Files.readString(file));
            }
        }
        InMemoryCompiler.compileInto(classes, sources);
        return new java.net.URLClassLoader(new java.net.URL[]{classes.toUri().toURL()}, SchemaCacheTest.class.getClassLoader());
    }

    @Test
    void hibernateBootsOnlyWhenTheClassPathOrItsSettingsChanged() throws Exception {
        List<String> widgets = List.of(WIDGETS);
        autogen(widgets, compiled("public int unitPrice;\n"), new RecordingLog()).revision("create widgets");
        // the build compiles the new migration: a class Hibernate maps none of, so it does not boot again
        RecordingLog recompiled = new RecordingLog();
        autogen(widgets, compiled("public int unitPrice;\n"), recompiled).check();
        assertTrue(recompiled.text().contains(": Hibernate's DDL"), recompiled.text());
        assertFalse(recompiled.phases.contains("Hibernate boot"), recompiled.phases.toString());
        // another class in the migrations package is no migration: Hibernate might map it, so it boots
        Files.writeString(migrations.resolve("Helper.java"), "package " + MIGRATIONS + ";\npublic class Helper {\n}\n");
        RecordingLog helper = new RecordingLog();
        autogen(widgets, compiled("public int unitPrice;\n"), helper).check();
        assertTrue(helper.phases.contains("Hibernate boot"), helper.phases.toString());

        RecordingLog unchanged = new RecordingLog();
        assertEquals(0, startsDuring(() -> {
            try {
                autogen(widgets, compiled("public int unitPrice;\n"), unchanged).check();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        assertTrue(unchanged.text().contains("Unchanged since an earlier run, read from " + cache
                + ": Hibernate's DDL, the migrations' schema, the entities' schema, PostgreSQL's print of both sides"), unchanged.text());

        // what the diff needs of Hibernate's DDL is its digest and schemas: the DDL itself is not read (here set aside)
        java.util.Map<Path, byte[]> ddl = setAside("hibernate-");
        RecordingLog summarised = new RecordingLog();
        autogen(widgets, compiled("public int unitPrice;\n"), summarised).check();
        assertTrue(summarised.text().contains(": Hibernate's DDL, the migrations' schema"), summarised.text());
        assertFalse(summarised.phases.contains("Hibernate boot"), summarised.phases.toString());
        // the entities' schema gone too: it is built from the DDL, which, not found either, Hibernate writes again
        java.util.Map<Path, byte[]> entities = setAside("entities-");
        entities.putAll(setAside("target-"));
        RecordingLog rebuilt = new RecordingLog();
        autogen(widgets, compiled("public int unitPrice;\n"), rebuilt).check();
        assertTrue(rebuilt.phases.contains("Hibernate boot") && rebuilt.phases.contains("target DDL"), rebuilt.phases.toString());
        assertTrue(rebuilt.text().contains("The migrations match the entities."), rebuilt.text());
        putBack(entities);
        putBack(ddl);

        // the entity edited and compiled again: Hibernate boots and the new column is drift
        RecordingLog edited = new RecordingLog();
        ClassLoader editedClasses = compiled("public int unitPrice;\npublic int quantity;\n");
        AutogenException drift = assertThrows(AutogenException.class, () -> autogen(widgets, editedClasses, edited).check());
        assertTrue(drift.getMessage().contains("add column public.widget.quantity"), drift.getMessage());
        assertFalse(edited.text().contains("Hibernate's DDL"), edited.text());

        // the same classes under another naming strategy: Hibernate boots, and names unitPrice unit_price
        ClassLoader original = compiled("public int unitPrice;\n");
        RecordingLog renamed = new RecordingLog();
        AutogenException naming = assertThrows(AutogenException.class, () -> autogen(widgets, original, java.util.Map.of(
                "hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"),
                renamed).check());
        assertTrue(naming.getMessage().contains("add column public.widget.unit_price"), naming.getMessage());
        assertFalse(renamed.text().contains("Hibernate's DDL"), renamed.text());
    }

    /** How often a migration of {@link #counted} ran its upgrade(), in this JVM. */
    private static final String UPGRADES = "autogen.test.upgrades";

    /** The migration file, its upgrade() counting its calls in {@link #UPGRADES}. */
    private static void counted(Path migration) throws Exception {
        String text = Files.readString(migration);
        String upgrade = "public void upgrade(Operations op) {";
        assertTrue(text.contains(upgrade), text);
        Files.writeString(migration, text.replace(upgrade, upgrade + "\n        System.setProperty(\"" + UPGRADES
                + "\", String.valueOf(Integer.getInteger(\"" + UPGRADES + "\", 0) + 1));"));
    }

    @Test
    void aMigrationsChecksumIsWorkedOutOnceForItsClassesAndAnEditAfterItWasAppliedIsStillCaught() throws Exception {
        List<String> widgets = List.of(WIDGETS);
        Path migration = autogen(widgets, compiled("public int unitPrice;\n"), new RecordingLog()).revision("create widgets")
                .file().orElseThrow();
        counted(migration);
        ClassLoader classes = compiled("public int unitPrice;\n");
        try (dev.autogen.db.ScratchAdmin.ScratchDatabase live = TestPostgres.scratch().create("live")) {
            java.util.function.Function<ClassLoader, Autogen> onLive = loader -> new Autogen(Configuration.builder()
                    .packages(widgets).migrationsDirectory(migrations).migrationsPackage(MIGRATIONS).classLoader(loader)
                    .cacheDirectory(cache).database(live.spec()).scratch(TestPostgres::admin).build(), new RecordingLog());
            Autogen upgrade = onLive.apply(classes);
            upgrade.upgrade("head");
            upgrade.keepChecksums();
            assertTrue(Integer.getInteger(UPGRADES, 0) > 0, "the upgrade ran the migration");

            // a check verifies the applied migration's checksum, and keeps it; the next check, on the same classes,
            // recalls it
            Autogen first = onLive.apply(classes);
            first.check();
            first.keepChecksums();
            int afterUpgrade = Integer.getInteger(UPGRADES, 0);
            Autogen check = onLive.apply(classes);
            check.check();
            check.keepChecksums();
            assertEquals(afterUpgrade, Integer.getInteger(UPGRADES, 0), "upgrade() was not run again for its checksum");

            // the migration edited after it was applied, and compiled again: its checksum is worked out anew, and differs
            String upgradeStart = "public void upgrade(Operations op) {";
            Files.writeString(migration, Files.readString(migration).replace(upgradeStart,
                    upgradeStart + "\n        op.execute(\"SELECT 1\", \"SELECT 1\");"));
            ClassLoader edited = compiled("public int unitPrice;\n");
            AutogenException caught = assertThrows(AutogenException.class, () -> onLive.apply(edited).check());
            assertTrue(caught.getMessage().contains("edited after being applied"), caught.getMessage());
            assertTrue(Integer.getInteger(UPGRADES, 0) > afterUpgrade, "upgrade() ran for the edited class's checksum");
        }
    }

    /** A migration that the scratch server is too small for: its sort spills past the temporary file limit it sets. */
    @Test
    void aScratchServerTooSmallForTheMigrationsIsSaidAsSuch() throws Exception {
        HandWrittenMigration.write(migrations, MIGRATIONS, "M20261122_100000_Sorted", "5a5a5a5a5a5a", "", "sorted",
                "op.execute(\"SET LOCAL temp_file_limit = '64kB'\", \"SELECT 1\");\n"
                        + "        op.execute(\"CREATE TABLE public.sorted AS SELECT g FROM generate_series(1, 500000) g ORDER BY g"
                        + " DESC\", \"DROP TABLE public.sorted\");",
                "op.execute(\"DROP TABLE public.sorted\");");
        AutogenException said = assertThrows(AutogenException.class,
                () -> autogen(List.of(WIDGETS), compiled("public int unitPrice;\n"), new RecordingLog()).check());
        assertTrue(said.getMessage().startsWith("Cannot replay the migrations: the scratch PostgreSQL ran out of a configured"
                + " limit (SQLSTATE 53400: temporary file size exceeds temp_file_limit (64kB)). Give the scratch server more"
                + " of it, then run again."), said.getMessage());
    }

    @Test
    void migrationsThatInstallAnExtensionAreReplayedBeforeTheEntitiesSchemaIsBuiltWithIt() throws Exception {
        // written by hand: autogen writes no CREATE EXTENSION
        HandWrittenMigration.write(migrations, MIGRATIONS, "M20261122_100000_Citext", "c1c1c1c1c1c1", "", "citext",
                "op.execute(\"CREATE EXTENSION citext\", \"DROP EXTENSION citext\");", "op.execute(\"DROP EXTENSION citext\");");
        String email = "@jakarta.persistence.Column(columnDefinition = \"citext\") public String email;\n";
        List<String> widgets = List.of(WIDGETS);
        autogen(widgets, compiled(email), new RecordingLog()).revision("widgets with email");
        RecordingLog checked = new RecordingLog();
        autogen(widgets, compiled(email), checked).check();
        assertTrue(checked.text().contains("The migrations match the entities."), checked.text());
    }

    @Test
    void aCheckMatchesNoWrittenTextAndARevisionAfterItStillWritesTheEntitiesTextAsWritten() throws Exception {
        List<String> widgets = List.of(WIDGETS);
        String state = "@org.hibernate.annotations.ColumnDefault(\"'new'\") public String state;\n";
        Path first = autogen(widgets, compiled(state), new RecordingLog()).revision("create widgets").file().orElseThrow();
        String written = upgrade(Files.readString(first));
        // PostgreSQL prints the default 'new'::character varying; the migration says it as the entity does
        assertTrue(written.contains("'new'") && !written.contains("::character varying"), written);

        // a check with nothing to change, from an empty cache: the entities' schema is built without matching text
        clearCache();
        RecordingLog checked = new RecordingLog();
        autogen(widgets, compiled(state), checked).check();
        assertTrue(checked.text().contains("The migrations match the entities."), checked.text());
        assertTrue(checked.phases.contains("target DDL") && !checked.phases.contains("written text"), checked.phases.toString());

        // a revision of the same entities finds that schema in the cache without text, and matches it then
        Files.delete(first);
        RecordingLog revised = new RecordingLog();
        Path second = autogen(widgets, compiled(state), revised).revision("create widgets again").file().orElseThrow();
        assertTrue(revised.phases.contains("written text"), revised.phases.toString());
        assertEquals(written, upgrade(Files.readString(second)));

        // kept with its text: the next revision spells from the cache, with no scratch database for the entities
        Files.delete(second);
        RecordingLog again = new RecordingLog();
        Path third = autogen(widgets, compiled(state), again).revision("and again").file().orElseThrow();
        assertFalse(again.phases.contains("target DDL"), again.phases.toString());
        assertEquals(written, upgrade(Files.readString(third)));
    }

    @Test
    void aRevisionIsProvenOnTheDatabaseItsDiffReplayedTheMigrationsInto() throws Exception {
        List<String> shop = List.of("dev.autogen.goals.shop");
        List<String> more = List.of("dev.autogen.goals.shop", "dev.autogen.goals.extra");
        autogen(shop, SchemaCacheTest.class.getClassLoader(), new RecordingLog()).revision("create shop");
        java.util.Set<String> databases = databases();

        // the existing migration is replayed once, for the diff, and the proof goes on from there
        RecordingLog first = new RecordingLog();
        Path labels = autogen(more, InMemoryCompiler.compileDirectory(migrations), first).revision("labels").file().orElseThrow();
        assertTrue(first.phases.contains("replay") && first.phases.contains("proof: upgrade again"), first.phases.toString());
        assertFalse(first.phases.contains("proof: replaying the existing migrations"), first.phases.toString());
        assertTrue(first.text().contains("(proven: upgrade, downgrade and upgrade again"), first.text());
        assertEquals(databases, databases());

        // what the proof's upgrade left is what the migrations with the new one replay to: a check replays nothing
        RecordingLog checked = new RecordingLog();
        autogen(more, InMemoryCompiler.compileDirectory(migrations), checked).check();
        assertFalse(checked.phases.contains("replay"), checked.phases.toString());
        assertTrue(checked.text().contains("the migrations' schema") && checked.text().contains("The migrations match the entities."),
                checked.text());

        // the replayed schema recalled from the cache: the proof replays the migrations into a database of its own
        Files.delete(labels);
        RecordingLog again = new RecordingLog();
        autogen(more, InMemoryCompiler.compileDirectory(migrations), again).revision("labels");
        assertFalse(again.phases.contains("replay"), again.phases.toString());
        assertTrue(again.phases.contains("proof: replaying the existing migrations"), again.phases.toString());
        assertEquals(databases, databases());
    }

    /** The databases on the scratch server: a goal leaves none of its own behind. */
    private static java.util.Set<String> databases() throws Exception {
        try (var connection = TestPostgres.admin().connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    /** Removes the cache's entries whose names start with {@code prefix}, and answers them to put back. */
    private java.util.Map<Path, byte[]> setAside(String prefix) throws Exception {
        java.util.Map<Path, byte[]> removed = new java.util.HashMap<>();
        try (var files = Files.list(cache)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                removed.put(file, Files.readAllBytes(file));
                Files.delete(file);
            }
        }
        assertFalse(removed.isEmpty(), "entries " + prefix + "*");
        return removed;
    }

    private static void putBack(java.util.Map<Path, byte[]> entries) throws Exception {
        for (var entry : entries.entrySet()) {
            Files.write(entry.getKey(), entry.getValue());
        }
    }

    /** The body of a migration's upgrade(). */
    private static String upgrade(String migration) {
        int start = migration.indexOf("public void upgrade(");
        return migration.substring(start, migration.indexOf("public void downgrade(", start));
    }

    private void clearCache() throws Exception {
        try (var files = Files.list(cache)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
