package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.db.ServerShortage;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.SchemaFilter;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A proof that breaks because the scratch server ran short of a resource (SQLSTATE class 53) says so, rather than
 * calling the migration a defect of autogen; any other refusal is still a defect.
 */
class ProofTest {

    private static final QualifiedName VERSION_TABLE = new QualifiedName("public", "autogen_version");

    /** Sorts more rows than a 64 kB temporary file holds: PostgreSQL refuses it for want of a configured limit. */
    private static final String SPILLING_SORT = "CREATE TABLE public.sorted AS SELECT g FROM generate_series(1, 500000) g ORDER BY g DESC";

    private final ScratchAdmin scratch = TestPostgres.scratch();

    private MigrationNotProven proofOf(Migration migration) {
        MigrationFile file = new MigrationFile("0001", "", "sorted", "2026-12-07T00:00:00Z", "M0001_Sorted", Path.of("M0001_Sorted.java"));
        Schema empty = Schema.of(List.of("public"), List.of(), List.of());
        return assertThrows(MigrationNotProven.class, () -> new Proof(scratch, SchemaFilter.ALL, VERSION_TABLE, warning -> { },
                (phase, nanos) -> { }).prove(RevisionGraph.of(List.of()), f -> { throw new AssertionError("no other migration"); },
                new Proof.Candidate(file, migration), false, empty, empty, null));
    }

    private static Migration upgrading(String... sql) {
        return new Migration() {
            @Override
            public void upgrade(Operations op) {
                for (String statement : sql) {
                    op.execute(statement, "SELECT 1");
                }
            }

            @Override
            public void downgrade(Operations op) {
                op.execute("SELECT 1");
            }
        };
    }

    @Test
    void aScratchServerShortOfAResourceIsSaidAsSuch() {
        MigrationNotProven failed = proofOf(upgrading("SET LOCAL temp_file_limit = '64kB'", SPILLING_SORT));
        assertEquals("upgrade", failed.step());
        AutogenException said = Autogen.notProven("M0001_Sorted", failed);
        assertTrue(said.getMessage().startsWith("The migration M0001_Sorted could not be proven: the scratch PostgreSQL ran out"
                + " of a configured limit (SQLSTATE 53400: temporary file size exceeds temp_file_limit (64kB)). Give the scratch"
                + " server more of it, then run again. Nothing was written."), said.getMessage());
    }

    @Test
    void anyOtherRefusalIsStillADefect() {
        MigrationNotProven failed = proofOf(upgrading("SELECT * FROM public.nowhere"));
        AutogenException said = Autogen.notProven("M0001_Sorted", failed);
        assertTrue(said.getMessage().startsWith("The migration M0001_Sorted failed its proof at upgrade: "), said.getMessage());
        assertTrue(said.getMessage().contains("This is a defect of autogen"), said.getMessage());
    }

    @Test
    void onlyClass53IsAShortage() throws SQLException {
        try (ScratchDatabase database = scratch.create("shortage"); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("SET temp_file_limit = '64kB'");
            SQLException spilled = assertThrows(SQLException.class, () -> statement.execute(SPILLING_SORT));
            assertEquals("53400", spilled.getSQLState());
            assertTrue(ServerShortage.of(new RuntimeException("wrapped", spilled)).isPresent());
            SQLException missing = assertThrows(SQLException.class, () -> statement.execute("SELECT * FROM nowhere"));
            assertTrue(ServerShortage.of(missing).isEmpty());
        }
    }
}
