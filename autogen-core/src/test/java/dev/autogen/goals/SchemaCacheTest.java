package dev.autogen.goals;

import dev.autogen.AutogenException;
import dev.autogen.command.Autogen;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
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

    private Autogen autogen(List<String> packages, ClassLoader loader, RecordingLog log) {
        return new Autogen(Configuration.builder().packages(packages).migrationsDirectory(migrations)
                .migrationsPackage(MIGRATIONS).classLoader(loader).cacheDirectory(cache)
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

        // the first check replays the new migration; the second finds every schema it needs in the cache
        assertEquals(1, startsDuring(() -> autogen(shop, compiled, new RecordingLog()).check()));
        RecordingLog unchanged = new RecordingLog();
        assertEquals(0, startsDuring(() -> autogen(shop, compiled, unchanged).check()));
        assertTrue(unchanged.text().contains("Unchanged since an earlier run, read from " + cache
                + ": the migrations' schema, the entities' schema, PostgreSQL's print of both sides"), unchanged.text());
        assertTrue(unchanged.text().contains("The migrations match the entities."), unchanged.text());

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
}
