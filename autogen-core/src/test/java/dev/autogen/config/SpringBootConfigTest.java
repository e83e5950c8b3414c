package dev.autogen.config;

import dev.autogen.AutogenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Spring Boot application's configuration files, read from where Spring Boot reads them. */
class SpringBootConfigTest {

    @TempDir
    Path project;

    private Path write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private SpringBootConfig read() {
        return SpringBootConfig.read(List.of(project.resolve("src/main/resources")), project);
    }

    @Test
    void namingStrategiesJpaPropertiesAndDataSourceFromYaml() throws IOException {
        write("src/main/resources/application.yml", """
                spring:
                  datasource:
                    url: jdbc:postgresql://localhost:5432/shop
                    username: app
                    password: secret
                  jpa:
                    hibernate:
                      naming:
                        physical-strategy: com.example.MyPhysical
                        implicit_strategy: com.example.MyImplicit
                    properties:
                      hibernate:
                        default_schema: sales
                """);
        SpringBootConfig config = read();

        assertEquals(Map.of("hibernate.physical_naming_strategy", "com.example.MyPhysical",
                "hibernate.implicit_naming_strategy", "com.example.MyImplicit",
                "hibernate.default_schema", "sales"), config.hibernateSettings(false, name -> false));
        assertEquals(Optional.of(new SpringBootConfig.DataSource("jdbc:postgresql://localhost:5432/shop", "app", "secret")),
                config.dataSource());
    }

    @Test
    void springBootDefaultsWhenItIsOnTheClassPathAndExplicitSettingsWin() throws IOException {
        assertEquals(Map.of("hibernate.physical_naming_strategy", SpringBootConfig.CAMEL_CASE_TO_UNDERSCORES,
                        "hibernate.implicit_naming_strategy", SpringImplicitNaming.class.getName()),
                read().hibernateSettings(true, name -> false), "Spring's implicit strategy is not loadable here: autogen's copy");
        assertEquals(SpringBootConfig.SPRING_IMPLICIT.get(0),
                read().hibernateSettings(true, SpringBootConfig.SPRING_IMPLICIT.get(0)::equals).get("hibernate.implicit_naming_strategy"));

        write("src/main/resources/application.properties", """
                spring.jpa.hibernate.naming.physical-strategy=org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl
                spring.jpa.properties.hibernate.implicit_naming_strategy=legacy-jpa
                """);
        assertEquals(Map.of("hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl",
                        "hibernate.implicit_naming_strategy", "legacy-jpa"),
                read().hibernateSettings(true, name -> false));
    }

    @Test
    void laterLocationsWinAndPropertiesWinOverYamlInOneLocation() throws IOException {
        write("src/main/resources/application.yml", "spring.datasource.url: jdbc:postgresql://yml/db\nspring.datasource.username: y\n");
        write("src/main/resources/application.properties", "spring.datasource.url=jdbc:postgresql://properties/db\n");
        assertEquals("jdbc:postgresql://properties/db", read().dataSource().orElseThrow().url());
        assertEquals("y", read().dataSource().orElseThrow().username());

        write("src/main/resources/config/application.yml", "spring.datasource.url: jdbc:postgresql://classpath-config/db\n");
        assertEquals("jdbc:postgresql://classpath-config/db", read().dataSource().orElseThrow().url());

        write("config/application.properties", "spring.datasource.url=jdbc:postgresql://file-config/db\n");
        assertEquals("jdbc:postgresql://file-config/db", read().dataSource().orElseThrow().url());
        assertEquals(4, read().files().size());
    }

    @Test
    void profileDocumentsAreSkippedAndPlaceholdersResolved() throws IOException {
        write("src/main/resources/application.yml", """
                db:
                  host: localhost
                spring:
                  datasource:
                    url: jdbc:postgresql://${db.host}:${DB_PORT_NOT_SET_ANYWHERE:5433}/${db.name:shop}
                    password: ${AUTOGEN_TEST_UNSET_PASSWORD}
                ---
                spring:
                  config.activate.on-profile: prod
                  datasource.url: jdbc:postgresql://prod/db
                """);
        write("src/main/resources/application.properties", """
                spring.datasource.username=app
                #---
                spring.config.activate.on-profile=test
                spring.datasource.username=tester
                """);
        SpringBootConfig.DataSource dataSource = read().dataSource().orElseThrow();
        assertEquals("jdbc:postgresql://localhost:5433/shop", dataSource.url());
        assertEquals("app", dataSource.username());
        assertEquals("${AUTOGEN_TEST_UNSET_PASSWORD}", dataSource.password(), "an unresolvable placeholder stays visible");
    }

    @Test
    void yamlIsReadBySnakeYamlIntoSpringsNames() throws IOException {
        Path file = write("src/main/resources/application.yml", """
                base: &base
                  timeout: 30
                spring:
                  datasource:
                    password: "s3cr#t"   # a comment
                    url: http://host:80/x#not-a-comment
                  jpa:
                    properties:
                      "[hibernate.format_sql]": true
                      hibernate.default_schema: sales
                packages: [com.example.a, "com.example.b"]
                servers:
                - name: primary
                  <<: *base
                started: 2024-01-01
                empty:
                """);
        Map<String, String> properties = SpringBootConfig.readFile(file);
        assertEquals("s3cr#t", properties.get("spring.datasource.password"));
        assertEquals("http://host:80/x#not-a-comment", properties.get("spring.datasource.url"));
        assertEquals("true", properties.get("spring.jpa.properties.hibernate.format_sql"));
        assertEquals("sales", properties.get("spring.jpa.properties.hibernate.default_schema"));
        assertEquals("com.example.b", properties.get("packages[1]"));
        assertEquals("30", properties.get("servers[0].timeout"));
        assertEquals("2024-01-01", properties.get("started"), "a date stays the text it was written as, as in Spring Boot");
        assertEquals("", properties.get("empty"));

        write("src/main/resources/application.yml", "a:\n    b: 1\n  c: 2\n");
        AutogenException error = assertThrows(AutogenException.class, () -> SpringBootConfig.readFile(file));
        assertTrue(error.getMessage().startsWith("Cannot read " + file + ": "), error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }

    @Test
    void noFilesSayNothing() {
        SpringBootConfig config = read();
        assertTrue(config.isEmpty());
        assertEquals(Optional.empty(), config.dataSource());
        assertEquals(Map.of(), config.hibernateSettings(false, name -> false));
    }
}
