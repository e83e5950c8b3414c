package dev.autogen.maven;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What -X prints for the goals' parameters: every password as ****. */
class MaskingConfiguratorTest {

    @Test
    void passwordsUrlsAndHibernatePasswordsAreMasked() {
        assertEquals("****", MaskingConfigurator.masked("password", "s3cret"));
        assertEquals("****", MaskingConfigurator.masked("scratchPassword", "s3cret"));
        assertEquals("postgresql://app:****@db/shop", MaskingConfigurator.masked("url", "postgresql://app:p@ss/w@db/shop"));
        assertEquals("jdbc:postgresql://db/shop?user=app&password=****&sslmode=require",
                MaskingConfigurator.masked("scratch", "jdbc:postgresql://db/shop?user=app&password=s3cret&sslmode=require"));
        assertEquals(Map.of("hibernate.connection.password", "****", "jakarta.persistence.jdbc.url",
                        "jdbc:postgresql://db/shop?password=****", "hibernate.default_schema", "sales"),
                MaskingConfigurator.masked("hibernateProperties", Map.of("hibernate.connection.password", "s3cret",
                        "jakarta.persistence.jdbc.url", "jdbc:postgresql://db/shop?password=s3cret",
                        "hibernate.default_schema", "sales")));
        assertEquals("embedded", MaskingConfigurator.masked("scratch", "embedded"));
        assertEquals("com.example.migrations", MaskingConfigurator.masked("migrationsPackage", "com.example.migrations"));
    }
}
