package dev.autogen.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parameters a project sets beyond the packages: Hibernate settings, its own scratch server,
 * a version table of its own, DATABASE_URL in the form hosting platforms give it, and skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigurationIT {

    private final TestProject project = TestProject.create("configured")
            .javaSource(Library.DOMAIN, "Shelf", """
                    import jakarta.persistence.Entity;
                    import jakarta.persistence.Id;
                    import java.time.LocalDate;

                    @Entity
                    public class Shelf {
                        @Id
                        Long id;

                        LocalDate builtOn;
                    }
                    """)
            .configure("""
                              <versionTable>public.schema_version</versionTable>
                              <hibernateProperties>
                                <physical_naming_strategy>org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy</physical_naming_strategy>
                              </hibernateProperties>
                    """);
    private EmbeddedPostgres server;

    @BeforeAll
    void startServer() throws Exception {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void skipDoesNothing() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:revision", "-Dmessage=shelves", "-Dautogen.skip");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.output().contains("[INFO] Skipping autogen:revision (autogen.skip)"), result::toString);
        assertEquals(List.of(), project.migrations());
    }

    @Test
    @Order(2)
    void hibernatePropertiesNameTheColumnsAndAServerOfTheProjectIsTheScratchServer() throws Exception {
        NestedMaven.Result result = project.mvn("autogen:revision", "-Dmessage=shelves",
                "-Dautogen.scratch=" + postgresUrl(), "-Dautogen.scratchUser=postgres");

        assertEquals(0, result.exitCode(), result::toString);
        List<Path> migrations = project.migrations();
        assertEquals(1, migrations.size(), result::toString);
        String source = project.read(migrations.get(0));
        assertTrue(source.contains("column(\"built_on\", \"date\")"), source);
        assertEquals(List.of("postgres", "template0", "template1"), databases(), "the scratch databases are dropped");
        assertTrue(result.output().contains("[INFO] Configuration from the plugin's hibernateProperties\n"), result::toString);
    }

    @Test
    @Order(3)
    void databaseUrlFromTheEnvironmentAndTheProjectsVersionTable() throws Exception {
        Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://postgres@localhost:" + server.getPort() + "/postgres");

        NestedMaven.Result upgrade = project.mvn(environment, "autogen:upgrade");
        NestedMaven.Result current = project.mvn(environment, "autogen:current");

        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        assertEquals(List.of("schema_version", "shelf"), tables());
        assertEquals(0, current.exitCode(), current::toString);
        String revision = project.revisionOf(project.migrations().get(0))[0];
        assertTrue(current.output().contains("[INFO] Current revision: " + revision), current::toString);
        for (NestedMaven.Result result : List.of(upgrade, current)) {
            assertTrue(result.output().contains(
                    "[INFO] Configuration from the plugin's hibernateProperties, the DATABASE_URL environment variable\n"), result::toString);
        }
    }

    @Test
    @Order(4)
    void databaseUrlOfTheEnvironmentLeavesCheckAndRevisionOnTheReplayedMigrations() throws Exception {
        // nothing listens on port 1: a goal that took DATABASE_URL as its database would fail to connect
        Map<String, String> environment = Map.of("DATABASE_URL", "postgresql://postgres@localhost:1/nowhere");

        NestedMaven.Result check = project.mvn(environment, "autogen:check");
        NestedMaven.Result revision = project.mvn(environment, "autogen:revision", "-Dmessage=nothing new");
        NestedMaven.Result history = project.mvn(Map.of("DATABASE_URL",
                "postgresql://postgres@localhost:" + server.getPort() + "/postgres"), "autogen:history");

        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.output().contains("[INFO] The migrations match the entities."), check::toString);
        assertEquals(0, revision.exitCode(), revision::toString);
        assertTrue(revision.output().contains("[INFO] No changes: the migrations already match the entities. Nothing written."),
                revision::toString);
        assertEquals(1, project.migrations().size());
        for (NestedMaven.Result result : List.of(check, revision)) {
            assertTrue(result.output().contains("[INFO] Configuration from the plugin's hibernateProperties\n"), result::toString);
        }
        assertEquals(0, history.exitCode(), history::toString);
        assertTrue(history.output().contains(" (head) (current), shelves"), history::toString);
        assertTrue(history.output().contains(
                "[INFO] Configuration from the plugin's hibernateProperties, the DATABASE_URL environment variable\n"), history::toString);
    }

    private String postgresUrl() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }

    private List<String> tables() throws Exception {
        return strings("select table_name from information_schema.tables where table_schema = 'public' order by 1");
    }

    private List<String> databases() throws Exception {
        return strings("select datname from pg_database order by 1");
    }

    private List<String> strings(String sql) throws Exception {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
