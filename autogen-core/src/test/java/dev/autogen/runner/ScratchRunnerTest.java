package dev.autogen.runner;

import dev.autogen.AutogenException;
import dev.autogen.config.Configuration;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.schema.Column;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.autogen.script.Definitions.column;
import static dev.autogen.script.Definitions.primaryKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A runner on a scratch database (a replay, a proof) sends the statements of a transaction together: its round trips do not
 * grow with the number of steps, and what it reports and leaves behind is what the runner that sends them one by one does.
 */
class ScratchRunnerTest {

    /** A table and then {@code columns} columns added to it, one step each. */
    record Wide(int columns) implements Migration {
        public void upgrade(Operations op) {
            op.createTable("public", "wide", column("id", "bigint").notNull(), primaryKey("wide_pkey", "id"));
            for (int i = 0; i < columns; i++) {
                op.addColumn("public", "wide", Column.column("c" + i, "integer"));
            }
        }

        public void downgrade(Operations op) {
            op.dropTable("public", "wide");
        }
    }

    /** Its third step fails. */
    static final class FailsThird implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "wide", Column.column("a", "text"));
            op.addColumn("public", "wide", Column.column("b", "text"));
            op.addColumn("public", "wide", Column.column("c", "no_such_type"));
            op.addColumn("public", "wide", Column.column("d", "text"));
        }

        public void downgrade(Operations op) {
        }
    }

    /** Calls a function that does not exist, for which PostgreSQL gives a hint. */
    static final class CallsNothing implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "wide", Column.column("a", "text"));
            op.execute("SELECT no_such_function(1)");
        }

        public void downgrade(Operations op) {
        }
    }

    /** Hand-written SQL that answers a row, between DDL steps. */
    static final class AnswersRows implements Migration {
        public void upgrade(Operations op) {
            op.addColumn("public", "wide", Column.column("a", "text"));
            op.execute("SELECT count(*) FROM public.wide");
            op.addColumn("public", "wide", Column.column("b", "text"));
        }

        public void downgrade(Operations op) {
            op.dropColumn("public", "wide", "b");
            op.dropColumn("public", "wide", "a");
        }
    }

    private static MigrationFile file(String id, String parent, String name) {
        return new MigrationFile(id, parent, name, "", "com.example.migrations." + name, Path.of(name + ".java"));
    }

    private static MigrationRunner runner(boolean scratch, Connection connection, List<MigrationFile> files, Migration... migrations) {
        RevisionGraph graph = RevisionGraph.of(files);
        java.util.function.Function<MigrationFile, Migration> loader = f -> migrations[files.indexOf(f)];
        return scratch
                ? MigrationRunner.onScratch(connection, graph, Configuration.DEFAULT_VERSION_TABLE, loader, m -> { }, MigrationRunner.Options.defaults())
                : new MigrationRunner(connection, graph, Configuration.DEFAULT_VERSION_TABLE, loader, m -> { }, MigrationRunner.Options.defaults());
    }

    /** {@code connection}, counting each call that waits for the server's answer (an execute, a batch, a query). */
    private static Connection counting(Connection connection, AtomicInteger roundTrips) {
        return (Connection) Proxy.newProxyInstance(ScratchRunnerTest.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof Statement statement) {
                        Class<?> type = result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                        return Proxy.newProxyInstance(ScratchRunnerTest.class.getClassLoader(), new Class<?>[]{type},
                                (p, m, a) -> {
                                    if (m.getName().startsWith("execute")) {
                                        roundTrips.incrementAndGet();
                                    }
                                    return invoke(statement, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static int roundTripsToUpgrade(boolean scratch, int columns) throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("scratch-runner"); Connection connection = db.connect()) {
            AtomicInteger roundTrips = new AtomicInteger();
            runner(scratch, counting(connection, roundTrips), List.of(file("r1", "", "Wide")), new Wide(columns)).upgrade("head");
            assertEquals(columns + 1, columns(connection).size(), "every step ran");
            return roundTrips.get();
        }
    }

    @Test
    void theStatementsOfATransactionGoInOneRoundTrip() throws Exception {
        assertEquals(roundTripsToUpgrade(true, 10), roundTripsToUpgrade(true, 200));
        assertEquals(190, roundTripsToUpgrade(false, 200) - roundTripsToUpgrade(false, 10), "one by one: one round trip per step");
    }

    @Test
    void aRefusedStatementIsNamedAsWhenStatementsGoOneByOne() throws Exception {
        List<String> messages = new ArrayList<>();
        for (boolean scratch : List.of(false, true)) {
            try (ScratchDatabase db = TestPostgres.scratch().create("scratch-runner"); Connection connection = db.connect()) {
                List<MigrationFile> files = List.of(file("r1", "", "Wide"), file("r2", "r1", "FailsThird"));
                MigrationRunner runner = runner(scratch, connection, files, new Wide(1), new FailsThird());
                messages.add(assertThrows(AutogenException.class, () -> runner.upgrade("head")).getMessage());
                assertEquals("r1", runner.current());
                assertFalse(columns(connection).contains("a"), "the statements before the refused one were rolled back");
            }
        }
        assertEquals(messages.get(0), messages.get(1));
        assertEquals("Migration r2 (FailsThird) failed to upgrade and was rolled back. "
                + "Statement: ALTER TABLE public.wide ADD COLUMN c no_such_type. "
                + "PostgreSQL says: ERROR: type \"no_such_type\" does not exist. "
                + "The database is at revision r1 (Wide); this run applied r1 before it, and that stays committed.",
                messages.get(1).replaceAll("\\s+Position: \\d+", ""));
    }

    @Test
    void theServersHintIsPartOfTheFailure() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("scratch-runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = List.of(file("r1", "", "Wide"), file("r2", "r1", "CallsNothing"));
            MigrationRunner runner = runner(false, connection, files, new Wide(0), new CallsNothing());
            AutogenException e = assertThrows(AutogenException.class, () -> runner.upgrade("head"));
            assertEquals("Migration r2 (CallsNothing) failed to upgrade and was rolled back. Statement: SELECT no_such_function(1). "
                    + "PostgreSQL says: ERROR: function no_such_function(integer) does not exist (hint: No function matches the "
                    + "given name and argument types. You might need to add explicit type casts). The database is at revision r1 "
                    + "(Wide); this run applied r1 before it, and that stays committed.",
                    e.getMessage().replaceAll("\\s+Position: \\d+", ""));
        }
    }

    @Test
    void handWrittenSqlThatAnswersRowsRunsAlone() throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("scratch-runner"); Connection connection = db.connect()) {
            List<MigrationFile> files = List.of(file("r1", "", "Wide"), file("r2", "r1", "AnswersRows"));
            MigrationRunner runner = runner(true, connection, files, new Wide(0), new AnswersRows());
            runner.upgrade("head");
            assertEquals(List.of("a", "b", "id"), columns(connection));
            runner.downgrade("-1");
            assertEquals(List.of("id"), columns(connection));
        }
    }

    private static List<String> columns(Connection connection) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'wide' ORDER BY column_name")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }
}
