package dev.autogen.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key, named once. The Maven plugin hands core a {@code Map<String, String>}
 * (only JDK types cross from its class loader into the project's) whose keys are these names; a
 * key that is a plugin {@linkplain #parameter() parameter} has the parameter's name and its user
 * property ({@code -Dautogen.url=...}). The plugin module's tests hold its parameters and these
 * keys to each other.
 */
public enum Key {

    PACKAGES("packages", "autogen.packages"),
    PERSISTENCE_UNIT("persistenceUnit", "autogen.persistenceUnit"),
    MIGRATIONS_PACKAGE("migrationsPackage", "autogen.migrationsPackage"),
    MIGRATIONS_DIRECTORY("migrationsDirectory", "autogen.migrationsDirectory"),
    URL("url", "autogen.url"),
    USER("user", "autogen.user"),
    PASSWORD("password", "autogen.password"),
    /** How long the TCP connection and each answer of the login may take (three times that the whole login); 0 waits forever. */
    CONNECT_TIMEOUT("connectTimeout", "autogen.connectTimeout"),
    VERSION_TABLE("versionTable", "autogen.versionTable"),
    /** How long upgrade, downgrade and stamp wait for another run's migration lock: 30s, 5m, 500ms. */
    LOCK_WAIT("lockWait", "autogen.lockWait"),
    /**
     * How long a statement that locks a table outright waits for the lock before its transaction is rolled back (and
     * tried again, see {@link #LOCK_RETRIES}); 5s in the online form, as long as it takes in the plain.
     */
    LOCK_TIMEOUT("lockTimeout", "autogen.lockTimeout"),
    /** How often a migration's transaction that gave up waiting for a lock is tried again (after 1s, 2s, 4s ...). */
    LOCK_RETRIES("lockRetries", "autogen.lockRetries"),
    /** How long any one statement of a migration may run (PostgreSQL's statement_timeout); the server's setting by default. */
    STATEMENT_TIMEOUT("statementTimeout", "autogen.statementTimeout"),
    /** {@code online} (default) or {@code plain}: the form upgrade and downgrade send steps on tables that hold rows in. */
    SAFETY("safety", "autogen.safety"),
    TEMPLATES_DIRECTORY("templatesDirectory", "autogen.templatesDirectory"),
    INCLUDE_SCHEMAS("includeSchemas", "autogen.includeSchemas"),
    EXCLUDE_SCHEMAS("excludeSchemas", "autogen.excludeSchemas"),
    INCLUDE_TABLES("includeTables", "autogen.includeTables"),
    EXCLUDE_TABLES("excludeTables", "autogen.excludeTables"),
    /** Spring Boot profiles to read the application's configuration with, comma separated. */
    PROFILES("profiles", "autogen.profiles"),
    /** A map parameter without a property: it crosses as its entries, each under a {@code hibernate.} or {@code jakarta.persistence.} name. */
    HIBERNATE_PROPERTIES("hibernateProperties", null),
    MESSAGE("message", "message"),
    /** Whether revision runs each migration on a scratch database before writing it; false skips that, not the compile. */
    PROVE("prove", "autogen.prove"),
    TARGET("target", "autogen.target"),
    /** revision and history: a Markdown file for a pull request's review (the migration written; the migrations not applied). */
    SUMMARY("summary", "autogen.summary"),
    /** sql: where the script starts, {@code current} (read from the version table of the database), {@code base} or a revision id. */
    FROM("from", "autogen.from"),
    /** sql: the file the script is written to; the console when not given. */
    OUTPUT("output", "autogen.output"),
    /** revision: columns and tables to rename rather than drop and add, {@code schema.table.column:new,schema.table:new}. */
    RENAMES("renames", "autogen.renames"),
    /** stamp: record the revision although the database differs from its schema. */
    FORCE("force", "autogen.force"),
    /** {@code embedded}, {@code docker} or a URL: the plugin starts or names the server and passes {@link #SCRATCH_URL}. */
    SCRATCH("scratch", "autogen.scratch"),
    SCRATCH_USER("scratchUser", "autogen.scratchUser"),
    SCRATCH_PASSWORD("scratchPassword", "autogen.scratchPassword"),
    /** Handled by the plugin: whether the embedded scratch server keeps its data on a file system in memory (/dev/shm). */
    SCRATCH_IN_MEMORY("scratchInMemory", "autogen.scratchInMemory"),
    /** Handled by the plugin: the goal does not run. */
    SKIP("skip", "autogen.skip"),
    /**
     * Handled by the plugin: whether goals keep what they work out from the project's files (what the migration files
     * declare, Hibernate's DDL, the schemas built on scratch databases) in the build directory ({@link #CACHE_DIRECTORY}),
     * so that a run with nothing changed skips that work; true by default.
     */
    CACHE("cache", "autogen.cache"),
    /** Handled by the plugin: after the goal, where its time went (core reports its phases to the log). */
    TIMINGS("timings", "autogen.timings"),
    /** Handled by the plugin: options for the JVM each goal runs in, after autogen's own (-Xmx4g). */
    JVM_ARGS("jvmArgs", "autogen.jvmArgs"),

    /** Where what a run worked out is kept for the next run (the project's target/autogen-cache); none when absent. */
    CACHE_DIRECTORY("cacheDirectory"),
    /** The JDBC URL of the scratch server the plugin started or was given. */
    SCRATCH_URL("scratchUrl"),
    /** The project's resource directories, joined with the path separator: where its configuration files are. */
    RESOURCE_DIRECTORIES("resourceDirectories"),
    /** The project's base directory: Spring Boot's {@code file:./} when the application starts there. */
    PROJECT_DIRECTORY("projectDirectory"),
    /** The DATABASE_URL environment variable of the build, which only the live-database goals use. */
    DATABASE_URL("DATABASE_URL");

    /** Entries of {@link #HIBERNATE_PROPERTIES} start with one of these. */
    public static final List<String> HIBERNATE_PREFIXES = List.of("hibernate.", "jakarta.persistence.");

    private final String key;
    private final String property;
    private final boolean parameter;

    Key(String key, String property) {
        this.key = key;
        this.property = property;
        this.parameter = true;
    }

    /** A key the plugin fills from the project, the environment or what it started, not a parameter. */
    Key(String key) {
        this.key = key;
        this.property = null;
        this.parameter = false;
    }

    /** The name in the map, and for a parameter the plugin parameter's name. */
    public String key() {
        return key;
    }

    /** The user property that sets the parameter ({@code -Dautogen.url=...}), or null. */
    public String property() {
        return property;
    }

    /** Whether the plugin has a parameter of this name. */
    public boolean parameter() {
        return parameter;
    }

    /** This key's value in {@code properties}, stripped; null when absent or blank. */
    public String in(Map<String, String> properties) {
        String value = properties.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** This key's comma-separated value as a list, without blanks. */
    public List<String> listIn(Map<String, String> properties) {
        String value = in(properties);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** The entries of {@link #HIBERNATE_PROPERTIES}. */
    public static Map<String, Object> hibernatePropertiesIn(Map<String, String> properties) {
        Map<String, Object> hibernate = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (HIBERNATE_PREFIXES.stream().anyMatch(name::startsWith)) {
                hibernate.put(name, value);
            }
        });
        return hibernate;
    }

    @Override
    public String toString() {
        return property == null ? key : property;
    }
}
