package dev.autogen.maven;

import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.testing.CatalogFingerprint;
import dev.autogen.testing.HibernateCreated;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database autogen's migrations build is the one Hibernate builds, as a user meets it: entities
 * with Bean Validation, a named PostgreSQL enum, an enum stored as a string and a composite key;
 * revision from nothing and upgrade of a live database give the catalog fingerprint of the database
 * Hibernate creates for the same entities (schema action create, Bean Validation on the class path);
 * check against that Hibernate-created database passes; Hibernate's schema validation passes on the
 * migrated one. A second version of the entities keeps it so after upgrade, and downgrade -1 gives
 * back the first version's fingerprint. A column of an extension's type (citext), after the migration
 * that creates the extension, gives the database Hibernate creates where the extension is installed.
 */
class HibernateFidelityIT {

    private static final String MOOD = """
            public enum Mood { CALM, BUSY }
            """;

    private static final String TIER = """
            public enum Tier { BASIC, PLUS }
            """;

    private static final String CUSTOMER = """
            import jakarta.persistence.Column;
            import jakarta.persistence.Entity;
            import jakarta.persistence.EnumType;
            import jakarta.persistence.Enumerated;
            import jakarta.persistence.Id;
            import jakarta.validation.constraints.Digits;
            import jakarta.validation.constraints.Max;
            import jakarta.validation.constraints.Min;
            import jakarta.validation.constraints.NotBlank;
            import jakarta.validation.constraints.NotNull;
            import jakarta.validation.constraints.Size;
            import org.hibernate.annotations.JdbcTypeCode;
            import org.hibernate.type.SqlTypes;

            import java.math.BigDecimal;

            @Entity
            public class Customer {
                @Id
                Long id;

                @NotBlank
                @Size(max = 80)
                String name;

                @Digits(integer = 8, fraction = 2)
                BigDecimal credit;

                @Min(0)
                int visits;

                @Max(10)
                int rank;

                @NotNull
                @Enumerated(EnumType.STRING)
                @Column(length = 12)
                Tier tier;

                @Enumerated(EnumType.STRING)
                @JdbcTypeCode(SqlTypes.NAMED_ENUM)
                Mood mood;
            }
            """;

    private static final String VISIT = """
            import jakarta.persistence.Entity;
            import jakarta.persistence.Id;
            import jakarta.persistence.IdClass;
            import jakarta.validation.constraints.NotBlank;
            import jakarta.validation.constraints.Size;

            import java.io.Serializable;
            import java.time.LocalDate;
            import java.util.Objects;

            @Entity
            @IdClass(Visit.Key.class)
            public class Visit {
                public static class Key implements Serializable {
                    Long customerId;
                    LocalDate day;

                    @Override
                    public boolean equals(Object other) {
                        return other instanceof Key key && Objects.equals(customerId, key.customerId)
                                && Objects.equals(day, key.day);
                    }

                    @Override
                    public int hashCode() {
                        return Objects.hash(customerId, day);
                    }
                }

                @Id
                Long customerId;

                @Id
                LocalDate day;

                @NotBlank
                @Size(max = 30)
                String room;
            }
            """;

    /** The second version: enums gain a value, a bound moves, a constrained column arrives. */
    private static final Map<String, String> SECOND = Map.of(
            "Mood", MOOD.replace("BUSY }", "BUSY, AWAY }"),
            "Tier", TIER.replace("PLUS }", "PLUS, GOLD }"),
            "Customer", CUSTOMER.replace("@Max(10)", "@Max(20)"),
            "Visit", VISIT.replace("String room;", """
                    String room;

                        @NotBlank
                        @Size(max = 200)
                        String note;
                    """));

    @Test
    void migratedDatabasesAreTheOnesHibernateCreates() throws Exception {
        TestProject project = TestProject.create("hibernate-fidelity")
                .javaSource(Library.DOMAIN, "Mood", MOOD)
                .javaSource(Library.DOMAIN, "Tier", TIER)
                .javaSource(Library.DOMAIN, "Customer", CUSTOMER)
                .javaSource(Library.DOMAIN, "Visit", VISIT);
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
                """.formatted(NestedMaven.required("it.hibernateValidatorVersion"),
                NestedMaven.required("it.expresslyVersion"))));

        try (ScratchDatabase live = TestPostgres.scratch().create("fidelity_live");
             ScratchDatabase firstCreated = TestPostgres.scratch().create("fidelity_hibernate_1");
             ScratchDatabase secondCreated = TestPostgres.scratch().create("fidelity_hibernate_2");
             Connection liveConnection = live.connect()) {
            String liveUrl = "-Dautogen.url=" + live.spec().url();

            // version 1: from nothing, written and applied to the live database in one run
            NestedMaven.Result first = project.mvn("autogen:revision", "-Dmessage=first", "autogen:upgrade", liveUrl,
                    "-Dautogen.user=postgres");
            assertEquals(0, first.exitCode(), first::toString);
            assertTrue(first.output().contains("(proven: upgrade, downgrade and upgrade again"), first::toString);
            assertEquals(1, project.migrations().size(), first::toString);
            String firstSource = project.read(project.migrations().get(0));
            // the checks read as Hibernate wrote them
            assertTrue(firstSource.contains("\"tier in ('BASIC','PLUS')\""), firstSource);
            assertTrue(firstSource.contains("\"rank<=10\""), firstSource);
            assertTrue(firstSource.contains("\"visits>=0\""), firstSource);

            List<String> firstFingerprint = createdByHibernate(project, firstCreated);
            assertEquals(firstFingerprint, CatalogFingerprint.of(liveConnection, "autogen_version"),
                    "the migrated database's catalog equals that of the database Hibernate creates");
            validatedByHibernate(project, live);
            NestedMaven.Result againstHibernate = project.mvn("autogen:stamp", "-Dautogen.target=head", "autogen:check",
                    "-Dautogen.url=" + firstCreated.spec().url(), "-Dautogen.user=postgres");
            assertEquals(0, againstHibernate.exitCode(), againstHibernate::toString);
            assertTrue(againstHibernate.output().contains("matches the entities"), againstHibernate::toString);

            // version 2: written from the replayed migrations, then applied
            SECOND.forEach((name, source) -> project.javaSource(Library.DOMAIN, name, source));
            NestedMaven.Result second = project.mvn("autogen:revision", "-Dmessage=second");
            assertEquals(0, second.exitCode(), second::toString);
            assertTrue(second.output().contains("(proven: upgrade, downgrade and upgrade again"), second::toString);
            assertEquals(2, project.migrations().size(), second::toString);
            NestedMaven.Result upgrade = project.mvn("autogen:upgrade", liveUrl, "-Dautogen.user=postgres");
            assertEquals(0, upgrade.exitCode(), upgrade::toString);

            assertEquals(createdByHibernate(project, secondCreated), CatalogFingerprint.of(liveConnection, "autogen_version"),
                    "after the second upgrade, the catalog equals that of the database Hibernate creates for the second version");
            validatedByHibernate(project, live);
            NestedMaven.Result againstSecond = project.mvn("autogen:stamp", "-Dautogen.target=head", "autogen:check",
                    "-Dautogen.url=" + secondCreated.spec().url(), "-Dautogen.user=postgres");
            assertEquals(0, againstSecond.exitCode(), againstSecond::toString);

            NestedMaven.Result downgrade = project.mvn("autogen:downgrade", "-Dautogen.target=-1", liveUrl,
                    "-Dautogen.user=postgres");
            assertEquals(0, downgrade.exitCode(), downgrade::toString);
            assertEquals(firstFingerprint, CatalogFingerprint.of(liveConnection, "autogen_version"),
                    "downgrade -1 gives back the catalog of the first version, as Hibernate creates it");
        }
    }

    private static final String SUBSCRIBER = """
            import jakarta.persistence.Column;
            import jakarta.persistence.Entity;
            import jakarta.persistence.Id;

            @Entity
            public class Subscriber {
                @Id
                Long id;

                @Column(columnDefinition = "citext", nullable = false, unique = true)
                String email;
            }
            """;

    /** The migration of the project's own that creates the extension, as README's Extensions shows it. */
    private static final String CITEXT = """
            import dev.autogen.script.Migration;
            import dev.autogen.script.Operations;
            import dev.autogen.script.Revision;

            @Revision(id = "3f1c0a9e2b7d", parent = "", message = "citext")
            public class M20261207_090000_Citext implements Migration {

                @Override
                public void upgrade(Operations op) {
                    op.execute("CREATE EXTENSION IF NOT EXISTS citext", "DROP EXTENSION IF EXISTS citext");
                }

                @Override
                public void downgrade(Operations op) {
                    op.execute("DROP EXTENSION IF EXISTS citext", "CREATE EXTENSION IF NOT EXISTS citext");
                }
            }
            """;

    @Test
    void aColumnOfAnExtensionsTypeIsTheOneHibernateCreatesWhereTheExtensionIs() throws Exception {
        TestProject project = TestProject.create("hibernate-fidelity-extension")
                .javaSource(Library.DOMAIN, "Subscriber", SUBSCRIBER);
        NestedMaven.Result refused = project.mvn("autogen:revision", "-Dmessage=subscribers");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.output().contains("ERROR: type \"citext\" does not exist. The extension citext has the type citext:"
                + " a migration creates it before the one that uses it"), refused::toString);

        project.javaSource(TestProject.MIGRATIONS_PACKAGE, "M20261207_090000_Citext", CITEXT);
        try (ScratchDatabase live = TestPostgres.scratch().create("fidelity_extension_live");
             ScratchDatabase created = TestPostgres.scratch().create("fidelity_extension_hibernate");
             Connection liveConnection = live.connect()) {
            NestedMaven.Result written = project.mvn("autogen:revision", "-Dmessage=subscribers");
            assertEquals(0, written.exitCode(), written::toString);
            assertTrue(written.output().contains("(proven: upgrade, downgrade and upgrade again"), written::toString);
            assertEquals(2, project.migrations().size(), written::toString);
            NestedMaven.Result upgrade = project.mvn("autogen:upgrade", "-Dautogen.url=" + live.spec().url(),
                    "-Dautogen.user=postgres");
            assertEquals(0, upgrade.exitCode(), upgrade::toString);

            // Hibernate starts on a database whose administrator installed the extension
            try (Connection connection = created.connect(); var statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION citext");
            }
            assertEquals(createdByHibernate(project, created, "Subscriber"), CatalogFingerprint.of(liveConnection, "autogen_version"),
                    "the migrated database's catalog equals that of the database Hibernate creates where citext is installed");
            NestedMaven.Result check = project.mvn("autogen:check");
            assertEquals(0, check.exitCode(), check::toString);
        }
    }

    /** Hibernate's own start with schema action create, on the project's compiled entities: the fingerprint it leaves. */
    private static List<String> createdByHibernate(TestProject project, ScratchDatabase database) throws Exception {
        return createdByHibernate(project, database, "Customer", "Visit");
    }

    private static List<String> createdByHibernate(TestProject project, ScratchDatabase database, String... entities)
            throws Exception {
        inProject(project, loaded -> HibernateCreated.create(database.spec(), loaded, Map.of()), entities);
        try (Connection connection = database.connect()) {
            return CatalogFingerprint.of(connection);
        }
    }

    /** Hibernate's schema validation (hibernate.hbm2ddl.auto=validate) of {@code database} against the project's entities. */
    private static void validatedByHibernate(TestProject project, ScratchDatabase database) throws Exception {
        inProject(project, entities -> HibernateCreated.validate(database.spec(), entities, Map.of()));
    }

    private interface WithEntities {
        void run(List<Class<?>> entities);
    }

    /** Runs {@code work} with the project's compiled entities, loaded as the application loads them. */
    private static void inProject(TestProject project, WithEntities work) throws Exception {
        inProject(project, work, "Customer", "Visit");
    }

    /** Runs {@code work} with the project's compiled entities of these names, loaded as the application loads them. */
    private static void inProject(TestProject project, WithEntities work, String... entities) throws Exception {
        URL classes = project.directory().resolve("target/classes").toUri().toURL();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, HibernateFidelityIT.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            List<Class<?>> loaded = new java.util.ArrayList<>();
            for (String entity : entities) {
                loaded.add(loader.loadClass(Library.DOMAIN + "." + entity));
            }
            work.run(loaded);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
