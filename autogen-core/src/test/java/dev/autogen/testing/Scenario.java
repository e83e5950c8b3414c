package dev.autogen.testing;

import dev.autogen.change.Change;
import dev.autogen.command.Autogen;
import dev.autogen.command.Settings;
import dev.autogen.db.ScratchServer.ScratchDatabase;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.entity.HibernateModel;
import dev.autogen.introspect.Introspector;
import dev.autogen.introspect.Reprinter;
import dev.autogen.render.MigrationRenderer;
import dev.autogen.render.MigrationRenderer.MigrationSource;
import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.Schema;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.RevisionGraph;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Given the entities a database was built for and the entities as they are now: the migration
 * autogen writes (checked against its golden file, compiled, run), and the invariants it must
 * keep: fixpoint, round trip, Hibernate agrees.
 */
public final class Scenario {

    public static final String PACKAGE = "dev.autogen.generated";
    public static final String REVISION = "0123456789ab";
    public static final String CREATED = "2026-11-21T12:00:00Z";

    private Scenario() {
    }

    /** What a scenario found, for assertions beyond the invariants. */
    public record Outcome(List<Change> changes, String source, Schema before, Schema target) {
    }

    public static Outcome run(String name, List<Class<?>> before, List<Class<?>> after) {
        try (ScratchDatabase database = TestPostgres.scratch().create("scenario");
             Connection connection = database.connect()) {
            if (!before.isEmpty()) {
                createWithHibernate(connection, before);
            }
            Schema current = introspect(connection);
            Schema target = hibernateSchema(after);
            List<Change> changes = SchemaDiff.compare(reprint(current), reprint(target));
            assertFalse(changes.isEmpty(), "the entities changed, so the diff must find something");

            String className = "M20261121_120000_" + camel(name);
            String source = new MigrationRenderer(null).render(new MigrationSource(PACKAGE, className, REVISION, "",
                    name.replace('-', ' '), CREATED, changes));
            Golden.assertMatches(name + ".java", source);
            Migration migration = newInstance(InMemoryCompiler.compile(PACKAGE + "." + className, source));

            MigrationRunner runner = new MigrationRunner(connection,
                    RevisionGraph.of(List.of(new MigrationFile(REVISION, "", name, CREATED, PACKAGE + "." + className,
                            Path.of(className + ".java")))),
                    Settings.DEFAULT_VERSION_TABLE, file -> migration, message -> { });
            runner.upgrade("head");
            Schema upgraded = introspect(connection);

            assertEquals(List.of(), SchemaDiff.compare(reprint(upgraded), reprint(target)), "fixpoint: generating again finds nothing");
            assertEquals(reprint(target).withColumnsByName(), reprint(upgraded).withColumnsByName(),
                    "Hibernate agrees: the migrated database equals Hibernate's own export, names included");
            validateWithHibernate(database, after);

            runner.downgrade("base");
            Schema downgraded = introspect(connection);
            assertEquals(List.of(), SchemaDiff.compare(reprint(downgraded), reprint(current)), "round trip: downgrade finds nothing to undo");
            assertEquals(reprint(current).withColumnsByName(), reprint(downgraded).withColumnsByName(),
                    "round trip: upgrade then downgrade leaves the schema as it was, names included");
            return new Outcome(changes, source, current, target);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The schema Hibernate's own export creates for {@code entities}, read back from a scratch database. */
    public static Schema hibernateSchema(List<Class<?>> entities) {
        try (ScratchDatabase database = TestPostgres.scratch().create("target");
             Connection connection = database.connect()) {
            createWithHibernate(connection, entities);
            return introspect(connection);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public static void createWithHibernate(Connection connection, List<Class<?>> entities) {
        try (HibernateModel model = HibernateModel.boot(Scenario.class.getClassLoader(), entities, List.of(), Map.of())) {
            Autogen.applyHibernateDdl(connection, model.createStatements());
        }
    }

    /** The schema as PostgreSQL prints it once recreated from its own printout: what autogen compares. */
    public static Schema reprint(Schema schema) {
        return new Reprinter(TestPostgres.scratch(), message -> {
            throw new AssertionError(message);
        }).reprint(schema);
    }

    public static Schema introspect(Connection connection) throws SQLException {
        return new Introspector(name -> name.equals(Settings.DEFAULT_VERSION_TABLE))
                .read(connection, Introspector.userSchemas(connection));
    }

    private static void validateWithHibernate(ScratchDatabase database, List<Class<?>> entities) {
        Map<String, Object> settings = Map.of(
                "hibernate.boot.allow_jdbc_metadata_access", "true",
                "jakarta.persistence.jdbc.url", database.spec().url(),
                "jakarta.persistence.jdbc.user", database.spec().user(),
                "hibernate.hbm2ddl.auto", "validate",
                "hibernate.connection.provider_class", "");
        try (HibernateModel model = HibernateModel.boot(Scenario.class.getClassLoader(), entities, List.of(), settings)) {
            // building the session factory with hbm2ddl.auto=validate is Hibernate's own schema validation
            model.metadata().buildSessionFactory().close();
        }
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

    public static List<Class<?>> classes(Class<?>... classes) {
        return new ArrayList<>(List.of(classes));
    }
}
