package dev.autogen.catalog;

import dev.autogen.diff.SchemaDiff;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.testing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Views and materialized views are reported, never dropped, and keep their schema alive. */
class ViewsCatalogTest {

    @Test
    void viewsAreSeenButNotTheModels() {
        Schema withViews = Scenario.schemaOf(new Scenario.Ddl(List.of("CREATE SCHEMA reports",
                "CREATE TABLE reports.sales (id bigint PRIMARY KEY, amount numeric)",
                "CREATE VIEW reports.big_sales AS SELECT * FROM reports.sales WHERE amount > 100",
                "CREATE MATERIALIZED VIEW reports.totals AS SELECT sum(amount) FROM reports.sales")));
        assertEquals(Set.of(QualifiedName.of("reports", "big_sales"), QualifiedName.of("reports", "totals")), withViews.unmanaged());
        Schema empty = Scenario.schemaOf(new Scenario.Ddl(List.of()));
        List<String> changes = SchemaDiff.compare(withViews, empty).stream().map(c -> c.describe()).toList();
        assertEquals(List.of("drop table reports.sales"), changes, "the schema that holds views stays");
    }
}
