package dev.autogen.command;

import dev.autogen.change.Change;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.Schema;
import dev.autogen.schema.SchemaFilter;
import dev.autogen.script.Migration;
import dev.autogen.script.Operations;
import dev.autogen.sql.PostgresSql;
import dev.autogen.sql.ScratchSql;
import dev.autogen.targetschema.Reprinter;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a compiled migration on a scratch database that holds the current side: upgrade, and the
 * comparison with the target finds nothing (fixpoint); downgrade, and the comparison with the
 * current side finds nothing (round trip); upgrade again. Throws {@link MigrationNotProven} for the
 * step that broke.
 */
final class Proof {

    private final ScratchAdmin scratch;
    private final SchemaFilter filter;
    private final Reprinter reprinter;

    Proof(ScratchAdmin scratch, SchemaFilter filter, Consumer<String> warn) {
        this.scratch = scratch;
        this.filter = filter;
        this.reprinter = new Reprinter(scratch, warn);
    }

    /** @param current the current side and @param target the entities' schema, both as the diff compared them */
    void prove(Migration migration, Schema current, Schema target) {
        try (ScratchDatabase database = scratch.create("proof"); Connection connection = database.connect()) {
            build(connection, current);
            run(connection, "upgrade", migration::upgrade);
            expectNothing("upgrade, then comparing with the entities (fixpoint)", read(connection), target);
            run(connection, "downgrade", migration::downgrade);
            expectNothing("downgrade, then comparing with the schema before it (round trip)", read(connection), current);
            run(connection, "upgrade again", migration::upgrade);
        } catch (SQLException e) {
            throw new MigrationNotProven("the scratch database", e.getMessage());
        }
    }

    private void build(Connection connection, Schema current) {
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
            for (String sql : PostgresSql.statements(create)) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new MigrationNotProven("building the current side on a scratch database", firstLine(e));
        }
    }

    private static void run(Connection connection, String step, Consumer<Operations> direction) {
        Operations op = new Operations();
        try {
            direction.accept(op);
        } catch (RuntimeException e) {
            throw new MigrationNotProven(step, "the migration's Java code throws " + e);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : PostgresSql.statements(op.changes())) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new MigrationNotProven(step, "PostgreSQL refuses " + sql + ": " + firstLine(e));
                }
            }
        } catch (SQLException e) {
            throw new MigrationNotProven(step, firstLine(e));
        }
    }

    private Schema read(Connection connection) throws SQLException {
        return reprinter.reprint(filter.apply(new Introspector(name -> false).read(connection,
                Introspector.userSchemas(connection))));
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
