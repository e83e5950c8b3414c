package dev.autogen.goals;

import dev.autogen.AutogenException;
import dev.autogen.command.Autogen;
import dev.autogen.config.Configuration;
import dev.autogen.config.Rename;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.schema.Schema;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.RecordingLog;
import dev.autogen.testing.Scenario;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * Columns and a table renamed in the entities: revision says they look like renames, and with
 * autogen.renames writes renames that keep the rows, with the index, unique key and check on a renamed
 * column, the foreign key whose own column and referenced table are renamed, and the names Hibernate
 * derives from them following, and the table's sequence going on from its value.
 */
class RenamesTest {

    private static final String MIGRATIONS = "dev.autogen.generated.renames";
    private static final String BEFORE = "dev.autogen.goals.renames.before";
    private static final String AFTER = "dev.autogen.goals.renames.after";

    @TempDir
    Path migrations;

    private Configuration settings(String packageName, ClassLoader loader, ConnectionSpec database, List<String> renames) {
        return Configuration.builder().packages(List.of(packageName)).migrationsDirectory(migrations)
                .migrationsPackage(MIGRATIONS).database(database).scratch(TestPostgres.admin()).classLoader(loader)
                .renames(Rename.parse(renames)).build();
    }

    @Test
    void renamesKeepTheRowsAndTheirInverseBringsThemBack() throws Exception {
        new Autogen(settings(BEFORE, RenamesTest.class.getClassLoader(), null, List.of()), new RecordingLog())
                .revision("create books");
        ClassLoader first = InMemoryCompiler.compileDirectory(migrations);

        // without renames: a drop and an add, and a hint naming the rename that keeps the data
        AutogenException drift = assertThrows(AutogenException.class,
                () -> new Autogen(settings(AFTER, first, null, List.of()), new RecordingLog()).check());
        RecordingLog hinted = new RecordingLog();
        Path dropping = new Autogen(settings(AFTER, first, null, List.of()), hinted).revision("rename by dropping")
                .file().orElseThrow();
        String columnHint = "LOOKS LIKE A RENAME of public.books.author to public.books.writer: to keep the data, write "
                + "op.renameColumn(\"public\", \"books\", \"author\", \"writer\"); in place of the drop and the add, or run "
                + "revision with -Dautogen.renames=public.books.author:writer";
        String tableHint = "LOOKS LIKE A RENAME of table public.publishers to public.imprints: to keep the data, write "
                + "op.renameTable(\"public\", \"publishers\", \"imprints\"); in place of the drop and the add, or run "
                + "revision with -Dautogen.renames=public.publishers:imprints";
        assertTrue(drift.getMessage().contains("\n" + columnHint + "\n"), drift.getMessage());
        assertTrue(hinted.lines.contains("WARN " + columnHint), hinted.text());
        assertTrue(hinted.lines.contains("WARN " + tableHint), hinted.text());
        String droppingSource = Files.readString(dropping);
        assertTrue(droppingSource.contains("        // DATA LOSS: drops column public.books.author and its data\n        // "
                + columnHint + "\n        op.dropColumn(\"public\", \"books\", \"author\");"), droppingSource);
        assertTrue(droppingSource.contains(" *   - " + tableHint + "\n"), droppingSource);
        assertTrue(hinted.text().contains("LOOKS LIKE A RENAME of public.books.publisher_id to public.books.imprint_id"),
                hinted.text());
        Files.delete(dropping);

        try (ScratchDatabase live = TestPostgres.scratch().create("renames"); Connection connection = live.connect();
             Statement sql = connection.createStatement()) {
            new Autogen(settings(BEFORE, first, live.spec(), List.of()), new RecordingLog()).upgrade("head");
            sql.execute("SELECT setval('public.publishers_seq', 500)");
            sql.execute("INSERT INTO publishers (id, name) VALUES (1, 'Folio'), (2, 'Penguin')");
            sql.execute("INSERT INTO books (id, title, author, publisher_id) VALUES (1, 'Emma', 'Austen', 1), "
                    + "(2, 'Ulysses', 'Joyce', 2)");
            Schema before = Scenario.reprint(Scenario.introspect(connection));

            AutogenException unknown = assertThrows(AutogenException.class, () -> new Autogen(settings(AFTER, first,
                    live.spec(), List.of("public.books.nope:writer")), new RecordingLog()).revision("no such column"));
            assertEquals("autogen.renames names public.books.nope:writer, which does not match the difference: public.books "
                    + "has no column nope (it has id, publisher_id, author, title). Name what the database (or the migrations) has "
                    + "on the left, what the entities want on the right.", unknown.getMessage());

            RecordingLog log = new RecordingLog();
            Path renaming = new Autogen(settings(AFTER, first, live.spec(),
                    List.of("public.books.author:writer", "public.publishers:imprints", "public.books.publisher_id:imprint_id")),
                    log).revision("rename author")
                    .file().orElseThrow();
            String source = Files.readString(renaming);
            String upgrade = source.substring(source.indexOf("upgrade(Operations op)"), source.indexOf("downgrade(Operations op)"));
            String downgrade = source.substring(source.indexOf("downgrade(Operations op)"));
            assertTrue(upgrade.contains("        // BREAKS CODE USING THE OLD NAME: renames column public.books.author to writer: "
                    + "the data stays, but code and SQL still using author fail once this runs; deploy the code that uses "
                    + "writer with it\n        op.renameColumn(\"public\", \"books\", \"author\", \"writer\");"), source);
            assertTrue(upgrade.contains("op.renameTable(\"public\", \"publishers\", \"imprints\");"), source);
            assertTrue(upgrade.contains("op.renameColumn(\"public\", \"books\", \"publisher_id\", \"imprint_id\");"), source);
            assertTrue(upgrade.contains("op.renameSequence(\"public\", \"publishers_seq\", \"imprints_seq\");"), source);
            assertFalse(upgrade.contains("dropColumn") || upgrade.contains("dropTable") || upgrade.contains("addColumn")
                    || upgrade.contains("createTable") || upgrade.contains("dropSequence"), source);
            assertTrue(downgrade.contains("op.renameColumn(\"public\", \"books\", \"writer\", \"author\");"), source);
            assertTrue(downgrade.contains("op.renameTable(\"public\", \"imprints\", \"publishers\");"), source);
            assertTrue(downgrade.contains("op.renameSequence(\"public\", \"imprints_seq\", \"publishers_seq\");"), source);
            assertFalse(log.text().contains("LOOKS LIKE A RENAME"), log.text());
            assertTrue(log.text().contains("(proven: upgrade, downgrade and upgrade again"), log.text());

            ClassLoader both = InMemoryCompiler.compileDirectory(migrations);
            Autogen after = new Autogen(settings(AFTER, both, live.spec(), List.of()), new RecordingLog());
            after.upgrade("head");
            assertEquals(List.of("1 Emma Austen Folio", "2 Ulysses Joyce Penguin"), rows(sql, "SELECT b.id, b.title, b.writer, "
                    + "i.name FROM books b JOIN imprints i ON i.id = b.imprint_id ORDER BY b.id"));
            // set to 500 before, counting by 50 as Hibernate's pooled generator asks
            assertEquals(List.of("550"), rows(sql, "SELECT nextval('public.imprints_seq')"),
                    "the sequence goes on from its value, not from the start");

            // fixpoint, and Hibernate's own schema, names included
            RecordingLog again = new RecordingLog();
            assertTrue(new Autogen(settings(AFTER, both, live.spec(), List.of()), again).revision("again").file().isEmpty(),
                    again.text());
            assertEquals(Scenario.reprint(Scenario.hibernateSchema(List.of(dev.autogen.goals.renames.after.Book.class,
                            dev.autogen.goals.renames.after.Imprint.class))).withColumnsByName(),
                    Scenario.reprint(Scenario.introspect(connection)).withColumnsByName(),
                    "the renamed database is the one Hibernate creates");

            after.downgrade("-1");
            assertEquals(before, Scenario.reprint(Scenario.introspect(connection)), "downgrade puts every name back");
            assertEquals(List.of("1 Emma Austen Folio", "2 Ulysses Joyce Penguin"), rows(sql, "SELECT b.id, b.title, b.author, "
                    + "p.name FROM books b JOIN publishers p ON p.id = b.publisher_id ORDER BY b.id"));
        }
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
