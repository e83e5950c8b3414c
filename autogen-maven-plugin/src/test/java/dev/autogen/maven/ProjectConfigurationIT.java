package dev.autogen.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Projects configured the way they already run: a Spring Boot application.yml names the naming
 * strategy and the database; a persistence.xml lists the entities, with no packages for the plugin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectConfigurationIT {

    private static final String CUSTOMER_ACCOUNT = """
            import jakarta.persistence.Entity;
            import jakarta.persistence.Id;

            @Entity
            public class CustomerAccount {
                @Id
                Long accountId;

                String lastName;
            }
            """;

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
    void applicationYmlNamesTheColumnsAndItsDataSourceIsTheDatabaseOfUpgrade() throws Exception {
        TestProject project = TestProject.create("spring-configured")
                .javaSource(Library.DOMAIN, "CustomerAccount", CUSTOMER_ACCOUNT)
                .write("src/main/resources/application.yml", """
                        spring:
                          datasource:
                            url: jdbc:postgresql://localhost:%d/postgres   # the application's own database
                            username: postgres
                          jpa:
                            hibernate:
                              naming:
                                physical-strategy: org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy
                        ---
                        spring:
                          config:
                            activate:
                              on-profile: prod
                          datasource:
                            url: jdbc:postgresql://production.invalid:5432/shop
                        """.formatted(server.getPort()));

        NestedMaven.Result revision = project.mvn("autogen:revision", "-Dmessage=accounts");

        assertEquals(0, revision.exitCode(), revision::toString);
        List<Path> migrations = project.migrations();
        assertEquals(1, migrations.size(), revision::toString);
        String source = project.read(migrations.get(0));
        assertTrue(source.contains("op.createTable(\"public\", \"customer_account\""), source);
        assertTrue(source.contains("column(\"last_name\", \"character varying(255)\")"), source);
        assertEquals(List.of(), tables(), "revision replays on a scratch database, it does not touch spring.datasource");

        NestedMaven.Result upgrade = project.mvn("autogen:upgrade");
        NestedMaven.Result current = project.mvn("autogen:current");

        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        assertTrue(upgrade.output().contains("(spring.datasource of the application's configuration)"), upgrade::toString);
        assertEquals(List.of("autogen_version", "customer_account"), tables());
        assertEquals(0, current.exitCode(), current::toString);
        assertTrue(current.output().contains("[INFO] Current revision: " + project.revisionOf(migrations.get(0))[0]), current::toString);

        NestedMaven.Result check = project.mvn("autogen:check");
        assertEquals(0, check.exitCode(), check::toString);
    }

    @Test
    void springBootReadsTheApplicationsConfigurationForTheProfilesGiven() throws Exception {
        try (Connection connection = server.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE reporting_app");
        }
        TestProject project = TestProject.create("spring-boot-profiles")
                .javaSource(Library.DOMAIN, "CustomerAccount", CUSTOMER_ACCOUNT)
                .write("src/main/resources/application.yml", """
                        spring:
                          config:
                            import: optional:classpath:database.properties
                          jpa:
                            properties:
                              hibernate.default_schema: ${APP_SCHEMA_NOT_SET_ANYWHERE:public}
                        ---
                        spring:
                          config.activate.on-profile: reporting
                          jpa.properties.hibernate.default_schema: reports
                        """)
                .write("src/main/resources/database.properties", """
                        spring.datasource.url=jdbc:postgresql://localhost:%d/reporting_app
                        spring.datasource.username=postgres
                        """.formatted(server.getPort()));
        String pom = project.read(project.directory().resolve("pom.xml"));
        // Spring Boot 4 at run time (core's tests run Spring Boot 3); src/main/resources declared twice, as
        // spring-boot-starter-parent does
        project.write("pom.xml", pom.replace("  </dependencies>", """
                    <dependency>
                      <groupId>org.springframework.boot</groupId>
                      <artifactId>spring-boot</artifactId>
                      <version>4.0.0</version>
                    </dependency>
                  </dependencies>""").replace("    <plugins>", """
                    <resources>
                      <resource>
                        <directory>src/main/resources</directory>
                        <includes><include>**/application*.yml</include></includes>
                      </resource>
                      <resource>
                        <directory>src/main/resources</directory>
                        <excludes><exclude>**/application*.yml</exclude></excludes>
                      </resource>
                    </resources>
                    <plugins>"""));

        NestedMaven.Result revision = project.mvn("autogen:revision", "-Dmessage=reports", "-Dautogen.profiles=reporting");

        assertEquals(0, revision.exitCode(), revision::toString);
        String source = project.read(project.migrations().get(0));
        assertTrue(source.contains("op.createTable(\"reports\", \"customer_account\""), source);
        assertTrue(source.contains("column(\"last_name\""), "Spring Boot's naming: " + source);
        String classes = project.directory().resolve("target/classes").toAbsolutePath().normalize().toString();
        assertTrue(revision.output().contains("[INFO] Configuration from Spring Boot's JPA naming defaults, Spring Boot's "
                + "configuration for the profile reporting, " + classes + "/application.yml, " + classes + "/database.properties\n"),
                revision::toString);

        NestedMaven.Result upgrade = project.mvn("autogen:upgrade");

        assertEquals(0, upgrade.exitCode(), upgrade::toString);
        assertTrue(upgrade.output().contains("(spring.datasource of the application's configuration)"), upgrade::toString);
        assertTrue(upgrade.output().contains("[INFO] Configuration from Spring Boot's JPA naming defaults, Spring Boot's "
                + "configuration for the profile default, " + classes + "/application.yml, " + classes + "/database.properties\n"),
                upgrade::toString);
        assertEquals(List.of("public.autogen_version", "reports.customer_account"), strings(server.getDatabase("postgres",
                "reporting_app"), "select table_schema || '.' || table_name from information_schema.tables "
                + "where table_schema in ('public', 'reports') order by 1"));
    }

    @Test
    void persistenceXmlListsTheEntitiesWithoutPackages() throws Exception {
        TestProject project = TestProject.create("persistence-unit")
                .javaSource(Library.DOMAIN, "CustomerAccount", CUSTOMER_ACCOUNT)
                .javaSource(Library.DOMAIN, "NotInTheUnit", """
                        import jakarta.persistence.Entity;
                        import jakarta.persistence.Id;

                        @Entity
                        public class NotInTheUnit {
                            @Id
                            Long id;
                        }
                        """)
                .write("src/main/resources/META-INF/persistence.xml", """
                        <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                          <persistence-unit name="shop">
                            <class>com.example.domain.CustomerAccount</class>
                            <exclude-unlisted-classes>true</exclude-unlisted-classes>
                            <properties>
                              <property name="hibernate.physical_naming_strategy"
                                        value="org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"/>
                            </properties>
                          </persistence-unit>
                        </persistence>
                        """);
        Path pom = project.directory().resolve("pom.xml");
        String withPackages = project.read(pom);
        String packages = """
                          <packages>
                            <package>com.example.domain</package>
                          </packages>
                """;
        assertTrue(withPackages.contains(packages), withPackages);
        project.write("pom.xml", withPackages.replace(packages, ""));

        NestedMaven.Result revision = project.mvn("autogen:revision", "-Dmessage=accounts");

        assertEquals(0, revision.exitCode(), revision::toString);
        assertTrue(revision.output().contains("Configuration from persistence unit shop (META-INF/persistence.xml)"), revision::toString);
        List<Path> migrations = project.migrations();
        assertEquals(1, migrations.size(), revision::toString);
        String source = project.read(migrations.get(0));
        assertTrue(source.contains("op.createTable(\"public\", \"customer_account\""), source);
        assertTrue(source.contains("column(\"last_name\""), source);
        assertFalse(source.toLowerCase().contains("notintheunit") || source.contains("not_in_the_unit"),
                "exclude-unlisted-classes keeps the unlisted entity out: " + source);
    }

    private List<String> tables() throws Exception {
        return strings(server.getPostgresDatabase(), "select table_name from information_schema.tables where table_schema = 'public' order by 1");
    }

    private static List<String> strings(javax.sql.DataSource database, String sql) throws Exception {
        try (Connection connection = database.getConnection();
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
