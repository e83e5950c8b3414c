package dev.autogen.mapping;

import dev.autogen.change.Change;
import dev.autogen.command.Autogen;
import dev.autogen.command.Log;
import dev.autogen.config.Configuration;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.entity.Entities;
import dev.autogen.entity.EntitySource;
import dev.autogen.render.MigrationRenderer;
import dev.autogen.render.MigrationRenderer.MigrationSource;
import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.Schema;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.RevisionGraph;
import dev.autogen.testing.CatalogFingerprint;
import dev.autogen.testing.Golden;
import dev.autogen.testing.HibernateCreated;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.Scenario;
import dev.autogen.testing.TestPostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The oracle of issue 4 for one mapping: Hibernate decides, autogen follows.
 * <ol>
 *   <li>The database Hibernate creates when the application starts with a schema action (plain JPA
 *       bootstrap, Bean Validation on the class path, no autogen code): autogen finds no change
 *       against it.</li>
 *   <li>From an empty database, the migration autogen writes (a golden file), compiled and applied:
 *       Hibernate's schema validation passes, the database equals the Hibernate-created one by its
 *       catalog fingerprint and by introspection (names included), generating again finds nothing,
 *       and downgrade to base leaves only the version table.</li>
 * </ol>
 */
final class MappingOracle {

    private static final String PACKAGE = "dev.autogen.generated";
    private static final Path NO_MIGRATIONS = Path.of("target/no-migrations-here");
    private static final Log FAIL_ON_WARNING = new Log() {
        public void info(String message) {
        }

        public void warn(String message) {
            throw new AssertionError("autogen warned: " + message);
        }
    };

    private MappingOracle() {
    }

    /** What the oracle saw, for assertions on names beyond the oracle. */
    record Outcome(List<Change> changes, String source, Schema exported) {
    }

    static Outcome check(String name, Class<?>... entities) {
        return check(name, Map.of(), entities);
    }

    /** Runs both halves of the oracle with the Hibernate settings an application runs with. */
    static Outcome check(String name, Map<String, Object> hibernateSettings, Class<?>... entities) {
        Configuration settings = Configuration.builder().entities(EntitySource.of(Entities.of(List.of(entities))))
                .migrationsDirectory(NO_MIGRATIONS).migrationsPackage(PACKAGE).scratch(TestPostgres.admin())
                .hibernateSettings(hibernateSettings).classLoader(MappingOracle.class.getClassLoader()).build();
        try (ScratchDatabase exported = TestPostgres.scratch().create("export");
             ScratchDatabase migrated = TestPostgres.scratch().create("migrated");
             Connection connection = migrated.connect()) {
            exportWithHibernate(exported, entities, hibernateSettings);
            assertEquals(List.of(), new Autogen(settings.toBuilder().database(exported.spec()).build(), FAIL_ON_WARNING).diff(),
                    "a database Hibernate's own export created shows no change against the same entities");

            List<Change> changes = new Autogen(settings.toBuilder().database(migrated.spec()).build(), FAIL_ON_WARNING).diff();
            assertFalse(changes.isEmpty(), "from an empty database there is something to create");
            String className = "M20261121_120000_" + camel(name);
            String source = new MigrationRenderer(null).render(new MigrationSource(PACKAGE, className,
                    Scenario.REVISION, "", name.replace('-', ' '), Scenario.CREATED, changes));
            Golden.assertMatches("mapping-" + name + ".java", source);
            Migration migration = newInstance(InMemoryCompiler.compile(PACKAGE + "." + className, source));
            MigrationRunner runner = new MigrationRunner(connection,
                    RevisionGraph.of(List.of(new MigrationFile(Scenario.REVISION, "", name, Scenario.CREATED,
                            PACKAGE + "." + className, Path.of(className + ".java")))),
                    Configuration.DEFAULT_VERSION_TABLE, file -> migration, message -> { });
            runner.upgrade("head");

            validateWithHibernate(migrated, entities, hibernateSettings);
            Schema hibernates;
            try (Connection exportConnection = exported.connect()) {
                assertEquals(CatalogFingerprint.of(exportConnection), CatalogFingerprint.of(connection, Configuration.DEFAULT_VERSION_TABLE.name()),
                        "the migrated database's catalog equals that of the database Hibernate creates");
                hibernates = Scenario.introspect(exportConnection);
            }
            assertEquals(Scenario.reprint(hibernates).withColumnsByName(),
                    Scenario.reprint(Scenario.introspect(connection)).withColumnsByName(),
                    "the migrated database equals the one Hibernate created, names included");
            assertEquals(List.of(), new Autogen(settings.toBuilder().database(migrated.spec()).build(), FAIL_ON_WARNING).diff(),
                    "fixpoint: generating again finds nothing");

            runner.downgrade("base");
            assertEquals(List.of("public.autogen_version"), userObjects(connection),
                    "downgrade to base leaves only the version table");
            return new Outcome(changes, source, hibernates);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The database Hibernate creates when the application starts with a schema action. */
    static void exportWithHibernate(ScratchDatabase database, Class<?>[] entities, Map<String, Object> hibernateSettings) {
        HibernateCreated.create(database.spec(), List.of(entities), hibernateSettings);
    }

    static void validateWithHibernate(ScratchDatabase database, Class<?>[] entities, Map<String, Object> hibernateSettings) {
        HibernateCreated.validate(database.spec(), List.of(entities), hibernateSettings);
    }

    /** Every table, view, sequence, user type and schema outside PostgreSQL's own, as schema.name. */
    static List<String> userObjects(Connection connection) throws SQLException {
        String sql = """
                SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                UNION ALL
                SELECT n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE t.typtype IN ('e', 'd', 'c', 'r') AND (t.typtype <> 'c' OR t.typrelid = 0)
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                UNION ALL
                SELECT n.nspname FROM pg_namespace n
                 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public') AND n.nspname NOT LIKE 'pg\\_%'
                ORDER BY 1
                """;
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static Migration newInstance(Class<?> type) {
        try {
            return (Migration) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
