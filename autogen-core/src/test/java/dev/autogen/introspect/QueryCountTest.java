package dev.autogen.introspect;

import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.schema.Schema;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Introspection, and PostgreSQL's digest of what it reads, send the same small number of statements for 5 tables and for 500. */
class QueryCountTest {

    private static int statementsToRead(int tables) throws SQLException {
        try (ScratchDatabase db = TestPostgres.scratch().create("count"); Connection connection = db.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA other");
            StringBuilder ddl = new StringBuilder();
            for (int i = 0; i < tables; i++) {
                String schema = i % 2 == 0 ? "public" : "other";
                ddl.append("CREATE SEQUENCE ").append(schema).append(".s").append(i).append(";")
                        .append("CREATE TABLE ").append(schema).append(".t").append(i)
                        .append(" (id bigint PRIMARY KEY, code text UNIQUE, n int CHECK (n > 0), parent bigint")
                        .append(i > 1 ? " REFERENCES " + schema + ".t" + (i - 2) + " (id)" : "").append(");")
                        .append("CREATE INDEX ON ").append(schema).append(".t").append(i).append(" (n DESC);")
                        .append("COMMENT ON TABLE ").append(schema).append(".t").append(i).append(" IS 'table ").append(i).append("';");
            }
            statement.execute(ddl.toString());
            AtomicInteger count = new AtomicInteger();
            Connection counting = counting(connection, count);
            Set<String> schemas = Introspector.userSchemas(connection);
            Schema schema = new Introspector(name -> false).read(counting, schemas);
            assertEquals(tables, schema.tables().size());
            int reading = count.get();
            Introspector.digest(counting, schemas);
            return reading * 1000 + count.get() - reading;
        }
    }

    // counts every statement the introspector prepares or creates on the real connection
    private static Connection counting(Connection real, AtomicInteger count) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
                count.incrementAndGet();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    @Test
    void fiveTablesAndFiveHundredCostTheSame() throws SQLException {
        // statements to read, times 1000, plus statements to digest
        int few = statementsToRead(5);
        int many = statementsToRead(500);
        assertEquals(Introspector.QUERY_COUNT * 1000 + Introspector.DIGEST_QUERY_COUNT, few);
        assertEquals(few, many);
    }

    @Test
    void schemasThatDoNotExistAreLeftOut() throws SQLException {
        try (ScratchDatabase db = TestPostgres.scratch().create("count"); Connection connection = db.connect()) {
            assertEquals(Set.of("public"), new Introspector(name -> false).read(connection, Set.of("public", "nope")).schemaNames());
        }
    }
}
