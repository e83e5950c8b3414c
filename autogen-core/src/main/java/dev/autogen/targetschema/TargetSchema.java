package dev.autogen.targetschema;

import dev.autogen.AutogenException;
import dev.autogen.db.MissingFromExtension;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.db.StatementBatches;
import dev.autogen.db.ServerShortage;
import dev.autogen.entity.EntitySource;
import dev.autogen.entity.HibernateModel;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.Schema;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.WrittenText;
import dev.autogen.schema.WrittenText.Candidates;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ObjLongConsumer;

/**
 * The schema the entities want: the DDL Hibernate's own schema export writes for them, run on an
 * empty scratch database and read back with the introspector that reads the current side; and
 * the expressions in it as Hibernate wrote them, for the migration to write.
 *
 * @param written which object each of Hibernate's expressions became; null when they were not matched (a comparison
 *                that writes no migration needs none)
 */
public record TargetSchema(Schema schema, WrittenText written) implements java.io.Serializable {

    /** Whether the expressions as Hibernate wrote them were matched to the objects they became. */
    public boolean hasWrittenText() {
        return written != null;
    }

    /**
     * What the target side needs of Hibernate: the DDL its schema export writes, the expressions as it writes them,
     * and the schemas its mapping names ({@code public} for the default one).
     */
    public record Hibernate(List<String> ddl, Map<QualifiedName, Candidates> text, java.util.SortedSet<String> schemas)
            implements java.io.Serializable {
        public Hibernate {
            ddl = List.copyOf(ddl);
            schemas = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(schemas));
        }
    }

    /**
     * Boots Hibernate on the entities {@code entities} finds with {@code classLoader}, and reads the
     * schema its DDL makes on a scratch database with {@code extensions} (name to schema) installed.
     * {@code timing} is told how long each phase took, in nanoseconds (autogen.timings).
     */
    public static TargetSchema build(ScratchAdmin scratch, ClassLoader classLoader, EntitySource entities,
                               Map<String, Object> hibernateSettings, Map<String, String> extensions,
                               ObjLongConsumer<String> timing) {
        return build(scratch, hibernate(classLoader, entities, hibernateSettings, timing), extensions, timing);
    }

    /** Boots Hibernate on the entities {@code entities} finds with {@code classLoader}: its DDL and its expressions. */
    public static Hibernate hibernate(ClassLoader classLoader, EntitySource entities, Map<String, Object> hibernateSettings,
                                      ObjLongConsumer<String> timing) {
        long start = System.nanoTime();
        try (HibernateModel model = HibernateModel.boot(classLoader, entities.find(classLoader), hibernateSettings)) {
            return new Hibernate(model.createStatements(), HibernateText.of(model), new java.util.TreeSet<>(model.schemaNames()));
        } finally {
            timing.accept("Hibernate boot", System.nanoTime() - start);
        }
    }

    /**
     * The schema {@code hibernate}'s DDL makes on a scratch database with {@code extensions} (name to schema) installed,
     * with the objects Hibernate's expressions became.
     */
    public static TargetSchema build(ScratchAdmin scratch, Hibernate hibernate, Map<String, String> extensions,
                                     ObjLongConsumer<String> timing) {
        return build(scratch, hibernate, extensions, timing, true);
    }

    /**
     * @param writtenText whether to match Hibernate's expressions to the objects they became, which takes PostgreSQL
     *                    another pass over the schema: only a migration to write spells them
     */
    public static TargetSchema build(ScratchAdmin scratch, Hibernate hibernate, Map<String, String> extensions,
                                     ObjLongConsumer<String> timing, boolean writtenText) {
        return build(scratch, hibernate, extensions, timing, writtenText, true);
    }

    /**
     * @param nameExtensions whether a refusal for a type or function the scratch database lacks asks the server which
     *                       extension has it (a third of a second): not for a schema built on a guess of the extensions
     */
    public static TargetSchema build(ScratchAdmin scratch, Hibernate hibernate, Map<String, String> extensions,
                                     ObjLongConsumer<String> timing, boolean writtenText, boolean nameExtensions) {
        try (ScratchDatabase database = scratch.create("target");
             Connection connection = database.connect()) {
            timed(timing, "target DDL", () -> {
                try (Statement statement = connection.createStatement()) {
                    Reprinter.createExtensions(statement, extensions);
                }
                applyHibernateDdl(connection, hibernate.ddl(), nameExtensions ? scratch : null);
                return null;
            });
            Set<String> schemas = new LinkedHashSet<>(Introspector.userSchemas(connection));
            Schema schema = timed(timing, "introspection", () -> new Introspector(name -> false).read(connection, schemas));
            WrittenText written = !writtenText ? null : timed(timing, "written text",
                    () -> WrittenTextMatcher.match(connection, schema, hibernate.text()));
            return new TargetSchema(schema, written);
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the entities' schema from the scratch database: " + e.getMessage(), e);
        }
    }

    /**
     * Runs Hibernate's schema-export statements, in batches each in one transaction, failing with the
     * statement PostgreSQL refused.
     */
    public static void applyHibernateDdl(Connection connection, List<String> statements) {
        applyHibernateDdl(connection, statements, null);
    }

    /**
     * @param probe where to ask which extension has a type or function the DDL names and PostgreSQL lacks (null: not
     *              asked)
     */
    static void applyHibernateDdl(Connection connection, List<String> statements, ScratchAdmin probe) {
        try {
            StatementBatches.run(connection, statements);
        } catch (StatementBatches.Refused e) {
            ServerShortage.stopped("build the entities' schema", e).ifPresent(stopped -> {
                throw stopped;
            });
            String refused = "PostgreSQL refuses the DDL Hibernate writes for the entities: " + e.statement()
                    + ": " + e.getMessage().lines().findFirst().orElse("") + ". ";
            Optional<MissingFromExtension> extension = probe == null ? Optional.empty() : MissingFromExtension.of(e, probe);
            throw new AutogenException(refused + extension.map(missing -> missing.says() + ": a migration creates it before the"
                            + " one that uses it (" + missing.step() + " as its first step; README, Extensions), then run again.")
                    .orElse("Fix the mapping (columnDefinition, @ColumnDefault, @Check ...)."), e);
        } catch (SQLException e) {
            throw new AutogenException("Cannot run DDL on the scratch database: " + e.getMessage(), e);
        }
    }

    /** Work of one phase on a database. */
    private interface Phase<T> {
        T run() throws SQLException;
    }

    private static <T> T timed(ObjLongConsumer<String> timing, String phase, Phase<T> work) throws SQLException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            timing.accept(phase, System.nanoTime() - start);
        }
    }
}
