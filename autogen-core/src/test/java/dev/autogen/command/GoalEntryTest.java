package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.config.Configuration;
import dev.autogen.config.Key;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.schema.QualifiedName;
import dev.autogen.testing.RecordingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin's keys read into one configuration: which database each goal uses, and what the goal says it read,
 * for a project without Spring Boot (SpringBootEnvironmentTest has one with it).
 */
class GoalEntryTest {

    @TempDir
    Path project;

    private static Configuration configuration(String goal, Map<String, String> keys, Log log) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // the project's class loader: the tests' classes without Spring Boot
        thread.setContextClassLoader(new ClassLoader(GoalEntryTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.springframework.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        });
        try {
            return GoalEntry.configuration(goal, keys, log);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private Map<String, String> keys(Map<String, String> more) {
        Map<String, String> keys = new HashMap<>(Map.of(
                Key.MIGRATIONS_PACKAGE.key(), "com.example.migrations",
                Key.MIGRATIONS_DIRECTORY.key(), project.resolve("src/main/java/com/example/migrations").toString(),
                Key.PACKAGES.key(), "com.example.domain",
                Key.SCRATCH_URL.key(), "jdbc:postgresql://localhost:5432/postgres"));
        keys.putAll(more);
        return keys;
    }

    @Test
    void databaseUrlOfTheEnvironmentIsTheDatabaseOfTheLiveGoalsOnly() {
        Map<String, String> keys = keys(Map.of(Key.DATABASE_URL.key(), "postgresql://app:secret@db.example:5433/shop"));
        ConnectionSpec expected = ConnectionSpec.parse("postgresql://app:secret@db.example:5433/shop", null, null)
                .withKeys(ConnectionSpec.Keys.DATABASE_URL);

        for (String goal : List.of("revision", "check")) {
            RecordingLog log = new RecordingLog();
            assertNull(configuration(goal, keys, log).database(),
                    goal + " compares with the migrations replayed unless autogen.url is given");
            assertTrue(!log.text().contains("DATABASE_URL"), log::text);
        }
        for (String goal : List.of("upgrade", "downgrade", "current", "history")) {
            RecordingLog log = new RecordingLog();
            Configuration configuration = configuration(goal, keys, log);
            assertEquals(expected, configuration.database(), goal);
            assertFalse(configuration.databaseNamed(), "the environment's database is not one the user named for " + goal);
            // what to fix, when it cannot be reached, is DATABASE_URL
            AutogenException unreachable = assertThrows(AutogenException.class, () -> ConnectionSpec.parse(
                    "postgresql://app@127.0.0.1:1/shop", null, null).withKeys(configuration.database().keys()).connect());
            assertTrue(unreachable.getMessage().endsWith("Check that PostgreSQL is running there and that DATABASE_URL is right."),
                    unreachable.getMessage());
            assertTrue(log.lines.contains("Database: " + expected + " (the DATABASE_URL environment variable)"), log::text);
            assertTrue(log.lines.contains("Configuration from the DATABASE_URL environment variable"), log::text);
        }
    }

    @Test
    void sqlNamesTheDatabaseOnlyWhenItStartsFromIt() {
        Map<String, String> keys = new HashMap<>(keys(Map.of(Key.DATABASE_URL.key(), "postgresql://app@db.example:5433/shop")));
        RecordingLog fromCurrent = new RecordingLog();
        configuration("sql", keys, fromCurrent);
        assertTrue(fromCurrent.text().contains("Database: "), fromCurrent::text);
        for (String from : List.of("base", "a1b2c3d4e5f6")) {
            keys.put(Key.FROM.key(), from);
            RecordingLog log = new RecordingLog();
            configuration("sql", keys, log);
            assertTrue(!log.text().contains("Database: "), log::text);
        }
    }

    @Test
    void autogenUrlIsTheDatabaseOfEveryGoalAndWinsOverTheEnvironment() {
        Map<String, String> keys = keys(Map.of(Key.URL.key(), "jdbc:postgresql://live/db", Key.USER.key(), "owner",
                Key.DATABASE_URL.key(), "postgresql://app@elsewhere/shop"));
        for (String goal : List.of("revision", "check", "upgrade", "downgrade", "current", "history")) {
            Configuration configuration = configuration(goal, keys, new RecordingLog());
            assertEquals(new ConnectionSpec("jdbc:postgresql://live/db", "owner", null), configuration.database(), goal);
            assertTrue(configuration.databaseNamed(), goal);
        }
    }

    @Test
    void everyKeyReachesTheConfiguration() {
        Configuration configuration = configuration("revision", keys(Map.of(
                Key.VERSION_TABLE.key(), "audit.versions",
                Key.TEMPLATES_DIRECTORY.key(), project.resolve("templates").toString(),
                Key.EXCLUDE_SCHEMAS.key(), "legacy, archive",
                Key.INCLUDE_TABLES.key(), "app_*",
                Key.SCRATCH_USER.key(), "scratcher",
                Key.SCRATCH_PASSWORD.key(), "s3",
                Key.CONNECT_TIMEOUT.key(), "3",
                "hibernate.default_schema", "sales")), new RecordingLog());

        assertEquals(project.resolve("src/main/java/com/example/migrations"), configuration.migrationsDirectory());
        assertEquals("com.example.migrations", configuration.migrationsPackage());
        assertEquals(new QualifiedName("audit", "versions"), configuration.versionTable());
        assertEquals(project.resolve("templates"), configuration.templatesDirectory());
        assertEquals(List.of("legacy", "archive"), configuration.filter().excludeSchemas());
        assertEquals(List.of("app_*"), configuration.filter().includeTables());
        assertEquals(new ConnectionSpec("jdbc:postgresql://localhost:5432/postgres", "scratcher", "s3", 3,
                ConnectionSpec.Keys.SCRATCH), configuration.scratch());
        assertEquals("sales", configuration.hibernateSettings().get("hibernate.default_schema"));
        assertEquals("packages [com.example.domain]", configuration.entities().toString());
    }

    @Test
    void theSourcesLineNamesEachFileOnceAndThePluginsHibernateProperties() throws IOException {
        Path resources = Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), "spring.jpa.properties.hibernate.default_schema=sales\n");
        String twice = resources + java.io.File.pathSeparator + resources;
        RecordingLog log = new RecordingLog();

        configuration("check", keys(Map.of(Key.RESOURCE_DIRECTORIES.key(), twice,
                "hibernate.jdbc.batch_size", "7")), log);

        List<String> lines = log.lines.stream().filter(line -> line.startsWith("Configuration from ")).toList();
        assertEquals(1, lines.size(), log::text);
        assertTrue(lines.get(0).endsWith(resources.resolve("application.properties") + ", the plugin's hibernateProperties"),
                lines.get(0));
        assertEquals(1, lines.get(0).split("application\\.properties", -1).length - 1, lines.get(0));
    }

    @Test
    void theVersionTableTheApplicationRunsItsMigrationsWithIsTheGoalsUnlessThePluginNamesOne() throws IOException {
        Path resources = Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.yml"), "autogen:\n  version-table: ops.schema_history\n");
        Map<String, String> keys = keys(Map.of(Key.RESOURCE_DIRECTORIES.key(), resources.toString()));
        assertEquals(new QualifiedName("ops", "schema_history"), configuration("upgrade", keys, new RecordingLog()).versionTable());
        keys.put(Key.VERSION_TABLE.key(), "app_versions");
        assertEquals(new QualifiedName("public", "app_versions"), configuration("upgrade", keys, new RecordingLog()).versionTable());
    }

    @Test
    void aGoalWithNothingButThePluginSaysSo() {
        RecordingLog log = new RecordingLog();
        configuration("current", keys(Map.of()), log);
        assertTrue(log.lines.contains("Configuration from the plugin's parameters only"), log::text);
    }
}
