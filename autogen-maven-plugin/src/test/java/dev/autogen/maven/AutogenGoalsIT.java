package dev.autogen.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's day with the plugin, on a real project built by a real mvn: generate the first
 * migration, check, let the entities drift, generate the second, apply both to a database, look
 * at it, and take it back to base.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutogenGoalsIT {

    private final TestProject project = Library.project("library");
    private EmbeddedPostgres database;
    private String firstRevision;
    private String secondRevision;

    @BeforeAll
    void startDatabase() throws Exception {
        database = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    void stopDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void revisionWritesTheFirstMigration() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:revision", "-Dmessage=create tables");

        assertEquals(0, result.exitCode(), result::toString);
        List<Path> migrations = project.migrations();
        assertEquals(1, migrations.size(), () -> "migrations: " + migrations + "\n" + result);
        Path first = migrations.get(0);
        assertTrue(first.getFileName().toString().endsWith("_CreateTables.java"), first::toString);
        String output = result.output();
        assertTrue(output.contains("[INFO] Changes (3):"), output);
        assertTrue(output.contains("[INFO]   - create table public.author"), output);
        assertTrue(output.contains("[INFO]   - create table public.book"), output);
        assertTrue(output.contains("add foreign key") && output.contains("on public.book -> public.author"), output);
        assertTrue(output.contains("[INFO] Wrote " + first + " (proven: upgrade, downgrade and upgrade again on a scratch"
                + " database leave nothing to change)"), output);
        String[] revision = project.revisionOf(first);
        assertEquals("", revision[1], "the first migration follows base");
        firstRevision = revision[0];
        assertTrue(project.read(first).contains("message = \"create tables\""));
    }

    @Test
    @Order(2)
    void checkPassesWhenTheMigrationsMatchTheEntities() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:check");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.output().contains("[INFO] The migrations match the entities."), result::toString);
        // what the revision's proof upgraded to is what the migration replays to: recalled, not replayed; and the
        // migration's class, which the build compiled since, is none Hibernate maps: it does not boot again
        assertTrue(result.output().contains("/target/autogen-cache: Hibernate's DDL, the migrations' schema"), result::toString);
        assertFalse(result.output().contains("Replaying"), result::toString);

        // without the cache, the migration is replayed; the timings say where the time of each step went
        NestedMaven.Result uncached = project.mvn("autogen:check", "-Dautogen.cache=false", "-Dautogen.timings=true");
        assertEquals(0, uncached.exitCode(), uncached::toString);
        assertTrue(uncached.output().contains("Replaying 1 migration(s) into a scratch database"), uncached::toString);
        assertTrue(uncached.output().contains("[INFO] The migrations match the entities."), uncached::toString);
        Map<String, Double> timings = timings(uncached);
        for (String phase : List.of("goal's JVM start", "scratch cluster start", "Hibernate boot", "replay", "introspection",
                "target DDL", "diff", "scratch cluster stop")) {
            assertTrue(timings.containsKey(phase), () -> phase + " missing:\n" + uncached);
        }
        double whole = timings.get("whole process until now");
        assertTrue(timings.get("Hibernate boot") > 0 && timings.get("Hibernate boot") < whole, uncached::toString);
        assertTrue(timings.get("CPU time of the goal's JVM, all its threads") > 0, uncached::toString);
        assertTrue(timings.get("CPU time of Maven's JVM until now, all its threads") > 0, uncached::toString);
        assertTrue(timings.get("peak resident memory, the goal's JVM") > 0, uncached::toString);

        // run again with nothing changed: nothing is parsed, booted or built again, and no scratch server starts
        NestedMaven.Result again = project.mvn("autogen:check");
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.output().contains("/target/autogen-cache: Hibernate's DDL, the migrations' schema, the entities' schema, "
                + "PostgreSQL's print of both sides"), again::toString);
        assertFalse(again.output().contains("Replaying"), again::toString);
        assertTrue(again.output().contains("[INFO] The migrations match the entities."), again::toString);
    }

    /** The lines of the goal's timings, by phase: seconds, or MiB for memory. */
    private static Map<String, Double> timings(NestedMaven.Result result) {
        Map<String, Double> timings = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^\\[INFO\\]   (\\S.*?)\\s+([0-9]+(?:\\.[0-9]+)?) (?:s|MiB)$");
        boolean in = false;
        for (String text : result.output().lines().toList()) {
            if (text.equals("[INFO] Timings (autogen.timings):")) {
                in = true;
                timings.clear();
            } else if (in) {
                java.util.regex.Matcher m = line.matcher(text);
                if (!m.matches()) {
                    in = false;
                } else {
                    timings.put(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
        }
        return timings;
    }

    @Test
    @Order(3)
    void checkFailsAndListsTheDriftWhenAnEntityChanges() throws Exception {
        project.javaSource(Library.DOMAIN, "Book", Library.BOOK_WITH_ISBN);

        NestedMaven.Result result = project.mvn("autogen:check");

        assertNotEquals(0, result.exitCode(), result::toString);
        String failure = result.failure();
        assertTrue(failure.contains("check (default-cli) on project library: Model drift: the entities differ from the migrations (1 change):"),
                failure);
        assertTrue(failure.contains("\n  - add column public.book.isbn\n"), failure);
        assertTrue(failure.contains("Run mvn autogen:revision"), failure);
        assertFalse(result.output().contains("\tat "), "no stack trace without -e");
        assertEquals(1, project.migrations().size(), "check writes nothing");
    }

    @Test
    @Order(4)
    void revisionWritesTheSecondMigrationAfterTheFirst() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:revision", "-Dmessage=add isbn");

        assertEquals(0, result.exitCode(), result::toString);
        List<Path> migrations = project.migrations();
        assertEquals(2, migrations.size(), migrations::toString);
        Path second = migrations.stream().filter(p -> p.getFileName().toString().endsWith("_AddIsbn.java")).findFirst()
                .orElseThrow(() -> new AssertionError("no *_AddIsbn.java in " + migrations));
        String[] revision = project.revisionOf(second);
        assertEquals(firstRevision, revision[1], "the second migration follows the first");
        secondRevision = revision[0];
        assertTrue(result.output().contains("[INFO] Changes (1):"), result::toString);
        assertTrue(result.output().contains("isbn"), result::toString);
        assertTrue(result.output().contains("[INFO] Wrote " + second), result::toString);
    }

    @Test
    @Order(5)
    void upgradeAppliesBothMigrationsToTheDatabase() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:upgrade", "-Dautogen.url=" + url(), "-Dautogen.user=postgres");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.output().contains("Upgraded to " + secondRevision), result::toString);
        assertEquals(List.of("author", "autogen_version", "book"), tables());
        List<String> bookColumns = columns("book");
        assertTrue(bookColumns.contains("isbn"), () -> "book columns: " + bookColumns);
        // one row per applied migration, the head among them
        assertEquals(Set.of(firstRevision, secondRevision), Set.copyOf(versionRows()));
    }

    @Test
    @Order(6)
    void currentPrintsTheHead() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:current", "-Dautogen.url=" + url(), "-Dautogen.user=postgres");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.output().contains("[INFO] Current revision: " + secondRevision), result::toString);
        assertTrue(result.output().contains("(head)"), result::toString);
    }

    @Test
    @Order(7)
    void historyListsBothMigrationsNewestFirst() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:history");

        assertEquals(0, result.exitCode(), result::toString);
        String output = result.output();
        int second = output.indexOf("[INFO] " + firstRevision + " -> " + secondRevision + " (head), add isbn");
        int first = output.indexOf("[INFO] <base> -> " + firstRevision + ", create tables");
        assertTrue(second >= 0 && first > second, output);
    }

    @Test
    @Order(8)
    void historyMarksTheDatabasesRevisionWhenGivenOne() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:history", "-Dautogen.url=" + url(), "-Dautogen.user=postgres");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.output().contains(firstRevision + " -> " + secondRevision + " (head) (current), add isbn"), result::toString);
    }

    @Test
    @Order(9)
    void downgradeToBaseLeavesOnlyTheVersionTable() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:downgrade", "-Dautogen.target=base", "-Dautogen.url=" + url(),
                "-Dautogen.user=postgres");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of("autogen_version"), tables());
        assertEquals(List.of(), versionRows());
    }

    @Test
    @Order(10)
    void checkNoForkBoundToVerifyChecksWithTheBuildsOwnCompile() throws Exception {
        project.bind("check-no-fork");

        NestedMaven.Result result = project.mvn("verify");

        assertEquals(0, result.exitCode(), result::toString);
        String output = result.output();
        assertTrue(output.contains("autogen-maven-plugin:" + NestedMaven.required("it.autogenVersion") + ":check-no-fork (default) @ library"),
                output);
        assertTrue(output.contains("[INFO] The migrations match the entities."), output);
        assertFalse(output.contains(">>> autogen-maven-plugin"), "no forked lifecycle");
        assertEquals(1, output.split("maven-compiler-plugin:[^:]+:compile \\(default-compile\\)", -1).length - 1,
                "compiled once");
    }

    @Test
    @Order(11)
    void stampRefusesADatabaseThatDiffersAndRecordsOneThatMatches() throws Exception {
        NestedMaven.Result differs = project.mvn("autogen:stamp", "-Dautogen.target=head", "-Dautogen.url=" + url(),
                "-Dautogen.user=postgres");

        assertNotEquals(0, differs.exitCode(), differs::toString);
        assertTrue(differs.output().contains("differs from the schema of " + secondRevision), differs::toString);
        assertTrue(differs.output().contains("  - create table public.author"), differs::toString);
        assertTrue(differs.output().contains("stamp anyway with -Dautogen.force=true."), differs::toString);
        assertEquals(List.of(), versionRows(), "nothing recorded");

        NestedMaven.Result matches = project.mvn("autogen:stamp", "-Dautogen.target=base", "-Dautogen.url=" + url(),
                "-Dautogen.user=postgres");

        assertEquals(0, matches.exitCode(), matches::toString);
        assertTrue(matches.output().contains("[INFO] Stamped " + url() + " at base (no migration applied)"), matches::toString);
    }

    @Test
    @Order(12)
    void aSecondBranchIsListedMergedAndItsSqlWrittenWithoutADatabase() throws Exception {
        Path first = project.migrations().stream().filter(p -> p.getFileName().toString().endsWith("_CreateTables.java"))
                .findFirst().orElseThrow();
        String pkg = project.read(first).replaceAll("(?s)^package ([\\w.]+);.*", "$1");
        // a colleague's migration from the same parent as add isbn
        java.nio.file.Files.writeString(first.resolveSibling("M20990101_000000_AddNote.java"), """
                package %s;

                import dev.autogen.script.*;
                import static dev.autogen.script.Definitions.*;

                @Revision(id = "note01", parent = "%s", message = "add note", created = "2099-01-01T00:00:00Z")
                public class M20990101_000000_AddNote implements Migration {
                    public void upgrade(Operations op) {
                        op.addColumn("public", "author", column("note", "text"));
                    }

                    public void downgrade(Operations op) {
                        op.dropColumn("public", "author", "note");
                    }
                }
                """.formatted(pkg, firstRevision));

        NestedMaven.Result merged = project.mvn("autogen:heads", "autogen:merge", "-Dmessage=join note and isbn");

        assertEquals(0, merged.exitCode(), merged::toString);
        String output = merged.output();
        assertTrue(output.contains("[INFO] " + secondRevision + " (head), add isbn"), output);
        assertTrue(output.contains("[INFO] note01 (head), add note"), output);
        assertTrue(output.contains("revision, check and upgrade refuse to run until a merge joins them"), output);
        Path merge = project.migrations().stream().filter(p -> p.getFileName().toString().endsWith("_JoinNoteAndIsbn.java"))
                .findFirst().orElseThrow(() -> new AssertionError(output));
        assertTrue(project.read(merge).contains("parents = {\"" + secondRevision + "\", \"note01\"}"), project.read(merge));

        NestedMaven.Result sql = project.mvn("autogen:heads", "autogen:sql", "-Dautogen.from=base", "-Dautogen.output=target/upgrade.sql");

        assertEquals(0, sql.exitCode(), sql::toString);
        String script = java.nio.file.Files.readString(project.directory().resolve("target/upgrade.sql"));
        assertTrue(script.contains("ALTER TABLE public.author ADD COLUMN note text;"), script);
        assertTrue(script.indexOf("VALUES ('" + secondRevision + "'") < script.indexOf("VALUES ('note01'"), script);
        assertTrue(script.trim().endsWith("COMMIT;\nSELECT pg_advisory_unlock(" + script.replaceAll("(?s).*pg_try_advisory_lock\\((\\d+)\\).*", "$1")
                + ");"), script);
        assertEquals(List.of("autogen_version"), tables(), "no database changed");
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + database.getPort() + "/postgres";
    }

    private List<String> tables() throws SQLException {
        return strings("select table_name from information_schema.tables where table_schema = 'public' order by 1");
    }

    private List<String> columns(String table) throws SQLException {
        return strings("select column_name from information_schema.columns where table_schema = 'public' and table_name = '"
                + table + "' order by 1");
    }

    private List<String> versionRows() throws SQLException {
        return strings("select * from public.autogen_version");
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection connection = database.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
