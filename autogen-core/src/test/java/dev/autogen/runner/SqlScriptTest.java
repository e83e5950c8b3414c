package dev.autogen.runner;

import dev.autogen.config.Configuration;
import dev.autogen.schema.Column;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.QualifiedName;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.autogen.script.Definitions.column;
import static dev.autogen.script.Definitions.index;
import static dev.autogen.script.Definitions.primaryKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What autogen:sql prints is what the server receives from a run: a PostgreSQL of its own logs every statement
 * (log_statement = all, as JSON lines), and the statements one run's backend sent are compared with the script
 * written before it, one by one. The run's reads (the version table, the catalog, the session settings it saves and
 * restores) are the only other statements the backend sent, and none of them writes.
 */
class SqlScriptTest {

    private static final String APPLICATION = "autogen-sql-test";

    @TempDir
    static Path logs;

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder()
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_destination", "jsonlog")
                .setServerConfig("log_directory", logs.toString())
                .setServerConfig("log_filename", "server.log")
                .setServerConfig("log_statement", "all")
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    static final class CreateBooks implements Migration {
        public void upgrade(Operations op) {
            op.createTable("public", "books", column("id", "bigint").notNull(), column("title", "character varying(100)"),
                    primaryKey("books_pkey", "id"));
        }

        public void downgrade(Operations op) {
            op.dropTable("public", "books");
        }
    }

    static final class AddIsbn implements Migration {
        public void upgrade(Operations op) {
            op.createEnumType("public", "book_format", "PAPER");
            op.addColumn("public", "books", Column.column("isbn", "text"));
            op.execute("COMMENT ON COLUMN books.isbn IS 'it''s the ISBN'");
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "books", "isbn");
            op.dropEnumType("public", "book_format");
        }
    }

    /** A label added to an enum type runs before its migration's transaction, in a transaction of its own. */
    static final class AddEbook implements Migration {
        private static final EnumType PAPER = EnumType.enumType(new QualifiedName("public", "book_format"), "PAPER");
        private static final EnumType BOTH = EnumType.enumType(new QualifiedName("public", "book_format"), "PAPER", "EBOOK");

        public void upgrade(Operations op) {
            op.addEnumValue(PAPER, BOTH);
            op.addColumn("public", "books", Column.column("format", "public.book_format"));
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "books", "format");
            op.replaceEnumType(BOTH, PAPER);
        }
    }

    static final class AddPrice implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "books", Column.column("price", "numeric(10,2)"));
            op.createIndex("public", "books", index("idx_books_price", "price"));
        }

        public void downgrade(Operations op) {
            op.dropIndex("public", "books", "idx_books_price");
            op.dropColumn("public", "books", "price");
        }
    }

    static final class Merge implements Migration {
        public void upgrade(Operations op) {
        }

        public void downgrade(Operations op) {
        }
    }

    private static final RevisionGraph GRAPH = RevisionGraph.of(List.of(
            new MigrationFile("r1", "", "CreateBooks", "2026-01-01T00:00:00Z", "CreateBooks", Path.of("CreateBooks.java")),
            new MigrationFile("a1", "r1", "AddIsbn", "2026-01-02T00:00:00Z", "AddIsbn", Path.of("AddIsbn.java")),
            new MigrationFile("b1", "r1", "AddPrice", "2026-01-03T00:00:00Z", "AddPrice", Path.of("AddPrice.java")),
            new MigrationFile("m1", List.of("a1", "b1"), "Merge", "2026-01-04T00:00:00Z", "Merge", Path.of("Merge.java")),
            new MigrationFile("e1", "m1", "AddEbook", "2026-01-05T00:00:00Z", "AddEbook", Path.of("AddEbook.java"))));

    private static final Function<MigrationFile, Migration> LOADER = file -> Map.<String, Migration>of("CreateBooks",
            new CreateBooks(), "AddIsbn", new AddIsbn(), "AddPrice", new AddPrice(), "Merge", new Merge(), "AddEbook", new AddEbook()).get(file.message());

    /** The script of a run from {@code start}, as autogen:sql writes it: statements ending in ";" at the end of a line. */
    private static String script(MigrationRunner.Recorded start, Function<MigrationRunner, List<MigrationFile>> run) {
        StringBuilder text = new StringBuilder();
        MigrationRunner runner = MigrationRunner.script(GRAPH, Configuration.DEFAULT_VERSION_TABLE, LOADER,
                message -> text.append("-- ").append(message).append('\n'), start, new StatementSink() {
                    public void execute(String sql) {
                        text.append(sql).append(";\n");
                    }

                    public boolean test(String sql) {
                        execute(sql);
                        return true;
                    }
                });
        assertFalse(run.apply(runner).isEmpty());
        return text.toString();
    }

    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.startsWith("-- ") && statement.isEmpty()) {
                continue;
            }
            statement.append(statement.isEmpty() ? "" : "\n").append(line);
            if (line.endsWith(";")) {
                statements.add(statement.substring(0, statement.length() - 1));
                statement.setLength(0);
            }
        }
        return statements;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.getPort() + "/" + database
                + "?ApplicationName=" + APPLICATION, "postgres", null);
    }

    private static final Pattern STATEMENT = Pattern.compile("^(?:statement|execute [^:]+): (.*)$", Pattern.DOTALL);

    /** The statements the server logged for {@code database} from this test's connections, after the first {@code skip}, once {@code last} is among them. */
    private static List<String> received(String database, int skip, String last) throws Exception {
        Path file = logs.resolve("server.json");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> statements = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (database.equals(field(line, "dbname")) && APPLICATION.equals(field(line, "application_name"))) {
                        Matcher matcher = STATEMENT.matcher(field(line, "message"));
                        if (matcher.matches()) {
                            statements.add(matcher.group(1));
                        }
                    }
                }
            }
            List<String> now = statements.subList(Math.min(skip, statements.size()), statements.size());
            if (now.contains(last) || System.nanoTime() > deadline) {
                return now;
            }
            Thread.sleep(100);
        }
    }

    /** A string field of one JSON log line. */
    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        for (int i = at + name.length() + 4; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                char next = json.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case 'u' -> {
                        value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> value.append(next);
                }
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    /**
     * The statements one run sent, from its lock to its unlock, split into those of the script and the reads: the
     * reads are SELECTs that neither take nor release the lock.
     */
    private static List<String> run(List<String> received, List<String> reads) {
        int from = -1;
        int to = -1;
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i).startsWith("SELECT pg_try_advisory_lock(")) {
                from = from < 0 ? i : from;
            }
            if (received.get(i).startsWith("SELECT pg_advisory_unlock(")) {
                to = i;
            }
        }
        assertTrue(from >= 0 && to > from, "a run between its lock and its unlock: " + received);
        List<String> written = new ArrayList<>();
        for (String statement : received.subList(from, to + 1)) {
            if (statement.startsWith("SELECT ") && !statement.startsWith("SELECT pg_try_advisory_lock(")
                    && !statement.startsWith("SELECT pg_advisory_unlock(")) {
                reads.add(statement);
            } else {
                written.add(statement);
            }
        }
        return written;
    }

    private static void createDatabase(String name) throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    @Test
    void theScriptOfAnUpgradeAndOfADowngradeIsWhatTheServerReceived() throws Exception {
        createDatabase("sql_script");
        String upgrade = script(new MigrationRunner.Recorded(java.util.Set.of(), List.of()), runner -> runner.upgrade("head"));
        assertTrue(upgrade.contains("-- Upgrading to m1 (Merge): Merge\nBEGIN;\nINSERT INTO public.autogen_version"), upgrade);
        assertTrue(upgrade.contains("-- Upgrading to e1 (AddEbook): AddEbook\nALTER TYPE public.book_format ADD VALUE IF NOT EXISTS "
                + "'EBOOK' AFTER 'PAPER';\nBEGIN;\n"), upgrade);
        List<String> reads = new ArrayList<>();
        String unlock;
        MigrationRunner.Recorded atHead;
        try (Connection connection = connect("sql_script")) {
            MigrationRunner runner = new MigrationRunner(connection, GRAPH, Configuration.DEFAULT_VERSION_TABLE, LOADER, m -> { });
            unlock = statements(upgrade).get(statements(upgrade).size() - 1);
            runner.upgrade("head");
            assertEquals(statements(upgrade), run(received("sql_script", 0, unlock), reads),
                    "the upgrade's script, statement for statement, is what the server received");
            atHead = runner.recorded();
        }

        // from the version table as it is now (autogen.from=current), down through the merge to the first migration
        String downgrade = script(atHead, runner -> runner.downgrade("r1"));
        assertTrue(downgrade.contains("DELETE FROM public.autogen_version WHERE revision = 'm1';\nCOMMIT;"), downgrade);
        int before = received("sql_script", 0, unlock).size();
        try (Connection connection = connect("sql_script")) {
            new MigrationRunner(connection, GRAPH, Configuration.DEFAULT_VERSION_TABLE, LOADER, m -> { }).downgrade("r1");
        }
        List<String> down = statements(downgrade);
        List<String> after = received("sql_script", before, down.get(down.size() - 1));
        assertEquals(statements(downgrade), run(after, reads),
                "the downgrade's script, statement for statement, is what the server received");
        for (String read : reads) {
            assertFalse(read.matches("(?is).*\\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\\b.*"), read);
        }
    }
}
