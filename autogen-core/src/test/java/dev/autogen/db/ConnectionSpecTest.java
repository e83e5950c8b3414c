package dev.autogen.db;

import dev.autogen.AutogenException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionSpecTest {

    @Test
    void jdbcUrlsAreKept() {
        assertEquals(new ConnectionSpec("jdbc:postgresql://db:5432/shop", "app", "pw"),
                ConnectionSpec.parse("jdbc:postgresql://db:5432/shop", "app", "pw"));
    }

    @Test
    void databaseUrlFormBecomesJdbcWithItsCredentials() {
        assertEquals(new ConnectionSpec("jdbc:postgresql://db.example:6543/shop?sslmode=require", "app", "p@ss:word"),
                ConnectionSpec.parse("postgresql://app:p%40ss%3Aword@db.example:6543/shop?sslmode=require", null, null));
        assertEquals(new ConnectionSpec("jdbc:postgresql://localhost/shop", "other", "pw"),
                ConnectionSpec.parse("postgres://app:secret@localhost/shop", "other", "pw"),
                "explicit user and password win over the URL's");
    }

    @Test
    void otherUrlsAreRefusedWithTheFormsThatWork() {
        AutogenException e = assertThrows(AutogenException.class, () -> ConnectionSpec.parse("mysql://x/y", null, null));
        assertTrue(e.getMessage().contains("jdbc:postgresql://host:port/database"), e.getMessage());
        AutogenException missing = assertThrows(AutogenException.class, () -> ConnectionSpec.parse(" ", null, null));
        assertTrue(missing.getMessage().contains("DATABASE_URL"), missing.getMessage());
    }
}
