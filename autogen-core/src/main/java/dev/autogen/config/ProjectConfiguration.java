package dev.autogen.config;

import dev.autogen.AutogenException;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.entity.EntitySource;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the project runs, put together from what it already has, lowest precedence first:
 * <ol>
 *   <li>its persistence unit ({@code META-INF/persistence.xml}): entities and {@code hibernate.*} properties;</li>
 *   <li>Spring Boot's naming defaults, when Spring Boot is on the class path;</li>
 *   <li>its Spring Boot configuration, loaded by Spring Boot for the given profiles when Spring Boot is on
 *       the class path, else its {@code application.properties} / {@code application.yml} read without
 *       profiles: naming strategies, {@code spring.jpa.properties.*}, and {@code spring.datasource.*} as the
 *       live database;</li>
 *   <li>the autogen plugin configuration: {@code packages}, {@code hibernateProperties}, {@code url}.</li>
 * </ol>
 *
 * @param entities          where the entities come from
 * @param hibernateSettings the Hibernate settings, merged in that order
 * @param dataSource        the database of the application's Spring configuration, if it names one
 * @param versionTable      the version table the application's Spring configuration names (autogen.version-table), if any
 * @param sources           what was read, for the goal's log
 */
public record ProjectConfiguration(EntitySource entities, Map<String, Object> hibernateSettings,
                                   Optional<ConnectionSpec> dataSource, Optional<String> versionTable, List<String> sources) {

    static final String SPRING_APPLICATION = "org.springframework.boot.SpringApplication";
    private static final String SPRING_BINDER = "org.springframework.boot.context.properties.bind.Binder";

    /**
     * @param packages            the plugin's packages; empty to take the entities from persistence.xml
     * @param persistenceUnit     the plugin's persistence unit name, or null
     * @param pluginHibernate     the plugin's Hibernate settings
     * @param resourceDirectories the project's resource directories (its class path root)
     * @param projectDirectory    the project's base directory, or null
     * @param profiles            the Spring Boot profiles to read the configuration with; empty for those it activates itself
     */
    public static ProjectConfiguration resolve(ClassLoader loader, List<String> packages, String persistenceUnit,
                                               Map<String, Object> pluginHibernate, List<Path> resourceDirectories,
                                               Path projectDirectory, List<String> profiles) {
        List<String> sources = new ArrayList<>();
        Map<String, Object> hibernate = new LinkedHashMap<>();

        Optional<PersistenceUnits.Unit> unit = PersistenceUnits.read(loader).choose(persistenceUnit, !packages.isEmpty());
        unit.ifPresent(u -> {
            hibernate.putAll(u.hibernateSettings());
            sources.add("persistence unit " + u.name() + " (" + PersistenceUnits.RESOURCE + ")");
        });
        EntitySource entities;
        if (!packages.isEmpty()) {
            entities = EntitySource.packages(packages);
        } else if (unit.isPresent()) {
            entities = unit.get();
        } else {
            // only revision and check need the entities; upgrade, current and history run without them
            entities = classLoader -> {
                throw new AutogenException("No entities configured: add <packages><package>com.example.domain</package></packages> "
                        + "to the autogen plugin configuration, or list them in a persistence unit in src/main/resources/"
                        + PersistenceUnits.RESOURCE);
            };
        }

        boolean springBoot = loadable(loader, SPRING_APPLICATION);
        SpringBootConfig spring;
        // Spring Boot reads its own configuration when autogen-core, loaded with the project's classes, can reach it
        if (springBoot && loadable(loader, SPRING_BINDER) && loadable(ProjectConfiguration.class.getClassLoader(), SPRING_BINDER)) {
            spring = SpringBootEnvironment.read(loader, resourceDirectories, projectDirectory, profiles);
        } else if (!profiles.isEmpty()) {
            throw new AutogenException("autogen.profiles (" + String.join(",", profiles) + ") needs Spring Boot on the project's "
                    + "class path, which reads the profiles' configuration; without it autogen reads application.properties / "
                    + "application.yml without profiles");
        } else {
            spring = SpringBootConfig.read(resourceDirectories, projectDirectory);
        }
        hibernate.putAll(spring.hibernateSettings(springBoot, name -> loadable(loader, name)));
        if (springBoot) {
            sources.add("Spring Boot's JPA naming defaults");
        }
        sources.addAll(spring.sources());

        hibernate.putAll(pluginHibernate);
        if (!pluginHibernate.isEmpty()) {
            sources.add("the plugin's hibernateProperties");
        }
        Optional<ConnectionSpec> dataSource = spring.dataSource().map(ds -> {
            try {
                return ConnectionSpec.parse(ds.url(), ds.username(), ds.password());
            } catch (AutogenException e) {
                throw new AutogenException("spring.datasource.url of " + spring.sources() + ": " + e.getMessage(), e);
            }
        });
        return new ProjectConfiguration(entities, Map.copyOf(hibernate), dataSource, spring.versionTable(),
                List.copyOf(new LinkedHashSet<>(sources)));
    }

    /** Splits a list of paths joined with the platform's path separator, each once (a pom may declare a directory twice). */
    public static List<Path> paths(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(File.pathSeparator)).map(String::strip).filter(p -> !p.isEmpty()).map(Path::of).distinct().toList();
    }

    private static boolean loadable(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
