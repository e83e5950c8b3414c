package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.config.Configuration;
import dev.autogen.config.Key;
import dev.autogen.sql.Safety;
import dev.autogen.config.ProjectConfiguration;
import dev.autogen.config.Rename;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.runner.Durations;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.SchemaFilter;
import dev.autogen.script.RevisionGraph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The door the Maven plugin opens from its own class loader into the project's: only JDK types
 * cross it, a map whose keys are named by {@link Key}. A failure the user can act on comes back as
 * {@link AutogenException}.
 */
public final class GoalEntry {

    public static final String[] GOALS = {"revision", "check", "upgrade", "downgrade", "current", "history", "repair", "stamp", "check-migrations",
            "heads", "merge", "sql"};

    private GoalEntry() {
    }

    /**
     * Runs one goal.
     *
     * @param log receives ("info" | "warn", message), and ("timing", phase TAB nanoseconds) for each phase
     */
    public static void run(String goal, Map<String, String> properties, BiConsumer<String, String> log) {
        run(goal, properties, log, Map::of);
    }

    /**
     * Runs one goal that starts its scratch server only when a step needs one.
     *
     * @param log           receives ("info" | "warn", message), and ("timing", phase TAB nanoseconds) for each phase
     * @param scratchServer starts the scratch server, the first time a step needs one, and gives its keys
     *                      (scratchUrl, scratchUser, scratchPassword); a failure to start is a RuntimeException
     *                      whose message says what to do
     */
    public static void run(String goal, Map<String, String> properties, BiConsumer<String, String> log,
                           Supplier<Map<String, String>> scratchServer) {
        Log sink = new Log() {
            public void info(String message) {
                log.accept("info", message);
            }

            public void warn(String message) {
                log.accept("warn", message);
            }

            @Override
            public void timing(String phase, long nanos) {
                log.accept("timing", phase + "\t" + nanos);
            }
        };
        if (goal.equals("check-migrations")) {
            // before anything compiles: every migration file parses, and they form one line from base
            String cacheDirectory = Key.CACHE_DIRECTORY.in(properties);
            MigrationHeaders.read(migrationsDirectory(properties), SchemaCache.in(cacheDirectory == null ? null : Path.of(cacheDirectory), ""));
            return;
        }
        Autogen autogen = new Autogen(configuration(goal, properties, sink, scratchServer), sink);
        try {
            run(goal, properties, autogen);
        } finally {
            // what the goal worked out of the migrations' classes holds for the next goal, whatever this one's outcome
            autogen.keepChecksums();
        }
    }

    private static void run(String goal, Map<String, String> properties, Autogen autogen) {
        switch (goal) {
            case "revision" -> autogen.revision(Key.MESSAGE.in(properties));
            case "check" -> autogen.check();
            case "upgrade" -> autogen.upgrade(Objects.requireNonNullElse(Key.TARGET.in(properties), "head"));
            case "downgrade" -> autogen.downgrade(Key.TARGET.in(properties));
            case "current" -> autogen.current();
            case "history" -> autogen.history();
            case "repair" -> autogen.repair();
            case "heads" -> autogen.heads();
            case "merge" -> autogen.merge(Key.MESSAGE.in(properties));
            case "sql" -> autogen.sql(Key.FROM.in(properties), Key.TARGET.in(properties), path(Key.OUTPUT.in(properties)));
            case "stamp" -> autogen.stamp(Key.TARGET.in(properties), Boolean.parseBoolean(Key.FORCE.in(properties)));
            default -> throw new IllegalArgumentException("unknown goal " + goal + "; known: " + Arrays.toString(GOALS));
        }
    }

    /** Whether Hibernate reads the system property of this name as a setting: the goal's JVM gets it from Maven's. */
    public static boolean isHibernateSystemProperty(String name) {
        return name.startsWith("hibernate.") || name.startsWith("jakarta.persistence.")
                || name.startsWith("javax.persistence.") || name.startsWith("org.hibernate.");
    }

    /**
     * Goals whose database is the application's own when no autogen.url is given: DATABASE_URL, then
     * spring.datasource. revision and check compare with the migrations replayed unless autogen.url says otherwise.
     */
    static final Set<String> LIVE_DATABASE_GOALS = Set.of("upgrade", "downgrade", "current", "history", "repair", "stamp", "sql");

    /** The configuration of one goal, read from the plugin's keys and the project's own configuration. */
    static Configuration configuration(String goal, Map<String, String> properties, Log log) {
        return configuration(goal, properties, log, Map::of);
    }

    static Configuration configuration(String goal, Map<String, String> properties, Log log,
                                       Supplier<Map<String, String>> scratchServer) {
        String migrationsPackage = Key.MIGRATIONS_PACKAGE.in(properties);
        if (migrationsPackage == null) {
            throw new AutogenException("No migrations package configured: add <migrationsPackage>com.example.migrations</migrationsPackage> "
                    + "to the autogen plugin configuration");
        }
        Path migrationsDirectory = migrationsDirectory(properties);
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : GoalEntry.class.getClassLoader();
        ProjectConfiguration project = ProjectConfiguration.resolve(loader, Key.PACKAGES.listIn(properties),
                Key.PERSISTENCE_UNIT.in(properties), Key.hibernatePropertiesIn(properties),
                ProjectConfiguration.paths(Key.RESOURCE_DIRECTORIES.in(properties)),
                path(Key.PROJECT_DIRECTORY.in(properties)), Key.PROFILES.listIn(properties));

        List<String> sources = new ArrayList<>(project.sources());
        List<String> databaseLine = new ArrayList<>();
        ConnectionSpec database = withConnectTimeout(properties, database(goal, properties, project, sources, databaseLine));
        log.info("Configuration from " + (sources.isEmpty() ? "the plugin's parameters only" : String.join(", ", sources)));
        String from = Key.FROM.in(properties);
        if (!goal.equals("sql") || from == null || from.isBlank() || from.strip().equals("current")) {
            // autogen:sql from base or a revision reads no database: naming one would say it did
            databaseLine.forEach(log::info);
        }

        Supplier<ConnectionSpec> scratch = () -> {
            Map<String, String> keys = new java.util.HashMap<>(properties);
            try {
                keys.putAll(scratchServer.get());
            } catch (AutogenException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AutogenException(e.getMessage(), e);
            }
            String scratchUrl = Key.SCRATCH_URL.in(keys);
            return scratchUrl == null ? null : withConnectTimeout(properties, ConnectionSpec.parse(scratchUrl,
                    Key.SCRATCH_USER.in(keys), keys.get(Key.SCRATCH_PASSWORD.key())).withKeys(ConnectionSpec.Keys.SCRATCH));
        };
        String cacheDirectory = Key.CACHE_DIRECTORY.in(properties);
        return Configuration.builder()
                .entities(project.entities())
                .migrationsDirectory(migrationsDirectory)
                .migrationsPackage(migrationsPackage)
                .database(database)
                .databaseNamed(Key.URL.in(properties) != null)
                .scratch(scratch)
                .scratchKind(Key.SCRATCH.in(properties))
                .cacheDirectory(cacheDirectory == null ? null : Path.of(cacheDirectory))
                // the plugin's versionTable, else the one the application runs its migrations with
                .versionTable(versionTable(Key.VERSION_TABLE.in(properties) != null ? Key.VERSION_TABLE.in(properties)
                        : project.versionTable().orElse(null)))
                .hibernateSettings(project.hibernateSettings())
                .templatesDirectory(path(Key.TEMPLATES_DIRECTORY.in(properties)))
                .classLoader(loader)
                .filter(new SchemaFilter(Key.INCLUDE_SCHEMAS.listIn(properties), Key.EXCLUDE_SCHEMAS.listIn(properties),
                        Key.INCLUDE_TABLES.listIn(properties), Key.EXCLUDE_TABLES.listIn(properties)))
                .lockWait(duration(properties, Key.LOCK_WAIT))
                .lockTimeout(duration(properties, Key.LOCK_TIMEOUT))
                .lockRetries(count(properties, Key.LOCK_RETRIES))
                .statementTimeout(duration(properties, Key.STATEMENT_TIMEOUT))
                .safety(safety(properties))
                .prove(!"false".equalsIgnoreCase(Key.PROVE.in(properties)))
                .summary(path(Key.SUMMARY.in(properties)))
                .renames(Rename.parse(Key.RENAMES.listIn(properties)))
                .build();
    }

    /**
     * The live database: autogen.url for every goal; for the live-database goals only, DATABASE_URL, then the
     * application's spring.datasource. The source it came from joins {@code sources}, and a line saying which
     * database it is goes to {@code say} when the user did not name it.
     */
    private static ConnectionSpec database(String goal, Map<String, String> properties, ProjectConfiguration project,
                                           List<String> sources, List<String> say) {
        String user = Key.USER.in(properties);
        String password = properties.get(Key.PASSWORD.key());
        String url = Key.URL.in(properties);
        if (url != null) {
            return ConnectionSpec.parse(url, user, password);
        }
        if (!LIVE_DATABASE_GOALS.contains(goal)) {
            return null;
        }
        String environment = Key.DATABASE_URL.in(properties);
        if (environment != null) {
            ConnectionSpec database = ConnectionSpec.parse(environment, user, password)
                    .withKeys(ConnectionSpec.Keys.DATABASE_URL);
            sources.add("the DATABASE_URL environment variable");
            say.add("Database: " + database + " (the DATABASE_URL environment variable)");
            return database;
        }
        if (project.dataSource().isPresent()) {
            ConnectionSpec database = project.dataSource().get().withKeys(ConnectionSpec.Keys.SPRING_DATASOURCE);
            say.add("Database: " + database + " (spring.datasource of the application's configuration)");
            return database;
        }
        return null;
    }

    private static Integer count(Map<String, String> properties, Key key) {
        String value = key.in(properties);
        if (value == null) {
            return null;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new AutogenException(key + "=" + value + " is not a count: write 0 or more, e.g. 5");
    }

    private static Safety safety(Map<String, String> properties) {
        String value = Key.SAFETY.in(properties);
        if (value == null) {
            return null;
        }
        Safety safety = Safety.parse(value);
        if (safety == null) {
            throw new AutogenException(Key.SAFETY + "=" + value + " is neither online nor plain");
        }
        return safety;
    }

    private static Duration duration(Map<String, String> properties, Key key) {
        String value = key.in(properties);
        if (value == null) {
            return null;
        }
        Duration duration = Durations.parse(value);
        if (duration == null || duration.isNegative()) {
            throw new AutogenException(key + "=" + value + " is not a duration: write e.g. 30s, 5m or 500ms");
        }
        return duration;
    }

    /**
     * autogen.connectTimeout, when given, over the default or the connect_timeout of a postgresql:// URL; PgJDBC
     * counts its timeouts in whole seconds, so a part of a second counts as one.
     */
    private static ConnectionSpec withConnectTimeout(Map<String, String> properties, ConnectionSpec spec) {
        Duration timeout = duration(properties, Key.CONNECT_TIMEOUT);
        if (spec == null || timeout == null) {
            return spec;
        }
        long seconds = (timeout.toMillis() + 999) / 1000;
        return spec.withConnectTimeout((int) Math.min(seconds, Integer.MAX_VALUE));
    }

    private static Path migrationsDirectory(Map<String, String> properties) {
        String directory = Key.MIGRATIONS_DIRECTORY.in(properties);
        if (directory == null) {
            throw new IllegalArgumentException(Key.MIGRATIONS_DIRECTORY.key() + " is required");
        }
        return Path.of(directory);
    }

    private static Path path(String path) {
        return path == null ? null : Path.of(path);
    }

    private static QualifiedName versionTable(String name) {
        if (name == null) {
            return Configuration.DEFAULT_VERSION_TABLE;
        }
        int dot = name.indexOf('.');
        return dot < 0 ? new QualifiedName("public", name.strip())
                : new QualifiedName(name.substring(0, dot).strip(), name.substring(dot + 1).strip());
    }
}
