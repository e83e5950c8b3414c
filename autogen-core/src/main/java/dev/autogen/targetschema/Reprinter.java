package dev.autogen.targetschema;

import dev.autogen.change.Change;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.db.StatementBatches;
import dev.autogen.diff.Renames;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.Schema;
import dev.autogen.sql.PostgresSql;
import dev.autogen.sql.ScratchSql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * PostgreSQL does not always print an expression the way it prints that printout once parsed
 * again: Hibernate's {@code status in ('A','B')} reads back as
 * {@code ARRAY['A'::character varying, ...]::text[]}, which reads back as
 * {@code ARRAY['A'::character varying::text, ...]}. Both sides of a comparison are therefore
 * created once more from their own printout on a scratch database and read back, so that what is
 * compared is PostgreSQL's settled print of each.
 */
public final class Reprinter {

    private final ScratchAdmin scratch;
    private final Consumer<String> warn;

    public Reprinter(ScratchAdmin scratch, Consumer<String> warn) {
        this.scratch = scratch;
        this.warn = warn;
    }

    /** Installs extensions on a scratch database, in the schemas they have where they came from. */
    static void createExtensions(Statement statement, Map<String, String> extensions) throws SQLException {
        for (var extension : extensions.entrySet()) {
            for (String sql : ScratchSql.createExtension(extension.getKey(), extension.getValue())) {
                statement.execute(sql);
            }
        }
    }

    public Schema reprint(Schema schema) {
        return reprint(schema, List.of());
    }

    /**
     * The schema as PostgreSQL prints it once {@code renames} have run on it: checks, indexes and generated
     * columns that use a renamed column are PostgreSQL's own print of them, foreign keys renamed with the
     * columns and tables they name.
     */
    public Schema reprint(Schema schema, List<Change> renames) {
        // the scratch database starts with public and the schemas its extensions are installed in
        Set<String> existing = new java.util.TreeSet<>(schema.extensions().values());
        existing.add("public");
        existing.retainAll(schema.schemaNames());
        Schema empty = Schema.of(existing, List.of(), List.of());
        // foreign keys hold nothing PostgreSQL prints, and may point at tables left out: they are kept as they are
        Schema withoutForeignKeys = Schema.of(schema.schemaNames(), schema.enumTypes().values(), schema.domains().values(),
                schema.tables().values().stream().map(t -> t.withForeignKeys(List.of())).toList(),
                schema.sequences().values(), schema.unmanaged());
        List<Change> create = SchemaDiff.compare(empty, withoutForeignKeys);
        try (ScratchDatabase database = scratch.create("reprint"); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            createExtensions(statement, schema.extensions());
            StatementBatches.run(connection, PostgresSql.statements(create));
            if (!renames.isEmpty()) {
                StatementBatches.run(connection, PostgresSql.statements(renames));
            }
            Schema reprinted = new Introspector(name -> false).read(connection, schema.schemaNames());
            return Schema.of(reprinted.schemaNames(), reprinted.enumTypes().values(), reprinted.domains().values(),
                    reprinted.tables().values().stream()
                            .map(t -> t.withForeignKeys(Renames.foreignKeysAfter(schema, t.name(), renames))).toList(),
                    reprinted.sequences().values(), schema.unmanaged()).withExtensions(schema.extensions());
        } catch (SQLException e) {
            if (!renames.isEmpty()) {
                throw new dev.autogen.AutogenException("Cannot make the renames of autogen.renames on a scratch database: "
                        + e.getMessage(), e);
            }
            // objects this build cannot recreate on an empty database (types from extensions, say) are compared as printed
            warn.accept("Comparing the schema as printed: it cannot be recreated on a scratch database (" + e.getMessage() + ")");
            return schema;
        }
    }
}
