package dev.autogen.goals;

import dev.autogen.AutogenException;
import dev.autogen.command.Autogen;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.script.MigrationFile;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.RecordingLog;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two developers generate from the same parent: the history has two heads until autogen:merge joins them, and a
 * database takes both branches, whichever it took first.
 */
class BranchesTest {

    private static final String MIGRATIONS = "dev.autogen.generated.branches";

    @TempDir
    Path migrations;

    @TempDir
    Path out;

    private Configuration settings(ClassLoader loader, ConnectionSpec database) {
        return Configuration.builder().packages(List.of("dev.autogen.goals.shop")).migrationsDirectory(migrations)
                .migrationsPackage(MIGRATIONS).database(database).scratch(TestPostgres.admin()).classLoader(loader).build();
    }

    private Autogen autogen(ConnectionSpec database, RecordingLog log) {
        return new Autogen(settings(InMemoryCompiler.compileDirectory(migrations), database), log);
    }

    private void migration(String className, String id, String parent, String created, String upgrade, String downgrade)
            throws IOException {
        Files.writeString(migrations.resolve(className + ".java"), """
                package %s;

                import dev.autogen.script.*;
                import static dev.autogen.script.Definitions.*;

                @Revision(id = "%s", parent = "%s", message = "%s", created = "%s")
                public class %s implements Migration {
                    public void upgrade(Operations op) {
                        %s
                    }

                    public void downgrade(Operations op) {
                        %s
                    }
                }
                """.formatted(MIGRATIONS, id, parent, className, created, className, upgrade, downgrade));
    }

    private void books() throws IOException {
        migration("M1_Books", "r1", "", "2026-01-01T00:00:00Z",
                "op.createTable(\"public\", \"books\", column(\"id\", \"bigint\").notNull(), column(\"title\", "
                        + "\"character varying(100)\"), primaryKey(\"books_pkey\", \"id\"));",
                "op.dropTable(\"public\", \"books\");");
    }

    private static List<String> applied(Connection connection) throws SQLException {
        List<String> revisions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT revision FROM autogen_version ORDER BY applied_at, revision")) {
            while (rs.next()) {
                revisions.add(rs.getString(1));
            }
        }
        return revisions;
    }

    private static List<String> columns(Connection connection) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'books' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    @Test
    void aMergeJoinsTwoBranchesAndADatabaseThatTookOneTakesTheOther() throws Exception {
        books();
        migration("M2_Isbn", "a1", "r1", "2026-01-02T00:00:00Z",
                "op.addColumn(\"public\", \"books\", column(\"isbn\", \"text\"));", "op.dropColumn(\"public\", \"books\", \"isbn\");");
        migration("M2_Price", "b1", "r1", "2026-01-03T00:00:00Z",
                "op.addColumn(\"public\", \"books\", column(\"price\", \"numeric(10,2)\"));",
                "op.dropColumn(\"public\", \"books\", \"price\");");
        migration("M3_PriceIndex", "b2", "b1", "2026-01-04T00:00:00Z",
                "op.createIndex(\"public\", \"books\", index(\"idx_books_price\", \"price\"));",
                "op.dropIndex(\"public\", \"books\", \"idx_books_price\");");

        RecordingLog heads = new RecordingLog();
        assertEquals(List.of("a1", "b2"), autogen(null, heads).heads());
        assertTrue(heads.text().contains("WARN Two heads, a1 (M2_Isbn) and b2 (M3_PriceIndex): revision, check and upgrade "
                + "refuse to run until a merge joins them: mvn autogen:merge -Dmessage=\"...\"."), heads.text());
        String refusal = "Two heads, a1 (M2_Isbn) and b2 (M3_PriceIndex): run mvn autogen:merge -Dmessage=\"...\" to join them, "
                + "then run again.";
        assertEquals(refusal, assertThrows(AutogenException.class, () -> autogen(null, new RecordingLog()).revision("more"))
                .getMessage());
        assertEquals(refusal, assertThrows(AutogenException.class, () -> autogen(null, new RecordingLog()).check()).getMessage());

        try (ScratchDatabase live = TestPostgres.scratch().create("branches"); Connection connection = live.connect()) {
            assertEquals(refusal, assertThrows(AutogenException.class, () -> autogen(live.spec(), new RecordingLog())
                    .upgrade("head")).getMessage());
            // a database takes one branch, as a developer's does before the other branch is pulled
            autogen(live.spec(), new RecordingLog()).upgrade("b2");
            assertEquals(List.of("r1", "b1", "b2"), applied(connection));
            RecordingLog current = new RecordingLog();
            assertEquals("b2", autogen(live.spec(), current).current());
            assertTrue(current.text().contains("Current revision: b2 (M3_PriceIndex); heads are a1 and b2"), current.text());
            RecordingLog history = new RecordingLog();
            autogen(live.spec(), history).history();
            assertEquals(List.of(
                    "* b1 -> b2 (head) (current), M3_PriceIndex  [M3_PriceIndex, 2026-01-04T00:00:00Z]  applied",
                    "* r1 -> b1, M2_Price  [M2_Price, 2026-01-03T00:00:00Z]  applied",
                    "| * r1 -> a1 (head), M2_Isbn  [M2_Isbn, 2026-01-02T00:00:00Z]  pending",
                    "| /",
                    "* <base> -> r1 (branch point), M1_Books  [M1_Books, 2026-01-01T00:00:00Z]  applied"),
                    history.lines.stream().map(line -> line.replaceAll("  applied .*", "  applied")).toList());

            RecordingLog merging = new RecordingLog();
            Path merge = autogen(null, merging).merge("join isbn and price").orElseThrow();
            String source = Files.readString(merge);
            assertTrue(source.contains("parents = {\"a1\", \"b2\"}, message = \"join isbn and price\""), source);
            assertTrue(merging.lines.stream().noneMatch(line -> line.startsWith("WARN")), merging.text());
            String m = source.replaceAll("(?s).*@Revision\\(id = \"(\\w+)\".*", "$1");

            // the next upgrade applies the branch the database has not taken, then the merge
            List<MigrationFile> taken = autogen(live.spec(), new RecordingLog()).upgrade("head");
            assertEquals(List.of("a1", m), taken.stream().map(MigrationFile::revision).toList());
            assertEquals(List.of("id", "title", "price", "isbn"), columns(connection));
            assertEquals(m, autogen(live.spec(), new RecordingLog()).current());

            // downgrade through the merge: the merge first, leaving the database on both branches
            autogen(live.spec(), new RecordingLog()).downgrade("-1");
            RecordingLog two = new RecordingLog();
            autogen(live.spec(), two).current();
            assertTrue(two.text().contains("Current revisions: a1 (M2_Isbn) and b2 (M3_PriceIndex); head is " + m), two.text());
            List<MigrationFile> reverted = autogen(live.spec(), new RecordingLog()).downgrade("r1");
            assertEquals(List.of("b2", "b1", "a1"), reverted.stream().map(MigrationFile::revision).toList());
            assertEquals(List.of("id", "title"), columns(connection));

            // from r1, in the graph's order: the older branch whole, then the other, then the merge
            taken = autogen(live.spec(), new RecordingLog()).upgrade("head");
            assertEquals(List.of("a1", "b1", "b2", m), taken.stream().map(MigrationFile::revision).toList());
            // the SQL of a run from base, with no database, and of a downgrade from where the database is, changing nothing
            String fromBase = autogen(null, new RecordingLog()).sql("base", "head", out.resolve("upgrade.sql"));
            assertEquals(fromBase, Files.readString(out.resolve("upgrade.sql")));
            assertTrue(fromBase.startsWith("-- autogen:sql: the statements autogen:upgrade sends, in order, to take a database "
                    + "from base (a database never migrated) to head"), fromBase);
            assertTrue(fromBase.indexOf("CREATE TABLE public.autogen_version") < fromBase.indexOf("VALUES ('r1'"), fromBase);
            List<Integer> order = new ArrayList<>();
            for (String revision : List.of("r1", "a1", "b1", "b2", m)) {
                order.add(fromBase.indexOf("VALUES ('" + revision + "'"));
            }
            assertEquals(order.stream().sorted().toList(), order, fromBase);
            String fromR1 = autogen(null, new RecordingLog()).sql("r1", "head", null);
            assertTrue(fromR1.contains("from revision r1 (M1_Books) to head"), fromR1);
            assertFalse(fromR1.contains("CREATE TABLE public.autogen_version") || fromR1.contains("VALUES ('r1'"), fromR1);
            assertEquals(fromBase.substring(fromBase.indexOf("\n-- Upgrading to a1")), fromR1.substring(fromR1.indexOf("\n-- Upgrading to a1")),
                    "from r1, the same statements as from base once r1 is applied");
            String down = autogen(live.spec(), new RecordingLog()).sql("current", "r1", null);
            assertTrue(down.startsWith("-- autogen:sql: the statements autogen:downgrade sends"), down);
            order.clear();
            for (String revision : List.of(m, "b2", "b1", "a1")) {
                order.add(down.indexOf("WHERE revision = '" + revision + "'"));
            }
            assertEquals(order.stream().sorted().toList(), order, down);
            assertEquals(5, applied(connection).size(), "sql changes no database");

            RecordingLog drawn = new RecordingLog();
            autogen(live.spec(), drawn).history();
            assertEquals(List.of("* a1, b2 -> " + m + " (head) (current) (merge), join isbn and price",
                            "| \\", "| * b1 -> b2, M3_PriceIndex", "| * r1 -> b1, M2_Price", "* | r1 -> a1, M2_Isbn", "| /",
                            "* <base> -> r1 (branch point), M1_Books"),
                    drawn.lines.stream().map(line -> line.replaceAll("  \\[.*", "")).toList());
            autogen(live.spec(), new RecordingLog()).downgrade("base");
            assertEquals(List.of(), applied(connection));
        }
    }

    @Test
    void mergeNamesWhatBothBranchesChangeInWaysThatConflict() throws Exception {
        books();
        migration("M2_WideTitle", "a1", "r1", "2026-01-02T00:00:00Z",
                "op.alterColumnType(\"public\", \"books\", \"title\", \"character varying(100)\", \"character varying(300)\");\n"
                        + "op.createTable(\"public\", \"labels\", column(\"id\", \"bigint\").notNull());",
                "op.dropTable(\"public\", \"labels\");\n"
                        + "op.alterColumnType(\"public\", \"books\", \"title\", \"character varying(300)\", \"character varying(100)\");");
        migration("M2_TextTitle", "b1", "r1", "2026-01-03T00:00:00Z",
                "op.alterColumnType(\"public\", \"books\", \"title\", \"character varying(100)\", \"text\");\n"
                        + "op.createTable(\"public\", \"labels\", column(\"id\", \"bigint\").notNull());\n"
                        + "op.addColumn(\"public\", \"books\", column(\"price\", \"numeric(10,2)\"));",
                "op.dropColumn(\"public\", \"books\", \"price\");\nop.dropTable(\"public\", \"labels\");\n"
                        + "op.alterColumnType(\"public\", \"books\", \"title\", \"text\", \"character varying(100)\");");
        RecordingLog log = new RecordingLog();
        Path merge = autogen(null, log).merge("join titles").orElseThrow();
        assertTrue(Files.isRegularFile(merge));
        List<String> warnings = log.lines.stream().filter(line -> line.startsWith("WARN Both branches change")).toList();
        assertEquals(List.of(
                "WARN Both branches change column public.books.title: changed differently (the branch that runs last wins); "
                        + "branch of a1 (M2_WideTitle): character varying(300); branch of b1 (M2_TextTitle): text",
                "WARN Both branches change table public.labels: created in 2 branches (the second CREATE fails); "
                        + "branch of a1 (M2_WideTitle): columns [id]; branch of b1 (M2_TextTitle): columns [id]"),
                warnings, log.text());
        assertTrue(log.text().contains("2 objects are changed by both branches (listed above)."), log.text());
    }
    @Test
    void afterAMergeOfConflictingBranchesCheckSaysWhatTheEntitiesStillNeed() throws Exception {
        Path first = new Autogen(Configuration.builder().packages(List.of("dev.autogen.goals.shop")).migrationsDirectory(migrations)
                .migrationsPackage(MIGRATIONS).scratch(TestPostgres.admin()).classLoader(BranchesTest.class.getClassLoader())
                .prove(false).build(), new RecordingLog()).revision("create shop").file().orElseThrow();
        String r1 = Files.readString(first).replaceAll("(?s).*@Revision\\(id = \"(\\w+)\".*", "$1");
        migration("M2_LongNames", "a1", r1, "2099-01-01T00:00:00Z",
                "op.alterColumnType(\"public\", \"items\", \"name\", \"character varying(255)\", \"character varying(300)\");",
                "op.alterColumnType(\"public\", \"items\", \"name\", \"character varying(300)\", \"character varying(255)\");");
        migration("M2_TextNames", "b1", r1, "2099-01-02T00:00:00Z",
                "op.alterColumnType(\"public\", \"items\", \"name\", \"character varying(255)\", \"text\");",
                "op.alterColumnType(\"public\", \"items\", \"name\", \"text\", \"character varying(255)\");");

        RecordingLog merging = new RecordingLog();
        autogen(null, merging).merge("join names");
        assertTrue(merging.text().contains("WARN Both branches change column public.items.name: changed differently (the branch "
                + "that runs last wins); branch of a1 (M2_LongNames): character varying(300) NOT NULL; branch of b1 "
                + "(M2_TextNames): text NOT NULL"), merging.text());

        // the branch of b1 runs last: its text is what the merged history makes, and the entities want their 255 back
        AutogenException drift = assertThrows(AutogenException.class, () -> autogen(null, new RecordingLog()).check());
        assertTrue(drift.getMessage().startsWith("Model drift: the entities differ from the migrations (1 change):"), drift.getMessage());
        assertTrue(drift.getMessage().contains("public.items.name"), drift.getMessage());
        assertTrue(drift.getMessage().contains("character varying(255)"), drift.getMessage());
    }
}
