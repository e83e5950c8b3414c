package dev.autogen.runner;

import dev.autogen.AutogenException;
import dev.autogen.config.Configuration;
import dev.autogen.db.ScratchServer.ScratchDatabase;
import dev.autogen.schema.Column;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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

    private static MigrationFile file(String id, String parent, Class<?> type) {
        return new MigrationFile(id, parent, type.getSimpleName(), "", "com.example.migrations." + type.getSimpleName(),
                Path.of(type.getSimpleName() + ".java"));
    }

    private static MigrationRunner runner(Connection connection, List<MigrationFile> files) {
        Map<String, Migration> migrations = Map.of("CreateBooks", new CreateBooks(), "BrokenHalfWay", new BrokenHalfWay(),
                "NarrowTitle", new NarrowTitle());
        Function<MigrationFile, Migration> loader = f -> migrations.get(f.message());
        return new MigrationRunner(connection, RevisionGraph.of(files), Configuration.DEFAULT_VERSION_TABLE, loader, m -> { });
    }

    @Test
    void aFailedStatementRollsTheMigrationBackAndLeavesTheVersionTable() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = List.of(file("r1", "", CreateBooks.class), file("r2", "r1", BrokenHalfWay.class));
            MigrationRunner runner = runner(connection, files);
            AutogenException e = assertThrows(AutogenException.class, () -> runner.upgrade("head"));
            assertEquals("Migration r2 (BrokenHalfWay) failed to upgrade and was rolled back; the database stays at its "
                    + "previous revision. Statement: ALTER TABLE public.books ADD COLUMN price no_such_type. "
                    + "PostgreSQL says: ERROR: type \"no_such_type\" does not exist", e.getMessage().replaceAll("\\s+Position: \\d+", ""));
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

    private static List<String> columns(Connection connection) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
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
