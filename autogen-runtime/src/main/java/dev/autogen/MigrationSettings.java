package dev.autogen;

import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.QualifiedName;

import javax.sql.DataSource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an application runs its migrations: one value, built with {@link Migrations#configure()}.
 *
 * @param dataSource        the database; each operation takes one connection from it for its whole run, and a
 *                          second one only to say who holds a lock a statement waits for
 * @param migrationsPackage the package of the migration classes on the class path (the plugin's migrationsPackage)
 * @param classLoader       where the migration classes are looked for
 * @param versionTable      the table that records the applied migrations
 * @param lockWait          how long upgrade, downgrade and stamp wait for another run's migration lock
 * @param lockTimeout       how long a migration's statement waits for a table lock before the migration is rolled
 *                          back; null: as long as it takes
 * @param log               what happens, one line at a time
 * @param warn              steps that lose data, lock waits
 */
public record MigrationSettings(DataSource dataSource, String migrationsPackage, ClassLoader classLoader,
                                QualifiedName versionTable, Duration lockWait, Duration lockTimeout,
                                Consumer<String> log, Consumer<String> warn) {

    public static final QualifiedName DEFAULT_VERSION_TABLE = new QualifiedName("public", "autogen_version");
    public static final Duration DEFAULT_LOCK_WAIT = MigrationRunner.Options.DEFAULT_LOCK_WAIT;

    public MigrationSettings {
        if (dataSource == null) {
            throw new AutogenException("No DataSource given: call dataSource(...) with the application's DataSource");
        }
        if (migrationsPackage == null || migrationsPackage.isBlank()) {
            throw new AutogenException("No migrations package given: call migrations(\"com.example.migrations\") with the "
                    + "package of the migration classes (the plugin's migrationsPackage)");
        }
        migrationsPackage = migrationsPackage.strip();
        classLoader = classLoader != null ? classLoader
                : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                : MigrationSettings.class.getClassLoader();
        versionTable = versionTable == null ? DEFAULT_VERSION_TABLE : versionTable;
        lockWait = lockWait == null ? DEFAULT_LOCK_WAIT : lockWait;
        if (lockWait.isNegative() || lockTimeout != null && lockTimeout.isNegative()) {
            throw new AutogenException("A lock wait or lock timeout cannot be negative: " + (lockWait.isNegative() ? lockWait : lockTimeout));
        }
        System.Logger logger = System.getLogger(Migrations.class.getName());
        log = log == null ? message -> logger.log(Level.INFO, message) : log;
        warn = warn == null ? message -> logger.log(Level.WARNING, message) : warn;
    }

    /**
     * A version table named "table" (in schema public) or "schema.table", as the plugin's autogen.versionTable
     * names it.
     */
    public static QualifiedName versionTable(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT_VERSION_TABLE;
        }
        int dot = name.indexOf('.');
        return dot < 0 ? new QualifiedName("public", name.strip())
                : new QualifiedName(name.substring(0, dot).strip(), name.substring(dot + 1).strip());
    }

    /** Settings built one call at a time; {@link #load()} finds the migrations and answers what runs them. */
    public static final class Builder {

        private DataSource dataSource;
        private String migrationsPackage;
        private ClassLoader classLoader;
        private QualifiedName versionTable;
        private Duration lockWait;
        private Duration lockTimeout;
        private Consumer<String> log;
        private Consumer<String> warn;

        Builder() {
        }

        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The package of the migration classes, e.g. "com.example.migrations". */
        public Builder migrations(String migrationsPackage) {
            this.migrationsPackage = migrationsPackage;
            return this;
        }

        /** Where the migration classes are looked for; the thread's context class loader by default. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /** "autogen_version" (schema public) by default; "schema.table" names another schema. */
        public Builder versionTable(String versionTable) {
            this.versionTable = MigrationSettings.versionTable(versionTable);
            return this;
        }

        /** How long to wait for another run's migration lock; 5 minutes by default. */
        public Builder lockWait(Duration lockWait) {
            this.lockWait = lockWait;
            return this;
        }

        /** How long a statement waits for a table lock before its migration is rolled back; unlimited by default. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        /** Where progress lines go; java.lang.System.Logger "dev.autogen.Migrations" at INFO by default. */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /** Where warnings go (steps that lose data, lock waits); the same logger at WARNING by default. */
        public Builder warn(Consumer<String> warn) {
            this.warn = warn;
            return this;
        }

        public MigrationSettings build() {
            return new MigrationSettings(dataSource, migrationsPackage, classLoader, versionTable, lockWait, lockTimeout, log, warn);
        }

        /** Finds the migration classes and answers what runs them; refuses a package without migrations. */
        public Migrations load() {
            return new Migrations(build());
        }
    }
}
