package dev.autogen.mapping;

import dev.autogen.change.Change;
import dev.autogen.command.Autogen;
import dev.autogen.command.Log;
import dev.autogen.config.Configuration;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.entity.Entities;
import dev.autogen.entity.EntitySource;
import dev.autogen.testing.CatalogFingerprint;
import dev.autogen.testing.HibernateCreated;
import dev.autogen.testing.InMemoryCompiler;
import dev.autogen.testing.TestPostgres;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A column with both a lower and an upper bound (@Min with @Max, @Range): Hibernate joins the two
 * checks with AND in the order Bean Validation hands out its descriptors, which differs from one
 * JVM to the next. A database Hibernate created in another start of the application holds the
 * same terms in the other order, and is no drift.
 */
class BoundsOrderTest {

    @Entity(name = "Rating")
    @Table(name = "ratings")
    static class Rating {
        @Id
        Long id;
        @Min(1)
        @Max(5)
        int stars;
        @Range(min = 10, max = 99)
        int score;
    }

    private static final Log QUIET = new Log() {
        public void info(String message) {
        }

        public void warn(String message) {
            throw new AssertionError("autogen warned: " + message);
        }
    };

    @TempDir
    Path migrations;

    @Test
    void boundsJoinedInTheOtherOrderAreNoDrift() throws Exception {
        Configuration settings = Configuration.builder().entities(EntitySource.of(Entities.of(List.of(Rating.class))))
                .migrationsDirectory(migrations).migrationsPackage("dev.autogen.generated").scratch(TestPostgres.admin())
                .classLoader(BoundsOrderTest.class.getClassLoader()).build();
        try (ScratchDatabase created = TestPostgres.scratch().create("bounds");
             Connection connection = created.connect()) {
            HibernateCreated.create(created.spec(), List.of(Rating.class), Map.of());
            List<String> asHibernateWroteIt = CatalogFingerprint.of(connection);
            // as Hibernate writes it in a JVM that hands out the descriptors the other way round
            swapBounds(connection, "ratings_stars_check", "stars>=1", "stars<=5");
            swapBounds(connection, "ratings_score_check", "score>=10", "score<=99");
            assertTrue(!asHibernateWroteIt.equals(CatalogFingerprint.of(connection)), "the terms are stored in the other order");

            Autogen onCreated = new Autogen(settings.toBuilder().database(created.spec()).build(), QUIET);
            assertEquals(List.of(), onCreated.diff(), "the same bounds in the other order are no change");
            onCreated.check();
        }
        // and from the migrations: the file holds the bounds as Hibernate wrote them in this JVM
        Autogen fromMigrations = new Autogen(settings, QUIET);
        Path file = fromMigrations.revision("ratings").file().orElseThrow();
        String source = Files.readString(file);
        assertTrue(source.contains("stars>=1") && source.contains("stars<=5"), source);
        assertTrue(source.contains("score>=10") && source.contains("score<=99"), source);
        try (ScratchDatabase migrated = TestPostgres.scratch().create("bounds-migrated");
             ScratchDatabase created = TestPostgres.scratch().create("bounds-created");
             Connection migratedConnection = migrated.connect(); Connection createdConnection = created.connect()) {
            ClassLoader compiled = InMemoryCompiler.compileDirectory(migrations);
            settings = settings.toBuilder().classLoader(compiled).build();
            new Autogen(settings.toBuilder().database(migrated.spec()).build(), QUIET).upgrade("head");
            HibernateCreated.create(created.spec(), List.of(Rating.class), Map.of());
            assertEquals(CatalogFingerprint.of(createdConnection),
                    CatalogFingerprint.of(migratedConnection, Configuration.DEFAULT_VERSION_TABLE.name()),
                    "the migrated database's catalog equals that of the database Hibernate creates in the same JVM");
            HibernateCreated.validate(migrated.spec(), List.of(Rating.class), Map.of());
        }
        List<Change> again = new Autogen(settings, QUIET).diff();
        assertEquals(List.of(), again, "fixpoint");
    }

    /** Re-creates the check {@code name} with its two terms in the order opposite to the stored one. */
    private static void swapBounds(Connection connection, String name, String lower, String upper) throws SQLException {
        String stored;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '"
                     + name + "'")) {
            assertTrue(row.next(), "Hibernate created " + name);
            stored = row.getString(1);
        }
        boolean lowerFirst = stored.indexOf(">=") < stored.indexOf("<=");
        String swapped = lowerFirst ? "(" + upper + ") and (" + lower + ")" : "(" + lower + ") and (" + upper + ")";
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE ratings DROP CONSTRAINT " + name + ", ADD CONSTRAINT " + name + " CHECK (" + swapped + ")");
        }
    }
}
