package dev.autogen.diff;

import dev.autogen.schema.Column;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.SchemaFilter;
import dev.autogen.schema.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaFilterTest {

    private static Table table(String schema, String name) {
        return new Table(QualifiedName.of(schema, name), List.of(Column.column("id", "bigint")), null, List.of(), List.of(),
                List.of(), List.of(), null);
    }

    @Test
    void globsOnSchemasAndOnPlainOrQualifiedTableNames() {
        SchemaFilter filter = new SchemaFilter(List.of(), List.of("legacy*"), List.of(), List.of("flyway_*", "audit.log"));
        assertTrue(filter.includes(QualifiedName.of("public", "books")));
        assertFalse(filter.includes(QualifiedName.of("public", "flyway_schema_history")));
        assertFalse(filter.includes(QualifiedName.of("audit", "log")));
        assertTrue(filter.includes(QualifiedName.of("audit", "logins")));
        assertFalse(filter.includes(QualifiedName.of("legacy_v1", "books")));
        SchemaFilter only = new SchemaFilter(List.of("app"), List.of(), List.of("app.t?"), List.of());
        assertTrue(only.includes(QualifiedName.of("app", "t1")));
        assertFalse(only.includes(QualifiedName.of("app", "t10")));
        assertFalse(only.includes(QualifiedName.of("public", "t1")));
    }

    @Test
    void whatIsLeftOutIsNeitherDroppedNorIsItsSchema() {
        SchemaFilter filter = new SchemaFilter(List.of(), List.of("legacy"), List.of(), List.of("flyway_*"));
        Schema live = Schema.of(Set.of("public", "legacy", "reports"),
                List.of(table("public", "books"), table("public", "flyway_schema_history"), table("legacy", "old"),
                        table("reports", "flyway_log")), List.of());
        Schema wanted = Schema.of(Set.of("public"), List.of(table("public", "books")), List.of());
        assertEquals(List.of(), SchemaDiff.compare(filter.apply(live), filter.apply(wanted)));
        assertEquals(5, SchemaDiff.compare(live, wanted).size(), "without the filter: three tables and two schemas go");
    }
}
