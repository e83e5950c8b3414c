package dev.autogen.testing;

import dev.autogen.change.Change;
import dev.autogen.config.Configuration;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.diff.AsWritten;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.entity.EntitySource;
import dev.autogen.entity.HibernateModel;
import dev.autogen.introspect.Introspector;
import dev.autogen.render.MigrationRenderer;
import dev.autogen.render.MigrationRenderer.MigrationSource;
import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.WrittenText;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.RevisionGraph;
import dev.autogen.targetschema.Reprinter;
import dev.autogen.targetschema.TargetSchema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Given what a database was built from and what is wanted now (entities, or hand-written DDL where
 * no mapping can express it): the migration autogen writes (checked against its golden file,
 * compiled, run), and the invariants it must keep: fixpoint, round trip, Hibernate agrees, and
 * rows that survive upgrade and downgrade.
 */
public final class Scenario {

    public static final String PACKAGE = "dev.autogen.generated";
    public static final String REVISION = "0123456789ab";
    public static final String CREATED = "2026-11-21T12:00:00Z";

    /** What a database is built from. */
    public sealed interface Side permits Entities, Ddl {
        void create(Connection connection) throws SQLException;
    }

    public record Entities(List<Class<?>> classes) implements Side {
        public void create(Connection connection) {
            if (!classes.isEmpty()) {
                createWithHibernate(connection, classes);
            }
        }
    }

    public record Ddl(List<String> statements) implements Side {
        public void create(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** What a scenario found, for assertions beyond the invariants. */
    public record Outcome(List<Change> changes, String source, Schema before, Schema target) {
    }

    private final String name;
    private Side before = new Ddl(List.of());
    private Side after = new Ddl(List.of());
    private final List<String> rows = new ArrayList<>();

    private Scenario(String name) {
        this.name = name;
    }

    public static Scenario named(String name) {
        return new Scenario(name);
    }

    public Scenario before(Class<?>... entities) {
        this.before = new Entities(List.of(entities));
        return this;
    }

    public Scenario after(Class<?>... entities) {
        this.after = new Entities(List.of(entities));
        return this;
    }

    public Scenario beforeDdl(String... statements) {
        this.before = new Ddl(List.of(statements));
        return this;
    }

    public Scenario afterDdl(String... statements) {
        this.after = new Ddl(List.of(statements));
        return this;
    }

    /** Rows put into the database before the upgrade; they must read the same after upgrade and downgrade. */
    public Scenario rows(String... inserts) {
        rows.addAll(List.of(inserts));
        return this;
    }

    public static Outcome run(String name, List<Class<?>> before, List<Class<?>> after) {
        Scenario scenario = named(name);
        scenario.before = new Entities(before);
        scenario.after = new Entities(after);
        return scenario.run();
    }

    public Outcome run() {
        try (ScratchDatabase database = TestPostgres.scratch().create("scenario");
             Connection connection = database.connect()) {
            before.create(connection);
            try (Statement statement = connection.createStatement()) {
                for (String insert : rows) {
                    statement.execute(insert);
                }
            }
            Schema current = introspect(connection);
            Map<QualifiedName, List<List<Object>>> data = contents(connection, current);
            List<String> fingerprintBefore = CatalogFingerprint.of(connection);
            TargetSchema wanted = targetOf(after);
            Schema target = wanted.schema();
            // compared as PostgreSQL prints both sides, written as each side's author wrote it: as autogen does
            List<Change> changes = AsWritten.spell(SchemaDiff.compare(reprint(current), reprint(target)), reprint(current),
                    targetOf(before).written(), reprint(target), wanted.written());
            assertFalse(changes.isEmpty(), "the wanted schema differs, so the diff must find something");

            String className = "M20261121_120000_" + camel(name);
            String source = new MigrationRenderer(null).render(new MigrationSource(PACKAGE, className, REVISION, "",
                    name.replace('-', ' '), CREATED, changes));
            Golden.assertMatches(name + ".java", source);
            Migration migration = newInstance(InMemoryCompiler.compile(PACKAGE + "." + className, source));

            MigrationRunner runner = new MigrationRunner(connection,
                    RevisionGraph.of(List.of(new MigrationFile(REVISION, "", name, CREATED, PACKAGE + "." + className,
                            Path.of(className + ".java")))),
                    Configuration.DEFAULT_VERSION_TABLE, file -> migration, message -> { });
            runner.upgrade("head");
            Schema upgraded = introspect(connection);

            assertEquals(List.of(), SchemaDiff.compare(reprint(upgraded), reprint(target)), "fixpoint: generating again finds nothing");
            assertEquals(reprint(target).withColumnsByName(), reprint(upgraded).withColumnsByName(),
                    "the migrated database equals the wanted one, names included");
            if (after instanceof Entities entities && !entities.classes().isEmpty()) {
                HibernateCreated.validate(database.spec(), entities.classes(), Map.of());
                assertEquals(hibernateCreatedFingerprint(entities.classes()),
                        CatalogFingerprint.of(connection, Configuration.DEFAULT_VERSION_TABLE.name()),
                        "the migrated database's catalog equals that of the database Hibernate creates");
            }

            runner.downgrade("base");
            Schema downgraded = introspect(connection);
            assertEquals(List.of(), SchemaDiff.compare(reprint(downgraded), reprint(current)), "round trip: downgrade finds nothing to undo");
            assertEquals(reprint(current).withColumnsByName(), reprint(downgraded).withColumnsByName(),
                    "round trip: upgrade then downgrade leaves the schema as it was, names included");
            assertEquals(data, contents(connection, current), "rows survive upgrade and downgrade");
            assertEquals(fingerprintBefore, CatalogFingerprint.of(connection, Configuration.DEFAULT_VERSION_TABLE.name()),
                    "round trip: upgrade then downgrade leaves the catalog as it was");
            return new Outcome(changes, source, current, target);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The schema a side creates, read back from a scratch database. */
    public static Schema schemaOf(Side side) {
        try (ScratchDatabase database = TestPostgres.scratch().create("target");
             Connection connection = database.connect()) {
            side.create(connection);
            return introspect(connection);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The schema a side wants, and, for entities, the expressions as Hibernate wrote them: what
     * autogen's target side is made of.
     */
    public static TargetSchema targetOf(Side side) {
        if (side instanceof Entities entities && !entities.classes().isEmpty()) {
            return TargetSchema.build(TestPostgres.scratch(), TargetSchema.hibernate(Scenario.class.getClassLoader(),
                    EntitySource.of(dev.autogen.entity.Entities.of(entities.classes())), Map.of(), (phase, nanos) -> { }),
                    Map.of(), (phase, nanos) -> { });
        }
        return new TargetSchema(schemaOf(side), WrittenText.NONE);
    }

    /** The schema Hibernate's own export creates for {@code entities}, read back from a scratch database. */
    public static Schema hibernateSchema(List<Class<?>> entities) {
        return schemaOf(new Entities(entities));
    }

    public static void createWithHibernate(Connection connection, List<Class<?>> entities) {
        try (HibernateModel model = HibernateModel.boot(Scenario.class.getClassLoader(), entities, List.of(), Map.of())) {
            TargetSchema.applyHibernateDdl(connection, model.createStatements());
        }
    }

    /** The schema as PostgreSQL prints it once recreated from its own printout: what autogen compares. */
    public static Schema reprint(Schema schema) {
        return new Reprinter(TestPostgres.scratch(), message -> {
            throw new AssertionError(message);
        }).reprint(schema);
    }

    public static Schema introspect(Connection connection) throws SQLException {
        return new Introspector(name -> name.equals(Configuration.DEFAULT_VERSION_TABLE))
                .read(connection, Introspector.userSchemas(connection));
    }

    /** Every row of every table, in a stable order, for comparing data before and after. */
    private static Map<QualifiedName, List<List<Object>>> contents(Connection connection, Schema schema) throws SQLException {
        Map<QualifiedName, List<List<Object>>> data = new LinkedHashMap<>();
        for (QualifiedName table : schema.tables().keySet()) {
            List<List<Object>> tableRows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT * FROM " + dev.autogen.sql.Identifiers.quote(table)
                         + " ORDER BY 1")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.add(meta.getColumnName(i) + "=" + rs.getString(i));
                    }
                    row.sort(java.util.Comparator.comparing(Object::toString));
                    tableRows.add(row);
                }
            }
            data.put(table, tableRows);
        }
        return data;
    }

    /** The catalog fingerprint of the database Hibernate creates when the application starts with a schema action. */
    public static List<String> hibernateCreatedFingerprint(List<Class<?>> entities) {
        try (ScratchDatabase database = TestPostgres.scratch().create("hibernate");
             Connection connection = database.connect()) {
            HibernateCreated.create(database.spec(), entities, Map.of());
            return CatalogFingerprint.of(connection);
        } catch (SQLException e) {
            throw new AssertionError(e);
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
