package dev.autogen;

import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.QualifiedName;
import dev.autogen.sql.Safety;

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
 * @param lockTimeout       how long a migration's statement that locks a table outright waits for the lock before its
 *                          transaction is rolled back (and tried again, see lockRetries); null: 5 s in the online form, as
 *                          long as it takes in the plain
 * @param log               what happens, one line at a time
 * @param warn              steps that lose data, lock waits
 * @param safety            the form steps on tables that hold rows run in; null: online (indexes built CONCURRENTLY,
 *                          constraints validated apart, short locks under the lock timeout), which keeps the application's
 *                          other instances serving while a new one migrates at start-up
 * @param lockRetries       how often a transaction that gave up waiting for a lock is tried again; null: the runner's default
 * @param statementTimeout  how long any one statement may run; null: the server's setting
 */
public record MigrationSettings(DataSource dataSource, String migrationsPackage, ClassLoader classLoader,
                                QualifiedName versionTable, Duration lockWait, Duration lockTimeout,
                                Consumer<String> log, Consumer<String> warn, Safety safety, Integer lockRetries,
                                Duration statementTimeout) {

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
        safety = safety == null ? Safety.ONLINE : safety;
        if (lockRetries != null && lockRetries < 0 || statementTimeout != null && statementTimeout.isNegative()) {
            throw new AutogenException("Lock retries and a statement timeout cannot be negative: "
                    + (lockRetries != null && lockRetries < 0 ? lockRetries : statementTimeout));
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
        private Safety safety;
        private Integer lockRetries;
        private Duration statementTimeout;

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

        /** {@link Safety#ONLINE} (the default) or {@link Safety#PLAIN}: the form steps on tables that hold rows run in. */
        public Builder safety(Safety safety) {
            this.safety = safety;
            return this;
        }

        /** "online" (the default) or "plain", as autogen.safety is written. */
        public Builder safety(String safety) {
            if (safety == null || safety.isBlank()) {
                this.safety = null;
                return this;
            }
            this.safety = Safety.parse(safety);
            if (this.safety == null) {
                throw new AutogenException("autogen.safety=" + safety.strip() + " is neither online nor plain");
            }
            return this;
        }

        /** How often a transaction that gave up waiting for a lock is tried again, after 1 s, 2 s, 4 s ...; 5 in the online form. */
        public Builder lockRetries(Integer lockRetries) {
            this.lockRetries = lockRetries;
            return this;
        }

        /** How long any one statement of a migration may run (statement_timeout); the server's setting by default. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        public MigrationSettings build() {
            return new MigrationSettings(dataSource, migrationsPackage, classLoader, versionTable, lockWait, lockTimeout, log, warn,
                    safety, lockRetries, statementTimeout);
        }

        /** Finds the migration classes and answers what runs them; refuses a package without migrations. */
        public Migrations load() {
            return new Migrations(build());
        }
    }
}
