package dev.autogen.targetschema;

import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.WrittenText;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each text an author wrote is matched to what it became, also when PostgreSQL refuses one of the texts. */
class WrittenTextMatcherTest {

    private static final QualifiedName ORDERS = new QualifiedName("public", "orders");

    private static WrittenText match(List<String> checks) throws Exception {
        try (ScratchDatabase db = TestPostgres.scratch().create("written"); Connection connection = db.connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) DEFAULT 'NEW' "
                        + "CHECK (status in ('NEW','DONE')), quantity integer CHECK (quantity>=1))");
            }
            Schema built = new Introspector(name -> false).read(connection, Set.of("public"));
            return WrittenTextMatcher.match(connection, built, Map.of(ORDERS,
                    new WrittenText.Candidates(checks, Map.of("status", "'NEW'"), Map.of())));
        }
    }

    @Test
    void everyTextIsMatchedWhetherAllApplyOrOneIsRefused() throws Exception {
        List<String> written = List.of("status in ('NEW','DONE')", "quantity>=1");
        WrittenText all = match(written);
        assertEquals(Map.of("orders_status_check", "status in ('NEW','DONE')", "orders_quantity_check", "quantity>=1"),
                all.checks().get(ORDERS));
        assertEquals(Map.of(new ColumnRef(ORDERS, "status"), "'NEW'"), all.defaults());

        // a text PostgreSQL refuses on this table is left out; the others are matched as before
        WrittenText oneRefused = match(List.of("status in ('NEW','DONE')", "no_such_column > 0", "quantity>=1"));
        assertEquals(all, oneRefused);
    }
}
