package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.schema.QualifiedName;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The door the Maven plugin opens from its own class loader into the project's: only JDK types
 * cross it. A failure the user can act on comes back as {@link AutogenException}.
 *
 * <p>Keys: {@code packages} (comma separated), {@code migrationsDirectory}, {@code migrationsPackage},
 * {@code url}/{@code user}/{@code password} (live database, optional), {@code scratchUrl}/
 * {@code scratchUser}/{@code scratchPassword} (server for scratch databases), {@code versionTable}
 * ("schema.table"), {@code templatesDirectory}, {@code message}, {@code target}; every key that
 * starts with {@code hibernate.} or {@code jakarta.persistence.} is passed to Hibernate.
 */
public final class GoalEntry {

    public static final String[] GOALS = {"revision", "check", "upgrade", "downgrade", "current", "history"};

    private GoalEntry() {
    }

    /**
     * Runs one goal.
     *
     * @param log receives ("info" | "warn", message)
     */
    public static void run(String goal, Map<String, String> properties, BiConsumer<String, String> log) {
        Settings settings = settings(properties);
        Autogen autogen = new Autogen(settings, new Log() {
            public void info(String message) {
                log.accept("info", message);
            }

            public void warn(String message) {
                log.accept("warn", message);
            }
        });
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

    static Settings settings(Map<String, String> properties) {
        String packages = properties.getOrDefault("packages", "");
        List<String> packageList = Arrays.stream(packages.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        if (packageList.isEmpty()) {
            throw new AutogenException("No entity packages configured: add <packages><package>com.example.domain</package></packages> "
                    + "to the autogen plugin configuration");
        }
        String migrationsPackage = properties.get("migrationsPackage");
        if (migrationsPackage == null || migrationsPackage.isBlank()) {
            throw new AutogenException("No migrations package configured: add <migrationsPackage>com.example.migrations</migrationsPackage> "
                    + "to the autogen plugin configuration");
        }
        String directory = properties.get("migrationsDirectory");
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("migrationsDirectory is required");
        }
        String url = properties.get("url");
        ConnectionSpec database = url == null || url.isBlank() ? null
                : ConnectionSpec.parse(url, properties.get("user"), properties.get("password"));
        String scratchUrl = properties.get("scratchUrl");
        ConnectionSpec scratch = scratchUrl == null || scratchUrl.isBlank() ? null
                : ConnectionSpec.parse(scratchUrl, properties.get("scratchUser"), properties.get("scratchPassword"));
        Map<String, Object> hibernate = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("hibernate.") || key.startsWith("jakarta.persistence.")) {
                hibernate.put(key, value);
            }
        });
        String templates = properties.get("templatesDirectory");
        return new Settings(packageList, Path.of(directory), migrationsPackage.strip(), database, scratch,
                versionTable(properties.get("versionTable")), hibernate,
                templates == null || templates.isBlank() ? null : Path.of(templates),
                Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                        : GoalEntry.class.getClassLoader(), null);
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
