package dev.autogen.db;

import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DDL sent in batches, a transaction each: everything runs in order, and a refused statement is named. */
class StatementBatchesTest {

    @Test
    void statementsOfSeveralTransactionsAllRunInOrder() throws SQLException {
        int tables = StatementBatches.PER_TRANSACTION + 300;
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < tables; i++) {
            statements.add("CREATE TABLE t" + i + " (id bigint PRIMARY KEY" + (i == 0 ? "" : ", previous bigint REFERENCES t" + (i - 1)) + ")");
        }
        try (ScratchDatabase database = TestPostgres.scratch().create("batches"); Connection connection = database.connect()) {
            StatementBatches.run(connection, statements);

            assertTrue(connection.getAutoCommit(), "the connection is handed back as it came");
            assertEquals(tables, count(connection, "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 't%'"));
        }
    }

    @Test
    void aRefusedStatementIsNamedAndItsBatchRolledBack() throws SQLException {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < StatementBatches.PER_TRANSACTION + 10; i++) {
            statements.add("CREATE TABLE t" + i + " (id bigint)");
        }
        String refused = "CREATE INDEX ix ON t3 (no_such_column)";
        statements.add(StatementBatches.PER_TRANSACTION + 5, refused);
        try (ScratchDatabase database = TestPostgres.scratch().create("batches"); Connection connection = database.connect()) {
            StatementBatches.Refused error = assertThrows(StatementBatches.Refused.class,
                    () -> StatementBatches.run(connection, statements));

            assertEquals(refused, error.statement());
            assertTrue(error.getMessage().contains("no_such_column"), error.getMessage());
            assertEquals(StatementBatches.PER_TRANSACTION,
                    count(connection, "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 't%'"),
                    "the first transaction is committed, the refused statement's is not");
        }
    }

    private static int count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
