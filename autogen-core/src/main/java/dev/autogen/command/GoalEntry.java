package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.config.ProjectConfiguration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.SchemaFilter;
import dev.autogen.script.RevisionGraph;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The door the Maven plugin opens from its own class loader into the project's: only JDK types
 * cross it. A failure the user can act on comes back as {@link AutogenException}.
 *
 * <p>Keys: {@code packages} (comma separated; optional when a persistence unit lists the entities),
 * {@code persistenceUnit}, {@code resourceDirectories} (path-separator separated) and {@code projectDirectory}
 * (where Spring Boot configuration files are looked for), {@code migrationsDirectory}, {@code migrationsPackage},
 * {@code url}/{@code user}/{@code password} (live database, optional), {@code scratchUrl}/
 * {@code scratchUser}/{@code scratchPassword} (server for scratch databases), {@code versionTable}
 * ("schema.table"), {@code templatesDirectory}, {@code message}, {@code target}, {@code includeSchemas},
 * {@code excludeSchemas}, {@code includeTables}, {@code excludeTables} (comma-separated globs); every key that
 * starts with {@code hibernate.} or {@code jakarta.persistence.} is passed to Hibernate.
 */
public final class GoalEntry {

    public static final String[] GOALS = {"revision", "check", "upgrade", "downgrade", "current", "history", "check-migrations"};

    private GoalEntry() {
    }

    /**
     * Runs one goal.
     *
     * @param log receives ("info" | "warn", message)
     */
    public static void run(String goal, Map<String, String> properties, BiConsumer<String, String> log) {
        Log sink = new Log() {
            public void info(String message) {
                log.accept("info", message);
            }

            public void warn(String message) {
                log.accept("warn", message);
            }
        };
        if (goal.equals("check-migrations")) {
            // before anything compiles: every migration file parses, and they form one line from base
            String directory = properties.get("migrationsDirectory");
            if (directory == null || directory.isBlank()) {
                throw new IllegalArgumentException("migrationsDirectory is required");
            }
            RevisionGraph.read(Path.of(directory));
            return;
        }
        Settings settings = settings(goal, properties, sink);
        Autogen autogen = new Autogen(settings, sink);
        switch (goal) {
            case "revision" -> autogen.revision(properties.get("message"));
            case "check" -> autogen.check();
            case "upgrade" -> autogen.upgrade(properties.getOrDefault("target", "head"));
            case "downgrade" -> autogen.downgrade(properties.get("target"));
            case "current" -> autogen.current();
            case "history" -> autogen.history();
            default -> throw new IllegalArgumentException("unknown goal " + goal + "; known: " + Arrays.toString(GOALS));
        }
    }

    /** Goals whose database is the application's own when no autogen.url is given; revision and check replay instead. */
    private static final Set<String> LIVE_DATABASE_GOALS = Set.of("upgrade", "downgrade", "current", "history");

    static Settings settings(String goal, Map<String, String> properties, Log log) {
        String packages = properties.getOrDefault("packages", "");
        List<String> packageList = Arrays.stream(packages.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        String migrationsPackage = properties.get("migrationsPackage");
        if (migrationsPackage == null || migrationsPackage.isBlank()) {
            throw new AutogenException("No migrations package configured: add <migrationsPackage>com.example.migrations</migrationsPackage> "
                    + "to the autogen plugin configuration");
        }
        String directory = properties.get("migrationsDirectory");
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("migrationsDirectory is required");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : GoalEntry.class.getClassLoader();
        Map<String, Object> pluginHibernate = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("hibernate.") || key.startsWith("jakarta.persistence.")) {
                pluginHibernate.put(key, value);
            }
        });
        ProjectConfiguration project = ProjectConfiguration.resolve(loader, packageList, properties.get("persistenceUnit"),
                pluginHibernate, ProjectConfiguration.paths(properties.get("resourceDirectories")),
                blank(properties.get("projectDirectory")) ? null : Path.of(properties.get("projectDirectory")));
        if (!project.sources().isEmpty()) {
            log.info("Configuration from " + String.join(", ", project.sources()));
        }

        String url = properties.get("url");
        ConnectionSpec database = blank(url) ? null : ConnectionSpec.parse(url, properties.get("user"), properties.get("password"));
        if (database == null && LIVE_DATABASE_GOALS.contains(goal) && project.dataSource().isPresent()) {
            database = project.dataSource().get();
            log.info("Database: " + database + " (spring.datasource of the application's configuration)");
        }
        String scratchUrl = properties.get("scratchUrl");
        ConnectionSpec scratch = blank(scratchUrl) ? null
                : ConnectionSpec.parse(scratchUrl, properties.get("scratchUser"), properties.get("scratchPassword"));
        String templates = properties.get("templatesDirectory");
        return new Settings(project.entities(), Path.of(directory), migrationsPackage.strip(), database, scratch,
                versionTable(properties.get("versionTable")), project.hibernateSettings(),
                blank(templates) ? null : Path.of(templates), loader, null,
                new SchemaFilter(list(properties.get("includeSchemas")), list(properties.get("excludeSchemas")),
                        list(properties.get("includeTables")), list(properties.get("excludeTables"))));
    }

    private static List<String> list(String commaSeparated) {
        return blank(commaSeparated) ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static QualifiedName versionTable(String name) {
        if (name == null || name.isBlank()) {
            return Settings.DEFAULT_VERSION_TABLE;
        }
        int dot = name.indexOf('.');
        return dot < 0 ? new QualifiedName("public", name.strip())
                : new QualifiedName(name.substring(0, dot).strip(), name.substring(dot + 1).strip());
    }
}
