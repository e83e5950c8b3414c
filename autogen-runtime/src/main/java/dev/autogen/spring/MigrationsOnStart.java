package dev.autogen.spring;

import dev.autogen.AutogenException;
import dev.autogen.Migrations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

import java.util.Locale;

/**
 * Acts on the application's migrations as {@code autogen.on-start} says, when the bean is initialized: before
 * every EntityManagerFactory (and JDBC template), which {@link DependsOnMigrations} makes depend on it.
 */
public final class MigrationsOnStart implements InitializingBean {

    private static final Log LOG = LogFactory.getLog(Migrations.class);

    private final Migrations migrations;
    private final AutogenProperties properties;
    private final String[] dataSources;

    /**
     * {@code migrations} is null when no migrations package is configured, or when the application has several
     * DataSources ({@code dataSources}, their bean names) and none of them is primary.
     */
    MigrationsOnStart(Migrations migrations, AutogenProperties properties, String[] dataSources) {
        this.migrations = migrations;
        this.properties = properties;
        this.dataSources = dataSources.clone();
    }

    @Override
    public void afterPropertiesSet() {
        AutogenProperties.OnStart onStart = properties.getOnStart() == null ? AutogenProperties.OnStart.VALIDATE : properties.getOnStart();
        if (onStart == AutogenProperties.OnStart.NONE) {
            return;
        }
        if (migrations == null && dataSources.length > 1) {
            throw new AutogenException("autogen.on-start=" + name(onStart) + " cannot tell which database to migrate: the "
                    + "application has " + dataSources.length + " DataSources (" + String.join(", ", dataSources) + ") and none "
                    + "is @Primary. Mark the one that holds the migrated schema @Primary, or set autogen.on-start=none and run "
                    + "Migrations.configure().dataSource(...) yourself");
        }
        if (migrations == null) {
            throw new AutogenException("autogen.on-start=" + name(onStart) + " needs autogen.migrations-package, the package of "
                    + "the migration classes (the plugin's migrationsPackage); or set autogen.on-start=none to start without "
                    + "looking at the migrations");
        }
        String target = properties.getTarget();
        if (onStart == AutogenProperties.OnStart.UPGRADE) {
            migrations.upgrade(target);
            return;
        }
        migrations.validate(target);
        LOG.info("The database is at the revision this application expects (autogen.on-start=validate, target "
                + (target == null || target.isBlank() ? "head" : target.strip()) + ").");
    }

    private static String name(AutogenProperties.OnStart onStart) {
        return onStart.name().toLowerCase(Locale.ROOT);
    }
}
