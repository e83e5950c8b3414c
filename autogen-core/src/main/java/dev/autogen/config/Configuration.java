package dev.autogen.config;

import dev.autogen.db.ConnectionSpec;
import dev.autogen.entity.EntitySource;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.SchemaFilter;
import dev.autogen.sql.Safety;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a project uses autogen: one immutable value, built with {@link #builder()} and copied with
 * {@link #toBuilder()}. The Maven plugin's keys are read into it by {@code dev.autogen.command.GoalEntry}.
 */
public final class Configuration {

    public static final QualifiedName DEFAULT_VERSION_TABLE = new QualifiedName("public", "autogen_version");

    private final EntitySource entities;
    private final Path migrationsDirectory;
    private final String migrationsPackage;
    private final ConnectionSpec database;
    private final boolean databaseNamed;
    private final ScratchServer scratch;
    private final Path cacheDirectory;
    private final String scratchKind;
    private final QualifiedName versionTable;
    private final Map<String, Object> hibernateSettings;
    private final Path templatesDirectory;
    private final ClassLoader classLoader;
    private final Clock clock;
    private final SchemaFilter filter;
    private final Duration lockWait;
    private final Duration lockTimeout;
    private final Integer lockRetries;
    private final Duration statementTimeout;
    private final Safety safety;
    private final boolean prove;
    private final Path summary;
    private final List<Rename> renames;

    private Configuration(Builder builder) {
        this.entities = Objects.requireNonNull(builder.entities, "entities");
        this.migrationsDirectory = builder.migrationsDirectory;
        this.migrationsPackage = builder.migrationsPackage;
        this.database = builder.database;
        this.databaseNamed = builder.databaseNamed;
        this.scratch = builder.scratch;
        this.cacheDirectory = builder.cacheDirectory;
        this.scratchKind = builder.scratchKind == null ? "embedded" : builder.scratchKind;
        this.versionTable = builder.versionTable == null ? DEFAULT_VERSION_TABLE : builder.versionTable;
        this.hibernateSettings = Map.copyOf(builder.hibernateSettings);
        this.templatesDirectory = builder.templatesDirectory;
        this.classLoader = builder.classLoader != null ? builder.classLoader
                : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                : Configuration.class.getClassLoader();
        this.clock = builder.clock == null ? Clock.systemUTC() : builder.clock;
        this.filter = builder.filter == null ? SchemaFilter.ALL : builder.filter;
        this.lockWait = builder.lockWait;
        this.lockTimeout = builder.lockTimeout;
        this.lockRetries = builder.lockRetries;
        this.statementTimeout = builder.statementTimeout;
        this.safety = builder.safety == null ? Safety.ONLINE : builder.safety;
        this.prove = builder.prove;
        this.summary = builder.summary;
        this.renames = List.copyOf(builder.renames);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder().entities(entities).migrationsDirectory(migrationsDirectory).migrationsPackage(migrationsPackage)
                .database(database).databaseNamed(databaseNamed).scratchServer(scratch).cacheDirectory(cacheDirectory).scratchKind(scratchKind).versionTable(versionTable).hibernateSettings(hibernateSettings)
                .templatesDirectory(templatesDirectory).classLoader(classLoader).clock(clock).filter(filter)
                .lockWait(lockWait).lockTimeout(lockTimeout).lockRetries(lockRetries).statementTimeout(statementTimeout)
                .safety(safety).prove(prove).summary(summary).renames(renames);
    }

    /** Where the entities come from: packages, a persistence unit, or (in tests) classes. */
    public EntitySource entities() {
        return entities;
    }

    /** The source directory of the migrations package. */
    public Path migrationsDirectory() {
        return migrationsDirectory;
    }

    /** The Java package of the migration classes. */
    public String migrationsPackage() {
        return migrationsPackage;
    }

    /** The live database, or null to work on a scratch replay of the migrations. */
    public ConnectionSpec database() {
        return database;
    }

    /**
     * Whether the user named the live database for this goal (autogen.url), rather than the goal taking the
     * application's own (DATABASE_URL, spring.datasource).
     */
    public boolean databaseNamed() {
        return databaseNamed;
    }

    /** A server autogen may create throw-away databases on, started (or asked for) the first time it is needed; or null. */
    public ConnectionSpec scratch() {
        return scratch == null ? null : scratch.get();
    }

    /** Where schemas already built on scratch databases are kept for the next run, or null for nowhere. */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /** The scratch server as autogen.scratch names it (embedded, docker, a URL): schemas built on another are not reused. */
    public String scratchKind() {
        return scratchKind;
    }

    /** The scratch server, asked for once by whoever needs it first; a failure to start is told to each who asks. */
    private static final class ScratchServer {
        private final Supplier<ConnectionSpec> start;
        private ConnectionSpec spec;
        private RuntimeException failure;

        ScratchServer(Supplier<ConnectionSpec> start) {
            this.start = start;
        }

        private boolean asked;

        synchronized ConnectionSpec get() {
            if (!asked) {
                asked = true;
                try {
                    spec = start.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return spec;
        }

        synchronized String describe() {
            return spec != null ? spec.toString() : failure != null ? "failed to start" : asked ? "none" : "not started";
        }
    }

    /** The table that records applied revisions. */
    public QualifiedName versionTable() {
        return versionTable;
    }

    /** The Hibernate settings the application runs with (naming strategies, ...). */
    public Map<String, Object> hibernateSettings() {
        return hibernateSettings;
    }

    /** A directory with the project's own migration template, or null. */
    public Path templatesDirectory() {
        return templatesDirectory;
    }

    /** Loads the entities and the compiled migrations. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** The time written into new migrations. */
    public Clock clock() {
        return clock;
    }

    /** Which schemas and tables are the model's. */
    /** How long upgrade, downgrade and stamp wait for another run's migration lock; null: the runner's default. */
    public Duration lockWait() {
        return lockWait;
    }

    /** How long a statement that locks a table outright waits for the lock; null: the runner's default for the form. */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** How often a migration's transaction that gave up waiting for a lock is tried again; null: the runner's default. */
    public Integer lockRetries() {
        return lockRetries;
    }

    /** How long any one statement of a migration may run; null: the server's setting. */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** The form upgrade and downgrade send steps on tables that hold rows in; online unless told otherwise. */
    public Safety safety() {
        return safety;
    }

    public SchemaFilter filter() {
        return filter;
    }

    /** Whether revision proves each migration (upgrade, downgrade, upgrade on a scratch database) before writing it. */
    public boolean prove() {
        return prove;
    }

    /** Where revision and history write the Markdown review summary, or null for none. */
    public Path summary() {
        return summary;
    }

    /** What revision renames rather than drops and adds (autogen.renames). */
    public List<Rename> renames() {
        return renames;
    }

    @Override
    public String toString() {
        return "Configuration[entities=" + entities + ", migrations=" + migrationsPackage + " in " + migrationsDirectory
                + ", database=" + database + ", scratch=" + (scratch == null ? null : scratch.describe()) + ", versionTable=" + versionTable
                + ", hibernateSettings=" + hibernateSettings.keySet() + ", templatesDirectory=" + templatesDirectory
                + ", filter=" + filter + "]";
    }

    /** Builds a {@link Configuration}; every setting but the entities has a default. */
    public static final class Builder {
        private EntitySource entities;
        private Path migrationsDirectory;
        private String migrationsPackage;
        private ConnectionSpec database;
        private boolean databaseNamed = true;
        private ScratchServer scratch;
        private Path cacheDirectory;
        private String scratchKind;
        private QualifiedName versionTable;
        private Map<String, Object> hibernateSettings = Map.of();
        private Path templatesDirectory;
        private ClassLoader classLoader;
        private Clock clock;
        private SchemaFilter filter;
        private Duration lockWait;
        private Duration lockTimeout;
        private Integer lockRetries;
        private Duration statementTimeout;
        private Safety safety;
        private boolean prove = true;
        private Path summary;
        private List<Rename> renames = List.of();

        private Builder() {
        }

        public Builder entities(EntitySource entities) {
            this.entities = entities;
            return this;
        }

        /** Entities from these packages, with their sub-packages. */
        public Builder packages(List<String> packages) {
            return entities(EntitySource.packages(packages));
        }

        public Builder migrationsDirectory(Path migrationsDirectory) {
            this.migrationsDirectory = migrationsDirectory;
            return this;
        }

        public Builder migrationsPackage(String migrationsPackage) {
            this.migrationsPackage = migrationsPackage;
            return this;
        }

        /** The live database; null (the default) compares with the migrations replayed on a scratch database. */
        public Builder database(ConnectionSpec database) {
            this.database = database;
            return this;
        }

        /**
         * Whether the user named the database (the default), rather than the goal taking the application's own: a
         * listing of the migrations then does without it when it cannot be reached.
         */
        public Builder databaseNamed(boolean databaseNamed) {
            this.databaseNamed = databaseNamed;
            return this;
        }

        public Builder scratch(ConnectionSpec scratch) {
            return scratchServer(scratch == null ? null : new ScratchServer(() -> scratch));
        }

        /** A scratch server started by {@code start} the first time one is needed; never, when no step needs one. */
        public Builder scratch(Supplier<ConnectionSpec> start) {
            return scratchServer(start == null ? null : new ScratchServer(start));
        }

        private Builder scratchServer(ScratchServer scratch) {
            this.scratch = scratch;
            return this;
        }

        /** Where schemas built on scratch databases are kept for the next run; null (the default) keeps none. */
        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** autogen.scratch as given: embedded (the default), docker or a URL. */
        public Builder scratchKind(String scratchKind) {
            this.scratchKind = scratchKind;
            return this;
        }

        /** Default {@link #DEFAULT_VERSION_TABLE}. */
        public Builder versionTable(QualifiedName versionTable) {
            this.versionTable = versionTable;
            return this;
        }

        public Builder hibernateSettings(Map<String, Object> hibernateSettings) {
            this.hibernateSettings = Objects.requireNonNull(hibernateSettings, "hibernateSettings");
            return this;
        }

        public Builder templatesDirectory(Path templatesDirectory) {
            this.templatesDirectory = templatesDirectory;
            return this;
        }

        /** Default: the thread's context class loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** Default: the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Default {@link SchemaFilter#ALL}. */
        public Builder filter(SchemaFilter filter) {
            this.filter = filter;
            return this;
        }

        public Builder lockWait(Duration lockWait) {
            this.lockWait = lockWait;
            return this;
        }

        public Builder lockRetries(Integer lockRetries) {
            this.lockRetries = lockRetries;
            return this;
        }

        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        public Builder safety(Safety safety) {
            this.safety = safety;
            return this;
        }

        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Builder prove(boolean prove) {
            this.prove = prove;
            return this;
        }

        public Builder summary(Path summary) {
            this.summary = summary;
            return this;
        }

        public Builder renames(List<Rename> renames) {
            this.renames = Objects.requireNonNull(renames, "renames");
            return this;
        }

        public Configuration build() {
            return new Configuration(this);
        }
    }
}
