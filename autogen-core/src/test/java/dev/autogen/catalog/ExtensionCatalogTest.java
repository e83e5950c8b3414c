package dev.autogen.catalog;

import dev.autogen.change.Change;
import dev.autogen.schema.Schema;
import dev.autogen.testing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Extensions are not the model's: their objects are never reported, and columns of their types
 * compare like any other, because the scratch databases get the same extensions.
 */
class ExtensionCatalogTest {

    @Test
    void columnsOfExtensionTypes() {
        Scenario.Outcome outcome = Scenario.named("extension-types")
                .beforeDdl("CREATE EXTENSION citext", "CREATE SCHEMA ext", "CREATE EXTENSION hstore WITH SCHEMA ext",
                        "CREATE TABLE people (id bigint PRIMARY KEY)")
                .afterDdl("CREATE EXTENSION citext", "CREATE SCHEMA ext", "CREATE EXTENSION hstore WITH SCHEMA ext",
                        "CREATE TABLE people (id bigint PRIMARY KEY, email citext UNIQUE, attributes ext.hstore DEFAULT ''::ext.hstore)",
                        "CREATE INDEX people_lower_email ON people (lower(email::text))")
                .rows("INSERT INTO people VALUES (1)")
                .run();
        assertEquals(List.of(Change.AddColumn.class, Change.AddColumn.class, Change.AddConstraint.class, Change.CreateIndex.class),
                outcome.changes().stream().map(Object::getClass).toList());
    }

    @Test
    void extensionObjectsAreNotTheModels() {
        Schema withExtensions = Scenario.schemaOf(new Scenario.Ddl(List.of("CREATE EXTENSION citext", "CREATE EXTENSION pgcrypto",
                "CREATE EXTENSION pg_trgm")));
        assertEquals(Map.of("citext", "public", "pgcrypto", "public", "pg_trgm", "public"), withExtensions.extensions());
        assertEquals(List.of(), List.copyOf(withExtensions.tables().keySet()));
        assertEquals(List.of(), List.copyOf(withExtensions.enumTypes().keySet()));
        assertEquals(List.of(), List.copyOf(withExtensions.domains().keySet()));
        assertEquals(List.of(), List.copyOf(withExtensions.sequences().keySet()));
    }
}
