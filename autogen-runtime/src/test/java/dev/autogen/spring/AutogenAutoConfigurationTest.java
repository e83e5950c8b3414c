package dev.autogen.spring;

import dev.autogen.AutogenException;
import dev.autogen.MigrationSettings;
import dev.autogen.Migrations;
import dev.autogen.spring.bookshop.BookshopApplication;
import dev.autogen.sql.Safety;
import dev.autogen.sql.VersionTableSql;
import dev.autogen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import java.io.IOException;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spring Boot 3.5 application with JPA (Hibernate validating the schema on start) and autogen-runtime on its class
 * path, started against a real database with its {@code autogen.*} properties.
 */
class AutogenAutoConfigurationTest {

    static final String MIGRATIONS = "dev.autogen.spring.bookshop.migrations";
    static final String HEAD = "b00c5a000002";

    private static ConfigurableApplicationContext start(TestDatabase db, String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "spring.datasource.url=" + db.url(),
                "spring.datasource.username=" + db.user(),
                // Hibernate refuses to start on a schema its entities do not find: the migrations must have run before it
                "spring.jpa.hibernate.ddl-auto=validate",
                "spring.jpa.open-in-view=false",
                "autogen.migrations-package=" + MIGRATIONS));
        all.addAll(Arrays.asList(properties));
        return new SpringApplicationBuilder(BookshopApplication.class).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }

    private static Migrations migrations(TestDatabase db) {
        return Migrations.configure().dataSource(db.dataSource()).migrations(MIGRATIONS).load();
    }

    @Test
    void onStartUpgradeMigratesBeforeHibernateValidatesTheSchema() {
        try (TestDatabase db = TestDatabase.create("boot3_upgrade");
             ConfigurableApplicationContext context = start(db, "autogen.on-start=upgrade")) {
            assertEquals(HEAD, context.getBean(Migrations.class).current());
            assertEquals(Safety.ONLINE, context.getBean(Migrations.class).settings().safety());
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            assertTrue(Arrays.asList(beans.getBeanDefinition("entityManagerFactory").getDependsOn())
                    .contains(AutogenAutoConfiguration.ON_START));
            assertTrue(Arrays.asList(beans.getBeanDefinition("jdbcTemplate").getDependsOn())
                    .contains(AutogenAutoConfiguration.ON_START));
        }
    }

    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    @Test
    void twoReplicasStartingTogetherBothStartAndEachMigrationIsAppliedOnce() throws Exception {
        try (TestDatabase db = TestDatabase.create("boot3_replicas"); Connection holder = db.connect();
             Statement statement = holder.createStatement()) {
            // a run in progress elsewhere holds the migration lock while both replicas start
            long key = new VersionTableSql(MigrationSettings.DEFAULT_VERSION_TABLE).lockKey();
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            // two applications started at once in one JVM share logback's context, and Spring Boot's set-up of it
            // fails in one of them now and then ("Unable to find Spring Environment in logger context"): the
            // replicas, which would each have their own JVM, run without Spring Boot's logging system
            String loggingSystem = System.setProperty(LOGGING_SYSTEM, "none");
            try {
                Callable<String> replica = () -> {
                    try (ConfigurableApplicationContext context = start(db, "autogen.on-start=upgrade")) {
                        return context.getBean(Migrations.class).current();
                    }
                };
                Future<String> first = pool.submit(replica);
                Future<String> second = pool.submit(replica);
                Thread.sleep(2000);
                assertFalse(first.isDone() || second.isDone(), "a replica started while another run held the migration lock");
                assertNull(db.query("SELECT to_regclass('public.books')"));
                statement.execute("SELECT pg_advisory_unlock(" + key + ")");
                assertEquals(HEAD, first.get(2, TimeUnit.MINUTES));
                assertEquals(HEAD, second.get(2, TimeUnit.MINUTES));
            } finally {
                pool.shutdownNow();
                if (loggingSystem == null) {
                    System.clearProperty(LOGGING_SYSTEM);
                } else {
                    System.setProperty(LOGGING_SYSTEM, loggingSystem);
                }
            }
            assertEquals("2", db.query("SELECT count(*) FROM autogen_version"));
        }
    }

    @Test
    void validateIsTheDefaultAndStartsADatabaseAtTheHead() {
        try (TestDatabase db = TestDatabase.create("boot3_validate")) {
            migrations(db).upgrade();
            try (ConfigurableApplicationContext context = start(db)) {
                assertEquals(HEAD, context.getBean(Migrations.class).current());
            }
        }
    }

    @Test
    void validateRefusesToStartOnADatabaseBehindInOneLine() throws IOException {
        try (TestDatabase db = TestDatabase.create("boot3_behind")) {
            migrations(db).upgrade("b00c5a000001");
            RuntimeException failure = assertThrows(RuntimeException.class, () -> start(db).close());
            AutogenException cause = cause(failure);
            assertEquals("The database " + db.url() + " is at revision b00c5a000001 (M20261122_070000_CreateBooks), behind "
                    + "revision b00c5a000002 (M20261122_071500_AddIsbn) that this application was built with: 1 migration is "
                    + "not applied (M20261122_071500_AddIsbn). Apply them first (from a deployment job, with mvn "
                    + "autogen:upgrade, or with autogen.on-start=upgrade).", cause.getMessage());
            // Spring Boot reports it as that line, not as a stack of bean-creation errors
            FailureAnalysis analysis = analyze(failure);
            assertEquals(cause.getMessage(), analysis.getDescription());
            assertEquals("b00c5a000001", migrations(db).current());
        }
    }

    @Test
    void anEditedMigrationRefusesTheStartToo() {
        try (TestDatabase db = TestDatabase.create("boot3_edited")) {
            migrations(db).upgrade();
            db.execute("UPDATE autogen_version SET checksum = 'not what it did' WHERE revision = 'b00c5a000001'");
            AutogenException cause = cause(assertThrows(RuntimeException.class, () -> start(db).close()));
            assertTrue(cause.getMessage().startsWith("Migration dev/autogen/spring/bookshop/migrations/"
                    + "M20261122_070000_CreateBooks.java (revision b00c5a000001) was edited after being applied"), cause.getMessage());
        }
    }

    @Test
    void noneStartsWithoutLookingAtTheMigrations() {
        try (TestDatabase db = TestDatabase.create("boot3_none");
             ConfigurableApplicationContext context = start(db, "autogen.on-start=none", "spring.jpa.hibernate.ddl-auto=none")) {
            assertNull(db.query("SELECT to_regclass('public.autogen_version')"));
            assertNull(context.getBean(Migrations.class).current());
        }
    }

    @Test
    void withoutAMigrationsPackageTheStartIsRefusedInOneLine() {
        try (TestDatabase db = TestDatabase.create("boot3_nopackage")) {
            AutogenException cause = cause(assertThrows(RuntimeException.class,
                    () -> start(db, "autogen.migrations-package=").close()));
            assertEquals("autogen.on-start=validate needs autogen.migrations-package, the package of the migration classes "
                    + "(the plugin's migrationsPackage); or set autogen.on-start=none to start without looking at the migrations",
                    cause.getMessage());
        }
    }

    @Test
    void twoDataSourcesWithoutAPrimaryRefuseTheStartInOneLine() {
        try (TestDatabase db = TestDatabase.create("boot3_twosources")) {
            AutogenException cause = cause(assertThrows(RuntimeException.class, () -> new SpringApplicationBuilder(
                    BookshopApplication.class, TwoDataSources.class).web(WebApplicationType.NONE)
                    .properties("test.url=" + db.url(), "test.user=" + db.user(), "autogen.migrations-package=" + MIGRATIONS)
                    .run().close()));
            assertEquals("autogen.on-start=validate cannot tell which database to migrate: the application has 2 DataSources "
                    + "(orders, reports) and none is @Primary. Mark the one that holds the migrated schema @Primary, or set "
                    + "autogen.on-start=none and run Migrations.configure().dataSource(...) yourself", cause.getMessage());
            assertNull(db.query("SELECT to_regclass('public.autogen_version')"));
        }
    }

    /** An application with two databases, neither of them primary. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @org.springframework.context.annotation.Bean
        javax.sql.DataSource orders(org.springframework.core.env.Environment environment) {
            return new org.springframework.jdbc.datasource.DriverManagerDataSource(environment.getProperty("test.url"),
                    environment.getProperty("test.user"), "");
        }

        @org.springframework.context.annotation.Bean
        javax.sql.DataSource reports(org.springframework.core.env.Environment environment) {
            return orders(environment);
        }
    }

    @Test
    void theSettingsComeFromTheProperties() {
        try (TestDatabase db = TestDatabase.create("boot3_settings");
             ConfigurableApplicationContext context = start(db, "autogen.on-start=upgrade", "autogen.version-table=app_history",
                     "autogen.lock-wait=45s", "autogen.lock-timeout=3s", "autogen.target=b00c5a000001",
                     "autogen.safety=plain", "autogen.lock-retries=2", "autogen.statement-timeout=30s",
                     "spring.jpa.hibernate.ddl-auto=none", "spring.main.lazy-initialization=true")) {
            Migrations migrations = context.getBean(Migrations.class);
            assertEquals("public.app_history", migrations.settings().versionTable().toString());
            assertEquals(java.time.Duration.ofSeconds(45), migrations.settings().lockWait());
            assertEquals(java.time.Duration.ofSeconds(3), migrations.settings().lockTimeout());
            assertEquals(Safety.PLAIN, migrations.settings().safety());
            assertEquals(2, migrations.settings().lockRetries());
            assertEquals(java.time.Duration.ofSeconds(30), migrations.settings().statementTimeout());
            // acted on start although every bean is lazy
            assertEquals("b00c5a000001", db.query("SELECT string_agg(revision, ',') FROM public.app_history"));
            assertFalse(db.query("SELECT count(*) FROM information_schema.columns WHERE column_name = 'isbn'").equals("1"));
        }
    }

    private static AutogenException cause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AutogenException autogen) {
                return autogen;
            }
        }
        throw new AssertionError("no AutogenException in " + failure, failure);
    }

    /** What Spring Boot's failure analyzers, which it finds in META-INF/spring.factories, make of the failure. */
    private static FailureAnalysis analyze(Throwable failure) throws IOException {
        List<String> analyzers = new ArrayList<>();
        for (URL factories : Collections.list(AutogenAutoConfigurationTest.class.getClassLoader().getResources("META-INF/spring.factories"))) {
            Properties properties = PropertiesLoaderUtils.loadProperties(new UrlResource(factories));
            analyzers.addAll(Arrays.asList(properties.getProperty(FailureAnalyzer.class.getName(), "").split(",")));
        }
        assertTrue(analyzers.contains(MigrationsFailureAnalyzer.class.getName()), analyzers.toString());
        return new MigrationsFailureAnalyzer().analyze(failure);
    }
}
