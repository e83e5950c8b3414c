package dev.autogen.config;

import dev.autogen.AutogenException;
import dev.autogen.db.ConnectionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With Spring Boot on the project's class path (here: on the tests'), Spring Boot itself loads the
 * application's configuration: profiles, spring.config.import, placeholders, relaxed names.
 */
class SpringBootEnvironmentTest {

    @TempDir
    Path project;

    private Path resources() {
        return project.resolve("src/main/resources");
    }

    private Path write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private ProjectConfiguration resolve(String... profiles) {
        return ProjectConfiguration.resolve(SpringBootEnvironmentTest.class.getClassLoader(), List.of("com.example.domain"), null,
                Map.of(), List.of(resources(), resources()), project, List.of(profiles));
    }

    @Test
    void profilesImportsPlaceholdersAndRelaxedNamesAsTheApplicationStartsWithThem() throws IOException {
        Path yml = write("src/main/resources/application.yml", """
                db:
                  host: localhost
                spring:
                  config:
                    import: optional:classpath:jpa.properties
                  datasource:
                    url: jdbc:postgresql://${db.host}:${DB_PORT_NOT_SET_ANYWHERE:5433}/shop
                    username: app
                  jpa:
                    hibernate:
                      naming:
                        implicit_strategy: com.example.MyImplicit
                ---
                spring:
                  config.activate.on-profile: prod
                  datasource.url: jdbc:postgresql://prod.example/shop
                """);
        Path imported = write("src/main/resources/jpa.properties", """
                spring.jpa.properties.hibernate.default_schema=sales
                spring.jpa.hibernate.naming.physicalStrategy=com.example.MyPhysical
                autogen.versionTable=ops.schema_history
                """);
        Path staging = write("src/main/resources/application-staging.properties", """
                spring.datasource.username=stager
                spring.jpa.properties.hibernate.default_schema=staging
                """);

        ProjectConfiguration plain = resolve();
        assertEquals(new ConnectionSpec("jdbc:postgresql://localhost:5433/shop", "app", null), plain.dataSource().orElseThrow());
        assertEquals(Map.of("hibernate.physical_naming_strategy", "com.example.MyPhysical",
                "hibernate.implicit_naming_strategy", "com.example.MyImplicit",
                "hibernate.default_schema", "sales"), plain.hibernateSettings());
        assertEquals(Optional.of("ops.schema_history"), plain.versionTable());
        assertEquals(List.of("Spring Boot's JPA naming defaults", "Spring Boot's configuration for the profile default",
                yml.toString(), imported.toString()), plain.sources(),
                "lowest precedence first, each file once though the directory is given twice");

        ProjectConfiguration prod = resolve("prod", "staging");
        assertEquals(new ConnectionSpec("jdbc:postgresql://prod.example/shop", "stager", null), prod.dataSource().orElseThrow());
        assertEquals("staging", prod.hibernateSettings().get("hibernate.default_schema"));
        assertTrue(prod.sources().contains("Spring Boot's configuration for the profiles prod, staging"), prod.sources()::toString);
        assertTrue(prod.sources().contains(staging.toString()), prod.sources()::toString);
    }

    @Test
    void theApplicationsOwnActiveProfilesAndTheProjectDirectorysConfigFolder() throws IOException {
        write("src/main/resources/application.properties", """
                spring.profiles.active=local
                spring.datasource.url=jdbc:postgresql://localhost/app
                """);
        write("src/main/resources/application-local.properties", "spring.datasource.username=developer\n");
        Path outside = write("config/application.properties", "spring.datasource.password=from-the-project-directory\n");

        ProjectConfiguration configuration = resolve();

        assertEquals(new ConnectionSpec("jdbc:postgresql://localhost/app", "developer", "from-the-project-directory"),
                configuration.dataSource().orElseThrow());
        assertTrue(configuration.sources().contains("Spring Boot's configuration for the profile local"), configuration.sources()::toString);
        assertTrue(configuration.sources().contains(outside.toString()), configuration.sources()::toString);
        assertNull(resolve("other").dataSource().orElseThrow().user(),
                "a profile given replaces those the application activates, as --spring.profiles.active does");
    }

    @Test
    void aMissingImportIsOneLineFromSpringBoot() throws IOException {
        write("src/main/resources/application.yml", "spring.config.import: classpath:missing.yml\n");

        AutogenException error = assertThrows(AutogenException.class, this::resolve);

        assertTrue(error.getMessage().startsWith("Spring Boot cannot load the application's configuration: "), error.getMessage());
        assertTrue(error.getMessage().contains("missing.yml"), error.getMessage());
    }
}
