package dev.autogen.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project with what spring-boot-starter-validation and spring-boot-starter-logging put on its class
 * path (hibernate-validator, logback) and a generated application.yml's second-level cache setting
 * with no cache provider: the goal runs, the columns Bean Validation constrains come out as
 * Hibernate creates them, and Hibernate's INFO lines stay out of the output unless -X asks.
 */
class SpringBootClassPathIT {

    private static final String SHELF = """
            import jakarta.persistence.Entity;
            import jakarta.persistence.Id;
            import jakarta.validation.constraints.Max;
            import jakarta.validation.constraints.NotBlank;
            import jakarta.validation.constraints.Size;

            @Entity
            public class Shelf {
                @Id
                Long id;

                @NotBlank
                @Size(max = 40)
                String label;

                @Max(12)
                int levels;
            }
            """;

    @Test
    void validationLoggingAndCacheSettingsOfASpringBootProject() throws Exception {
        TestProject project = TestProject.create("spring-boot-class-path")
                .javaSource(Library.DOMAIN, "Shelf", SHELF)
                .write("src/main/resources/application.yml", """
                        spring:
                          jpa:
                            properties:
                              hibernate:
                                cache:
                                  use_second_level_cache: true
                                generate_statistics: true
                        """);
        Path pom = project.directory().resolve("pom.xml");
        project.write("pom.xml", Files.readString(pom).replaceFirst("  <dependencies>\n", """
                  <dependencies>
                    <dependency>
                      <groupId>org.hibernate.validator</groupId>
                      <artifactId>hibernate-validator</artifactId>
                      <version>%s</version>
                    </dependency>
                    <dependency>
                      <groupId>org.glassfish.expressly</groupId>
                      <artifactId>expressly</artifactId>
                      <version>%s</version>
                    </dependency>
                    <dependency>
                      <groupId>ch.qos.logback</groupId>
                      <artifactId>logback-classic</artifactId>
                      <version>%s</version>
                    </dependency>
                """.formatted(NestedMaven.required("it.hibernateValidatorVersion"),
                NestedMaven.required("it.expresslyVersion"), NestedMaven.required("it.logbackVersion"))));

        NestedMaven.Result revision = project.mvn("autogen:revision", "-Dmessage=shelves");

        assertEquals(0, revision.exitCode(), revision::toString);
        List<Path> migrations = project.migrations();
        assertEquals(1, migrations.size(), revision::toString);
        String source = project.read(migrations.get(0));
        assertTrue(source.contains("column(\"label\", \"character varying(40)\").notNull()"), source);
        // the check from @Max, as Hibernate's Bean Validation integration wrote it
        assertTrue(source.contains("check(\"shelf_levels_check\", \"levels<=12\")"), source);
        assertFalse(revision.output().contains("HHH"), revision::toString);
        assertFalse(revision.output().contains("org.hibernate"), revision::toString);

        // Hibernate boots again only without the cache: the build compiled the migration, a class it maps none of
        NestedMaven.Result debug = project.mvn("autogen:check", "-X", "-Dautogen.cache=false");
        assertEquals(0, debug.exitCode(), debug::toString);
        assertTrue(debug.output().lines().anyMatch(line -> line.startsWith("[DEBUG] HHH")), debug::toString);
    }
}
