package dev.autogen.spring;

import dev.autogen.MigrationSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The {@code autogen.*} properties of application.yml: what the application does with its migrations when it starts. */
@ConfigurationProperties("autogen")
public class AutogenProperties {

    /** What autogen does when the application starts, before JPA's EntityManagerFactory is built. */
    public enum OnStart {
        /** Refuse to start when the database is not at the target, or an applied migration was edited or is unknown. */
        VALIDATE,
        /** Apply the pending migrations up to the target, then start. */
        UPGRADE,
        /** Nothing: the migrations run from a deployment job. */
        NONE
    }

    /**
     * What autogen does when the application starts: validate (refuse to start when the database is not at the target,
     * or an applied migration was edited or is unknown), upgrade (apply the pending migrations, then start), or none.
     */
    private OnStart onStart = OnStart.VALIDATE;

    /** The revision the database should be at: "head" (the newest migration the application was built with) or an id. */
    private String target = "head";

    /** The package of the migration classes, the plugin's migrationsPackage. */
    private String migrationsPackage;

    /** The version table, "table" (schema public) or "schema.table"; public.autogen_version when unset, as for the plugin. */
    private String versionTable;

    /** How long to wait for another instance's migration lock before giving up; 5 minutes by default. */
    private Duration lockWait = MigrationSettings.DEFAULT_LOCK_WAIT;

    /**
     * How long a migration's statement that locks a table outright waits for the lock before its transaction is rolled
     * back and tried again; unset: 5s in the online form, as long as it takes in the plain.
     */
    private Duration lockTimeout;

    /** online (the default: indexes built concurrently, constraints validated apart, short locks) or plain. */
    private String safety = "online";

    /** How often a migration's transaction that gave up waiting for a lock is tried again; unset: 5 in the online form. */
    private Integer lockRetries;

    /** How long any one statement of a migration may run; unset: the server's statement_timeout. */
    private Duration statementTimeout;

    public OnStart getOnStart() {
        return onStart;
    }

    public void setOnStart(OnStart onStart) {
        this.onStart = onStart;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getMigrationsPackage() {
        return migrationsPackage;
    }

    public void setMigrationsPackage(String migrationsPackage) {
        this.migrationsPackage = migrationsPackage;
    }

    public String getVersionTable() {
        return versionTable;
    }

    public void setVersionTable(String versionTable) {
        this.versionTable = versionTable;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public String getSafety() {
        return safety;
    }

    public void setSafety(String safety) {
        this.safety = safety;
    }

    public Integer getLockRetries() {
        return lockRetries;
    }

    public void setLockRetries(Integer lockRetries) {
        this.lockRetries = lockRetries;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }
}
