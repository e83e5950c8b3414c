package dev.autogen.targetschema;

import dev.autogen.AutogenException;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.Schema;
import dev.autogen.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A schema whose expressions cannot be made again on an empty database is compared as printed, with a warning; a
 * scratch server that fails or runs short fails the reprint, as expressions compared as printed would show changes
 * that are not there.
 */
class ReprinterTest {

    /** The schema of {@code statements} run on a database of the tests' server. */
    private static Schema schemaOf(List<String> statements) throws Exception {
        try (ScratchDatabase source = TestPostgres.scratch().create("reprinted"); Connection connection = source.connect();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.addBatch(sql);
            }
            statement.executeBatch();
            return new Introspector(name -> false).read(connection, Set.of("public"));
        }
    }

    @Test
    void aScratchServerThatRunsShortFailsTheReprintInsteadOfComparingAsPrinted() throws Exception {
        // four hundred tables of a shape each: each throw-away table holds a lock until its batch commits
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            tables.add("CREATE TABLE t" + i + " (c" + i + " integer CHECK (c" + i + " > " + i + "))");
        }
        Schema schema = schemaOf(tables);
        // a lock table of 10 slots for each of a few backends
        try (EmbeddedPostgres small = EmbeddedPostgres.builder()
                .setServerConfig("max_locks_per_transaction", "10")
                .setServerConfig("max_connections", "5")
                .setServerConfig("superuser_reserved_connections", "0")
                .setServerConfig("max_wal_senders", "0")
                .setServerConfig("max_worker_processes", "0")
                .setServerConfig("autovacuum_max_workers", "1")
                .start()) {
            List<String> warnings = new ArrayList<>();
            Reprinter reprinter = new Reprinter(new ScratchAdmin(new ConnectionSpec(
                    "jdbc:postgresql://localhost:" + small.getPort() + "/postgres", "postgres", null)), warnings::add);
            AutogenException failed = assertThrows(AutogenException.class, () -> reprinter.reprint(schema));
            assertEquals("Cannot reprint the schema's expressions on a scratch database: the scratch PostgreSQL ran out of"
                    + " memory (SQLSTATE 53200: out of shared memory). A migration locks every table it creates or drops"
                    + " until it commits: raise max_locks_per_transaction on the scratch server (the embedded and Docker"
                    + " ones have room for 10,000 tables), then run again.", failed.getMessage());
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void expressionsAnEmptyDatabaseCannotMakeAreComparedAsPrinted() throws Exception {
        // the check calls a function of the database's own, which the scratch database does not have
        Schema schema = schemaOf(List.of(
                "CREATE FUNCTION positive(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT n > 0'",
                "CREATE TABLE orders (quantity integer CHECK (positive(quantity)))"));
        List<String> warnings = new ArrayList<>();
        Schema reprinted = new Reprinter(TestPostgres.scratch(), warnings::add).reprint(schema);
        assertSame(schema, reprinted);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Comparing the schema as printed: it cannot be recreated on a scratch database"
                + " (ERROR: function public.positive(integer) does not exist"), warnings.get(0));
    }
}
