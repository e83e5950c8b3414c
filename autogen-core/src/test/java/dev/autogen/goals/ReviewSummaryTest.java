package dev.autogen.goals;

import dev.autogen.command.Autogen;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.sql.Safety;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.RecordingLog;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Markdown review summary (autogen.summary) of a migration revision writes from a real diff, and
 * of the migrations a live database has not applied. The lock lines are the ones TableImpactTest
 * observed in pg_locks and relfilenode for each kind of step, written out here as a reviewer reads them.
 */
class ReviewSummaryTest {

    private static final String MIGRATIONS = "dev.autogen.generated.review";

    @TempDir
    Path migrations;

    @TempDir
    Path out;

    private Configuration settings(String packageName, ClassLoader loader, ConnectionSpec database, Path summary) {
        return settings(packageName, loader, database, summary, Safety.PLAIN);
    }

    private Configuration settings(String packageName, ClassLoader loader, ConnectionSpec database, Path summary,
                                   Safety safety) {
        return Configuration.builder().packages(List.of(packageName)).migrationsDirectory(migrations)
                .migrationsPackage(MIGRATIONS).database(database).scratch(TestPostgres.admin()).classLoader(loader)
                .summary(summary).safety(safety).build();
    }

    @Test
    void revisionAndHistorySayWhatEachStepLocksAndWhatMayFail() throws Exception {
        ClassLoader tests = ReviewSummaryTest.class.getClassLoader();
        Path first = out.resolve("first.md");
        Autogen.RevisionResult created = new Autogen(settings("dev.autogen.goals.review.before", tests, null, first),
                new RecordingLog()).revision("create books");
        String firstRevision = Files.readString(created.file().orElseThrow())
                .replaceAll("(?s).*@Revision\\(id = \"(\\w+)\".*", "$1");
        String creating = Files.readString(first);
        assertTrue(creating.contains("| create table public.books | ACCESS EXCLUSIVE on public.books (blocks reads and writes),"
                + " catalog only |  |"), creating);

        ClassLoader withFirst = InMemoryCompiler.compileDirectory(migrations);
        Path second = out.resolve("nested/second.md");
        RecordingLog log = new RecordingLog();
        Autogen.RevisionResult changed = new Autogen(settings("dev.autogen.goals.review.after", withFirst, null, second), log)
                .revision("longer titles");
        String secondRevision = Files.readString(changed.file().orElseThrow())
                .replaceAll("(?s).*@Revision\\(id = \"(\\w+)\".*", "$1");
        assertTrue(log.text().contains("Review summary: " + second + " (1 migration)"), log.text());
        String summary = Files.readString(second);
        assertTrue(summary.startsWith("# autogen: migrations to review\n\nThe migration `autogen:revision` wrote to `M"), summary);
        assertTrue(summary.contains("\n## 1. longer titles\n\nRevision `" + secondRevision + "`, after `" + firstRevision + "`"),
                summary);
        // binary-coercible: catalog only; a wider integer: rewritten under ACCESS EXCLUSIVE; SET NOT NULL: a scan under it
        assertTrue(summary.contains("| alter column public.books.title type character varying(100) -> character varying(200) | "
                + "ACCESS EXCLUSIVE on public.books (blocks reads and writes), catalog only |  |"), summary);
        assertTrue(summary.contains("| alter column public.books.pages type integer -> bigint | ACCESS EXCLUSIVE on public.books"
                + " (blocks reads and writes), rewrites the table |  |"), summary);
        assertTrue(summary.contains("ACCESS EXCLUSIVE on public.books (blocks reads and writes), scans every row | **FAILS ON "
                + "EXISTING ROWS**: makes public.books.title NOT NULL: fails if any row holds NULL there |"), summary);
        // a plain CREATE INDEX: SHARE; a foreign key: SHARE ROW EXCLUSIVE on both tables while the rows are checked
        assertTrue(summary.contains("| create index idx_books_title on public.books (title) | SHARE on public.books (blocks "
                + "writes), scans every row |"), summary);
        assertTrue(summary.contains("SHARE ROW EXCLUSIVE on public.books (blocks writes), scans every row<br>SHARE ROW "
                + "EXCLUSIVE on public.authors (blocks writes), scans every row | **FAILS ON EXISTING ROWS**: adds foreign key"),
                summary);
        assertTrue(summary.contains("\n**Blocks the application for a time that grows with the table:**\n\n"
                + "- ACCESS EXCLUSIVE on public.books (blocks reads and writes), rewrites the table (step "), summary);
        assertTrue(summary.contains("<details><summary>downgrade: "), summary);

        ClassLoader both = InMemoryCompiler.compileDirectory(migrations);
        try (ScratchDatabase live = TestPostgres.scratch().create("review")) {
            Path pending = out.resolve("pending.md");
            Autogen autogen = new Autogen(settings("dev.autogen.goals.review.after", both, live.spec(), pending),
                    new RecordingLog());
            autogen.upgrade(firstRevision);
            autogen.history();
            String history = Files.readString(pending);
            assertTrue(history.contains("\n\nThe migration " + live.spec().displayUrl() + " has not applied, in the order "
                    + "`autogen:upgrade` runs them.\n"), history);
            assertTrue(history.contains("\n## 1. longer titles\n"), history);
            assertFalse(history.contains("create books"), history);
            // the upgrade alike; a downgrade's op.dropConstraint does not name what the dropped key referenced
            assertEquals(summary.substring(summary.indexOf("\n## 1."), summary.indexOf("<details>")),
                    history.substring(history.indexOf("\n## 1."), history.indexOf("<details>")),
                    "the pending migration, read back from its compiled class, is summarised as revision summarised it");

            // the runner's online form reads the rows of an existing table without blocking its writes
            Path online = out.resolve("online.md");
            new Autogen(settings("dev.autogen.goals.review.after", both, live.spec(), online, Safety.ONLINE), new RecordingLog())
                    .history();
            String onlineSummary = Files.readString(online);
            String onlineForm = "**online form** (autogen.safety=online): reads the rows holding SHARE UPDATE EXCLUSIVE at most,"
                    + " which reads and writes do not wait behind; what locks the table outright reads no row and waits at most"
                    + " autogen.lockTimeout<br>plain form: ";
            assertTrue(onlineSummary.contains("| create index idx_books_title on public.books (title) | " + onlineForm
                    + "SHARE on public.books (blocks writes), scans every row |"), onlineSummary);
            assertTrue(onlineSummary.contains("| alter column public.books.title set not null | " + onlineForm), onlineSummary);
            assertTrue(onlineSummary.contains(" | " + onlineForm + "SHARE ROW EXCLUSIVE on public.books (blocks writes), scans"
                    + " every row<br>SHARE ROW EXCLUSIVE on public.authors"), onlineSummary);
            assertTrue(onlineSummary.contains("| alter column public.books.pages type integer -> bigint | ACCESS EXCLUSIVE on "
                    + "public.books (blocks reads and writes), rewrites the table |  |"), onlineSummary);
            assertTrue(onlineSummary.contains("\n**Blocks the application for a time that grows with the table:**\n\n"
                    + "- ACCESS EXCLUSIVE on public.books (blocks reads and writes), rewrites the table (step 1)\n\n"), onlineSummary);
            assertTrue(onlineSummary.contains("1 step holds a lock for a time that grows with a table; 3 run in the online form,"
                    + " which blocks no write while it reads the rows."), onlineSummary);

            autogen.upgrade("head");
            autogen.history();
            assertTrue(Files.readString(pending).endsWith("Nothing to review: " + live.spec().displayUrl()
                    + " has applied every migration.\n"), Files.readString(pending));
        }
    }
}
