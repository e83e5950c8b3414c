package dev.autogen.command;

import dev.autogen.change.Change;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.db.StatementBatches;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.introspect.Introspector;
import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.SchemaFilter;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.RevisionGraph;
import dev.autogen.sql.PostgresSql;
import dev.autogen.sql.ScratchSql;
import dev.autogen.targetschema.Reprinter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import java.util.stream.Collectors;

/**
 * Runs a new migration as users run it, through {@link MigrationRunner} and its version table, on a
 * scratch database that holds the current side: the existing migrations replayed (the database the
 * diff replayed them into, when it was kept) or, when the current side is a live database, that
 * database's schema, stamped at the newest migration. Then
 * upgrade, and the comparison with the target finds nothing (fixpoint); downgrade -1, and the
 * comparison with the current side finds nothing (round trip); upgrade again. Throws
 * {@link MigrationNotProven} for the step that broke.
 */
final class Proof {

    private final ScratchAdmin scratch;
    private final SchemaFilter filter;
    private final QualifiedName versionTable;
    private final Reprinter reprinter;
    private final ObjLongConsumer<String> timing;

    /** @param timing told how long each step of the proof took, in nanoseconds (autogen.timings) */
    Proof(ScratchAdmin scratch, SchemaFilter filter, QualifiedName versionTable, Consumer<String> warn,
          ObjLongConsumer<String> timing) {
        this.scratch = scratch;
        this.filter = filter;
        this.versionTable = versionTable;
        this.reprinter = new Reprinter(scratch, warn);
        this.timing = timing;
    }

    /** The new migration: its file as the graph will list it, and its compiled class. */
    record Candidate(MigrationFile file, Migration migration) {
    }

    /**
     * @param graph    the migrations before the new one, loaded by {@code loader}
     * @param live     true when the current side is a live database rather than the migrations replayed
     * @param current  the current side and {@code target} the entities' schema, both as the diff compared them
     * @param replayed null, or a scratch database into which the migrations before the new one were replayed (as the
     *                 diff replayed them to read the current side), which the proof starts from instead of replaying them
     *                 once more; its owner drops it
     * @return the schema the upgrade left, as read before it was filtered and reprinted: when the proof started from
     *         the migrations replayed, what the migrations with the new one replay to
     */
    Schema prove(RevisionGraph graph, Function<MigrationFile, Migration> loader, Candidate candidate, boolean live,
                 Schema current, Schema target, ScratchDatabase replayed) {
        if (replayed != null) {
            return prove(graph, loader, candidate, live, current, target, replayed, true);
        }
        try (ScratchDatabase database = scratch.create("proof")) {
            return prove(graph, loader, candidate, live, current, target, database, false);
        }
    }

    private Schema prove(RevisionGraph graph, Function<MigrationFile, Migration> loader, Candidate candidate, boolean live,
                       Schema current, Schema target, ScratchDatabase database, boolean holdsCurrent) {
        List<MigrationFile> files = new ArrayList<>(graph.ordered());
        files.add(candidate.file());
        Function<MigrationFile, Migration> load = file -> file.revision().equals(candidate.file().revision())
                ? candidate.migration() : loader.apply(file);
        try (Connection connection = database.connect()) {
            MigrationRunner runner = MigrationRunner.onScratch(connection, RevisionGraph.of(files), versionTable, load,
                    message -> { }, MigrationRunner.Options.defaults().withMonitor(database.spec()::connect));
            String before = graph.isEmpty() ? null : graph.head();
            if (holdsCurrent) {
                // the current side is already there, the version table at the newest migration
            } else if (live) {
                build(connection, current);
                step("stamping the scratch copy of the database at " + (before == null ? "base" : before),
                        () -> runner.stamp(before));
            } else if (before != null) {
                step("replaying the existing migrations", () -> runner.upgrade(before));
            }
            step("upgrade", () -> runner.upgrade("head"));
            Schema upgraded = introspect(connection);
            expectNothing("upgrade, then comparing with the entities (fixpoint)", reprinted(upgraded), target);
            step("downgrade", () -> runner.downgrade("-1"));
            expectNothing("downgrade, then comparing with the schema before it (round trip)", reprinted(introspect(connection)), current);
            step("upgrade again", () -> runner.upgrade("head"));
            return upgraded;
        } catch (SQLException e) {
            throw new MigrationNotProven("the scratch database", e.getMessage(), e);
        }
    }

    /** The live database's schema on the scratch database, its statements sent in batches (10,000 tables are 40,000). */
    private void build(Connection connection, Schema current) {
        long start = System.nanoTime();
        Set<String> existing = new TreeSet<>(current.extensions().values());
        existing.add("public");
        existing.retainAll(current.schemaNames());
        List<Change> create = SchemaDiff.compare(Schema.of(existing, List.of(), List.of()), current);
        try (Statement statement = connection.createStatement()) {
            for (var extension : current.extensions().entrySet()) {
                for (String sql : ScratchSql.createExtension(extension.getKey(), extension.getValue())) {
                    statement.execute(sql);
                }
            }
            StatementBatches.run(connection, PostgresSql.statements(create));
        } catch (StatementBatches.Refused e) {
            throw new MigrationNotProven("building the current side on a scratch database", e.statement() + ": " + firstLine(e), e);
        } catch (SQLException e) {
            throw new MigrationNotProven("building the current side on a scratch database", firstLine(e), e);
        } finally {
            timing.accept("proof: building the live database's schema", System.nanoTime() - start);
        }
    }

    private void step(String step, Runnable work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (RuntimeException | LinkageError e) {
            throw new MigrationNotProven(step, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            timing.accept("proof: " + step, System.nanoTime() - start);
        }
    }

    /** The scratch database's schema as the introspection reads it, the version table left out. */
    private Schema introspect(Connection connection) throws SQLException {
        long start = System.nanoTime();
        try {
            return new Introspector(name -> name.equals(versionTable)).read(connection, Introspector.userSchemas(connection));
        } finally {
            timing.accept("proof: reading and reprinting the scratch database", System.nanoTime() - start);
        }
    }

    /** {@code read} as the diff compares a side: filtered, then printed by PostgreSQL once more. */
    private Schema reprinted(Schema read) {
        long start = System.nanoTime();
        try {
            return reprinter.reprint(filter.apply(read));
        } finally {
            timing.accept("proof: reading and reprinting the scratch database", System.nanoTime() - start);
        }
    }

    private static void expectNothing(String step, Schema migrated, Schema wanted) {
        List<Change> left = SchemaDiff.compare(migrated, wanted);
        if (!left.isEmpty()) {
            throw new MigrationNotProven(step, "still finds " + left.stream().map(Change::describe)
                    .collect(Collectors.joining("; ")));
        }
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
