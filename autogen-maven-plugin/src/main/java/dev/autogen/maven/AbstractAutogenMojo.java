package dev.autogen.maven;

import dev.autogen.AutogenException;
import dev.autogen.command.GoalChannel;
import dev.autogen.command.GoalEntry;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every autogen goal shares: the configuration, turned into the string map that
 * {@code dev.autogen.command.GoalEntry} reads, and the call into the project's class loader. Each goal
 * names {@link MaskingConfigurator} in its {@code @Mojo}, so -X prints no password.
 */
public abstract class AbstractAutogenMojo extends AbstractMojo {

    /**
     * Packages (with their sub-packages) that hold the entity classes. Optional when a persistence
     * unit in META-INF/persistence.xml lists the entities.
     */
    @Parameter(property = "autogen.packages")
    private List<String> packages;

    /** The persistence unit of META-INF/persistence.xml to read, when the file has several. */
    @Parameter(property = "autogen.persistenceUnit")
    private String persistenceUnit;

    /** Java package of the migration classes. */
    @Parameter(property = "autogen.migrationsPackage", required = true)
    private String migrationsPackage;

    /** Where the migration sources live; by default the migrations package under the main source directory. */
    @Parameter(property = "autogen.migrationsDirectory")
    private File migrationsDirectory;

    /**
     * The live database: jdbc:postgresql://host:port/db or postgresql://user:password@host:port/db.
     * Without it, upgrade, downgrade, current and history use the DATABASE_URL environment variable, then
     * the application's spring.datasource; revision and check compare with the migrations replayed.
     */
    @Parameter(property = "autogen.url")
    private String url;

    @Parameter(property = "autogen.user")
    private String user;

    @Parameter(property = "autogen.password")
    private String password;

    /**
     * How long the TCP connection to a database, and each answer of its login, may take before the goal gives up
     * and says which one it waited for (10s, 1m); 0 waits forever.
     */
    @Parameter(property = "autogen.connectTimeout", defaultValue = "10s")
    private String connectTimeout;

    /** The table that records applied revisions, "table" or "schema.table"; public.autogen_version by default. */
    @Parameter(property = "autogen.versionTable")
    private String versionTable;

    /** How long upgrade, downgrade and stamp wait for another run's migration lock (30s, 5m ...); 5m by default. */
    @Parameter(property = "autogen.lockWait")
    private String lockWait;

    /**
     * How long a migration's statement that locks a table outright waits for the lock (another session's long
     * transaction) before its transaction is rolled back and, see lockRetries, tried again: 5s in the online form, as
     * long as it takes in the plain; either way the goal says which backend it waits for.
     */
    @Parameter(property = "autogen.lockTimeout")
    private String lockTimeout;

    /** How often a migration's transaction that gave up waiting for a lock is tried again, after 1s, 2s, 4s ...; 5 in the online form. */
    @Parameter(property = "autogen.lockRetries")
    private String lockRetries;

    /** How long any one statement of a migration may run (PostgreSQL's statement_timeout: 30m, 2h); the server's setting by default. */
    @Parameter(property = "autogen.statementTimeout")
    private String statementTimeout;

    /**
     * The form upgrade and downgrade send the steps on tables that hold rows in: {@code online} (indexes built
     * CONCURRENTLY, constraints added NOT VALID then validated, NOT NULL over a validated check, short locks under
     * lockTimeout) or {@code plain} (each step as one statement, the migration in one transaction).
     */
    @Parameter(property = "autogen.safety", defaultValue = "online")
    private String safety;

    /** A directory with the project's own migration template. */
    @Parameter(property = "autogen.templatesDirectory")
    private File templatesDirectory;

    /** Schemas that are the model's (globs); all but those excluded when empty. */
    @Parameter(property = "autogen.includeSchemas")
    private List<String> includeSchemas;

    /** Schemas autogen never reads, changes or drops (globs), e.g. one another tool owns. */
    @Parameter(property = "autogen.excludeSchemas")
    private List<String> excludeSchemas;

    /** Tables, sequences and enum types that are the model's ("name" or "schema.name" globs); all when empty. */
    @Parameter(property = "autogen.includeTables")
    private List<String> includeTables;

    /** Tables, sequences and enum types autogen never reads, changes or drops, e.g. {@code flyway_*}. */
    @Parameter(property = "autogen.excludeTables")
    private List<String> excludeTables;

    /**
     * Spring Boot profiles to read the application's configuration with (comma separated), as if it
     * ran with --spring.profiles.active; by default only what its own configuration activates.
     */
    @Parameter(property = "autogen.profiles")
    private List<String> profiles;

    /**
     * Hibernate settings the application runs with (naming strategies, default schema, ...). A key
     * without a hibernate. or jakarta.persistence. prefix gets hibernate. in front.
     */
    @Parameter
    private Map<String, String> hibernateProperties;

    @Parameter(property = "autogen.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Keeps in target/autogen-cache what a run works out from the project's files, keyed by those files: what each
     * migration file declares, the DDL Hibernate writes for the entities (keyed by the class path's contents), and
     * the schemas revision and check build on scratch databases (keyed by the migration files and that DDL), so that
     * a run with nothing changed parses, boots and starts nothing again. false works everything out every time.
     */
    @Parameter(property = "autogen.cache", defaultValue = "true")
    private boolean cache;

    /**
     * Options for the JVM each goal runs in, after autogen's own (only the JIT's first tier, the serial collector),
     * separated by spaces: -Xmx4g for a model that needs more heap than a quarter of the machine's memory,
     * -agentlib:jdwp=... to debug it.
     */
    @Parameter(property = "autogen.jvmArgs")
    private String jvmArgs;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    /** Prints where the goal's time went: Maven, class loading, Hibernate, scratch cluster, DDL, introspection, diff. */
    @Parameter(property = "autogen.timings", defaultValue = "false")
    private boolean timings;

    private GoalTimings goalTimings;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /** The goal as GoalEntry knows it. Every key of the map below is one of core's dev.autogen.config.Key. */
    abstract String goal();

    /**
     * Whether the goal runs in Maven's own JVM, with autogen-core from this plugin's artifacts: only for a goal that
     * reads neither the project's classes nor a database (check-migrations parses the migration files), where a JVM
     * of its own would cost more than the goal.
     */
    boolean runsInMavensJvm() {
        return false;
    }

    private void runHere(Map<String, String> properties) throws MojoFailureException, MojoExecutionException {
        try {
            GoalEntry.run(goal(), properties, this::say);
        } catch (AutogenException e) {
            GoalProcess.failed(goal(), true, e.getMessage(), e, showErrors());
        } catch (RuntimeException e) {
            GoalProcess.failed(goal(), false, e.getMessage(), e, showErrors());
        }
    }

    /** A line of the goal's log, or a phase's time, as GoalEntry sends it: (level, message). */
    private void say(String level, String message) {
        switch (level) {
            case GoalChannel.WARN -> getLog().warn(message);
            case GoalChannel.DEBUG -> getLog().debug(message);
            case GoalChannel.TIMING -> goalTimings.core(message);
            default -> getLog().info(message);
        }
    }

    /** Goal-specific keys (message, target, scratch server). */
    void addProperties(Map<String, String> properties) throws MojoExecutionException, MojoFailureException {
    }

    /** The scratch server's keys (scratchUrl, scratchUser, scratchPassword), started when core first needs it; none here. */
    Map<String, String> startScratch() {
        return Map.of();
    }

    /** Runs after {@link #addProperties}, whatever the outcome: stops what the goal started. */
    void release() {
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping autogen:" + goal() + " (autogen.skip)");
            return;
        }
        goalTimings = new GoalTimings();
        Map<String, String> properties = properties();
        try {
            addProperties(properties);
            if (runsInMavensJvm()) {
                runHere(properties);
            } else {
                new GoalProcess(project, plugin.getArtifacts(), plugin.getVersion(), getLog(), showErrors(), goalTimings,
                        jvmArgs == null || jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.strip().split("\\s+")), systemProperties(), this::say)
                        .run(goal(), properties, this::startScratch);
            }
        } catch (MojoExecutionException | MojoFailureException | RuntimeException | Error e) {
            if (EmbeddedScratch.interrupted()) {
                awaitHalt();
            }
            throw e;
        } finally {
            release();
            if (timings && !EmbeddedScratch.interrupted()) {
                goalTimings.print(getLog());
            }
        }
    }

    /** Where this goal's steps report their time. */
    GoalTimings timings() {
        return goalTimings;
    }

    /**
     * A signal stopped the scratch server under the goal, and the shutdown hook said so in one line: what failed
     * after it is a consequence, not news, so the goal waits for the JVM to halt instead of reporting it.
     */
    private static void awaitHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // the JVM halts once its shutdown hooks are done
            }
        }
    }

    /**
     * The system properties of Maven's JVM the goal reads as it did in Maven's JVM: those given with -D on Maven's
     * command line (the application's configuration resolves its placeholders with them), and every hibernate.* and
     * jakarta.persistence.* one (Hibernate reads them).
     */
    private Map<String, String> systemProperties() {
        Map<String, String> system = new LinkedHashMap<>();
        if (session != null) {
            session.getUserProperties().stringPropertyNames().forEach(name -> system.put(name, session.getUserProperties().getProperty(name)));
        }
        System.getProperties().stringPropertyNames().stream()
                .filter(GoalEntry::isHibernateSystemProperty)
                .forEach(name -> system.putIfAbsent(name, System.getProperty(name)));
        return system;
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (hibernateProperties != null) {
            hibernateProperties.forEach((key, value) -> {
                String name = key.startsWith("hibernate.") || key.startsWith("jakarta.persistence.") ? key : "hibernate." + key;
                properties.put(name, value == null ? "" : value);
            });
        }
        properties.put("packages", packages == null ? "" : String.join(",", packages));
        properties.put("migrationsPackage", migrationsPackage == null ? "" : migrationsPackage.strip());
        properties.put("migrationsDirectory", migrationsDirectory().getAbsolutePath());
        put(properties, "url", url);
        // core decides which goals may use it: only those that work on the live database
        put(properties, "DATABASE_URL", System.getenv("DATABASE_URL"));
        put(properties, "user", user);
        put(properties, "password", password);
        put(properties, "connectTimeout", connectTimeout);
        put(properties, "versionTable", versionTable);
        put(properties, "lockWait", lockWait);
        put(properties, "lockTimeout", lockTimeout);
        put(properties, "lockRetries", lockRetries);
        put(properties, "statementTimeout", statementTimeout);
        put(properties, "safety", safety);
        put(properties, "templatesDirectory", templatesDirectory == null ? null : templatesDirectory.getAbsolutePath());
        put(properties, "persistenceUnit", persistenceUnit);
        put(properties, "includeSchemas", includeSchemas == null ? null : String.join(",", includeSchemas));
        put(properties, "excludeSchemas", excludeSchemas == null ? null : String.join(",", excludeSchemas));
        put(properties, "includeTables", includeTables == null ? null : String.join(",", includeTables));
        put(properties, "excludeTables", excludeTables == null ? null : String.join(",", excludeTables));
        put(properties, "profiles", profiles == null ? null : String.join(",", profiles));
        // where the application's Spring Boot configuration files are: its resource directories (Spring Boot's parent
        // pom declares src/main/resources twice) and base directory
        Set<String> resources = new LinkedHashSet<>();
        project.getBuild().getResources().forEach(resource -> resources.add(new File(resource.getDirectory()).getAbsolutePath()));
        properties.put("resourceDirectories", String.join(File.pathSeparator, resources));
        properties.put("projectDirectory", project.getBasedir().getAbsolutePath());
        if (cache && buildDirectory != null) {
            properties.put("cacheDirectory", new File(buildDirectory, "autogen-cache").getAbsolutePath());
        }
        return properties;
    }

    private File migrationsDirectory() {
        if (migrationsDirectory != null) {
            return migrationsDirectory;
        }
        String packagePath = migrationsPackage == null ? "" : migrationsPackage.strip().replace('.', File.separatorChar);
        return new File(project.getBuild().getSourceDirectory(), packagePath);
    }

    private boolean showErrors() {
        return getLog().isDebugEnabled() || (session != null && session.getRequest().isShowErrors());
    }

    static void put(Map<String, String> properties, String key, String value) {
        if (!isBlank(value)) {
            properties.put(key, value);
        }
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
