package dev.autogen.testing;

import dev.autogen.db.ConnectionSpec;
import jakarta.persistence.ValidationMode;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The database an application gets when it starts: plain JPA bootstrap of Hibernate over its own
 * connection, with a schema action, and whatever is on the test class path (Bean Validation
 * included). Shares no code with autogen, so it can judge what autogen builds.
 */
public final class HibernateCreated {

    private HibernateCreated() {
    }

    /** Starts the application on an empty database with {@code schema-generation.database.action=create}. */
    public static void create(ConnectionSpec database, List<Class<?>> entities, Map<String, Object> settings) {
        start(database, entities, settings, "jakarta.persistence.schema-generation.database.action", "create");
    }

    /** Starts the application with {@code hibernate.hbm2ddl.auto=validate}: Hibernate's own schema validation. */
    public static void validate(ConnectionSpec database, List<Class<?>> entities, Map<String, Object> settings) {
        start(database, entities, settings, "hibernate.hbm2ddl.auto", "validate");
    }

    private static void start(ConnectionSpec database, List<Class<?>> entities, Map<String, Object> settings,
                              String action, String value) {
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("application")
                .managedClasses(entities)
                .jdbcUrl(database.url())
                .jdbcUsername(database.user())
                .jdbcPoolSize(1)
                // schemas the mapping names are created as tables are; a statement that fails stops the start
                .property("jakarta.persistence.create-database-schemas", "true")
                .property("hibernate.hbm2ddl.halt_on_error", "true")
                .properties(settings)
                .property(action, value);
        Object mode = settings.get("jakarta.persistence.validation.mode");
        if (mode != null) {
            // the unit's validation mode (AUTO unless set) wins over its properties
            configuration.validationMode(ValidationMode.valueOf(mode.toString().strip().toUpperCase(Locale.ROOT)));
        }
        if (database.password() != null) {
            configuration.jdbcPassword(database.password());
        }
        configuration.createEntityManagerFactory().close();
    }
}
