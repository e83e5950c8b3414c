package com.example.bookstore;

import com.example.bookstore.catalog.Categories;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bookstore started as it starts in production, on Spring Boot 4, against an embedded PostgreSQL: with
 * autogen.on-start=upgrade it migrates an empty database before Hibernate validates the schema; with the
 * application.yml's validate it refuses a database that is behind.
 */
class BookstoreApplicationTest {

    static final String HEAD = "88daa325e8a6";

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    private static String createDatabase(String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    private static ConfigurableApplicationContext start(String url, String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--spring.datasource.url=" + url;
        all[1] = "--spring.datasource.username=postgres";
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return SpringApplication.run(BookstoreApplication.class, all);
    }

    @Test
    void onStartUpgradeMigratesAnEmptyDatabaseAndTheApplicationRunsOnIt() throws SQLException {
        String url = createDatabase("bookstore_upgrade");
        try (ConfigurableApplicationContext context = start(url, "--autogen.on-start=upgrade")) {
            assertEquals(0, context.getBean(Categories.class).count());
            try (Connection connection = postgres.getDatabase("postgres", "bookstore_upgrade").getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT revision FROM autogen_version")) {
                assertTrue(rs.next());
                assertEquals(HEAD, rs.getString(1));
            }
        }
        // the next start validates, the default of application.yml, and finds the database at the head
        try (ConfigurableApplicationContext context = start(url)) {
            assertEquals(0, context.getBean(Categories.class).count());
        }
    }

    @Test
    void validateRefusesToStartOnADatabaseBehind() throws SQLException {
        String url = createDatabase("bookstore_behind");
        RuntimeException failure = assertThrows(RuntimeException.class, () -> start(url).close());
        Throwable cause = failure;
        while (cause.getCause() != null && !cause.getClass().getName().equals("dev.autogen.AutogenException")) {
            cause = cause.getCause();
        }
        assertEquals("The database " + url + " is at base (no migration applied), behind revision " + HEAD
                + " (M20261121_225211_CreateBookstore) that this application was built with: 1 migration is not applied "
                + "(M20261121_225211_CreateBookstore). Apply them first (from a deployment job, with mvn autogen:upgrade, "
                + "or with autogen.on-start=upgrade).", cause.getMessage());
    }
}
