package dev.autogen.command;

import dev.autogen.db.ConnectionSpec;
import dev.autogen.entity.EntitySource;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.SchemaFilter;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a project uses autogen.
 *
 * @param entities             where the entities come from: packages, a persistence unit
 * @param migrationsDirectory  source directory of the migrations package
 * @param migrationsPackage    Java package of the migration classes
 * @param database             the live database, or null to work on a scratch replay of the migrations
 * @param scratch              a server autogen may create throw-away databases on
 * @param versionTable         the table that records applied revisions
 * @param hibernateSettings    Hibernate settings the application runs with (naming strategies, ...)
 * @param templatesDirectory   a directory with the project's own migration template, or null
 * @param classLoader          loads the entities and the compiled migrations
 * @param clock                the time written into new migrations
 * @param filter               which schemas and tables are the model's
 */
public record Settings(EntitySource entities, Path migrationsDirectory, String migrationsPackage,
                       ConnectionSpec database, ConnectionSpec scratch, QualifiedName versionTable,
                       Map<String, Object> hibernateSettings, Path templatesDirectory, ClassLoader classLoader,
                       Clock clock, SchemaFilter filter) {

    public static final QualifiedName DEFAULT_VERSION_TABLE = new QualifiedName("public", "autogen_version");

    public Settings {
        Objects.requireNonNull(entities, "entities");
        hibernateSettings = Map.copyOf(hibernateSettings);
        versionTable = versionTable == null ? DEFAULT_VERSION_TABLE : versionTable;
        clock = clock == null ? Clock.systemUTC() : clock;
        filter = filter == null ? SchemaFilter.ALL : filter;
    }

    public Settings(EntitySource entities, Path migrationsDirectory, String migrationsPackage,
                    ConnectionSpec database, ConnectionSpec scratch, QualifiedName versionTable,
                    Map<String, Object> hibernateSettings, Path templatesDirectory, ClassLoader classLoader,
                    Clock clock) {
        this(entities, migrationsDirectory, migrationsPackage, database, scratch, versionTable, hibernateSettings,
                templatesDirectory, classLoader, clock, SchemaFilter.ALL);
    }

    /** Entities from {@code packages} (with sub-packages). */
    public Settings(List<String> packages, Path migrationsDirectory, String migrationsPackage,
                    ConnectionSpec database, ConnectionSpec scratch, QualifiedName versionTable,
                    Map<String, Object> hibernateSettings, Path templatesDirectory, ClassLoader classLoader,
                    Clock clock) {
        this(EntitySource.packages(packages), migrationsDirectory, migrationsPackage, database, scratch, versionTable,
                hibernateSettings, templatesDirectory, classLoader, clock);
    }

    public Settings withDatabase(ConnectionSpec database) {
        return new Settings(entities, migrationsDirectory, migrationsPackage, database, scratch, versionTable,
                hibernateSettings, templatesDirectory, classLoader, clock, filter);
    }

    public Settings withHibernateSettings(Map<String, Object> hibernateSettings) {
        return new Settings(entities, migrationsDirectory, migrationsPackage, database, scratch, versionTable,
                hibernateSettings, templatesDirectory, classLoader, clock, filter);
    }

    public Settings withClock(Clock clock) {
        return new Settings(entities, migrationsDirectory, migrationsPackage, database, scratch, versionTable,
                hibernateSettings, templatesDirectory, classLoader, clock, filter);
    }

    public Settings withFilter(SchemaFilter filter) {
        return new Settings(entities, migrationsDirectory, migrationsPackage, database, scratch, versionTable,
                hibernateSettings, templatesDirectory, classLoader, clock, filter);
    }
}
