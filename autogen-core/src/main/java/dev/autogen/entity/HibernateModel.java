package dev.autogen.entity;

import dev.autogen.AutogenException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistry;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.internal.UserSuppliedConnectionProviderImpl;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.service.spi.ServiceRegistryImplementor;
import org.hibernate.tool.schema.SourceType;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptSourceInput;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.SourceDescriptor;
import org.hibernate.tool.schema.spi.TargetDescriptor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the entities mean, as Hibernate itself reads them: its boot metamodel with the PostgreSQL
 * dialect, and the DDL its schema export would run. Built without a database connection.
 */
public final class HibernateModel implements AutoCloseable {

    // Hibernate's boot logs INFO lines through JUL when no other logging backend is on the class path
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    /**
     * Settings for what the running application uses and the schema never shows: the second-level
     * cache (whose provider is often missing from the class path a build sees) and the connections
     * (pool, data source). Reading the mapping needs neither, so the application's values of these
     * never stop it.
     */
    private static final Map<String, Object> WITHOUT_RUNTIME_SERVICES = Map.of(
            AvailableSettings.USE_SECOND_LEVEL_CACHE, "false",
            AvailableSettings.USE_QUERY_CACHE, "false",
            AvailableSettings.CONNECTION_PROVIDER, UserSuppliedConnectionProviderImpl.class.getName());

    private final StandardServiceRegistry registry;
    private final Metadata metadata;
    private boolean columnsOrdered;

    private HibernateModel(StandardServiceRegistry registry, Metadata metadata) {
        this.registry = registry;
        this.metadata = metadata;
    }

    /**
     * Boots Hibernate's metamodel for the classes in {@code packages}.
     *
     * @param settings Hibernate settings the application uses (naming strategies and the like)
     */
    public static HibernateModel boot(ClassLoader loader, List<String> packages, Map<String, Object> settings) {
        return boot(loader, EntitySource.packages(packages).find(loader), settings);
    }

    public static HibernateModel boot(ClassLoader loader, List<Class<?>> classes, List<String> packageInfos,
                                      Map<String, Object> settings) {
        return boot(loader, new Entities(classes, packageInfos, List.of()), settings);
    }

    public static HibernateModel boot(ClassLoader loader, Entities entities, Map<String, Object> settings) {
        // a level already set is the caller's choice (the plugin's FINE for -X): kept, so Hibernate's detail shows
        if (HIBERNATE_LOG.getLevel() == null) {
            HIBERNATE_LOG.setLevel(Level.WARNING);
        }
        BootstrapServiceRegistry bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build();
        Map<String, Object> all = new HashMap<>();
        // Hibernate picks its dialect from the product and version, as it would from a connection; it never connects.
        // 13 is the oldest PostgreSQL Hibernate 7 supports, so the DDL runs on every server; a project can name its own.
        all.put("jakarta.persistence.database-product-name", "PostgreSQL");
        all.put("jakarta.persistence.database-major-version", "13");
        all.put("jakarta.persistence.database-minor-version", "0");
        all.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        all.put(AvailableSettings.HBM2DDL_CREATE_NAMESPACES, "true");
        all.put(AvailableSettings.FORMAT_SQL, "false");
        all.putAll(settings);
        all.putAll(WITHOUT_RUNTIME_SERVICES);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap).applySettings(all).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.classes().forEach(sources::addAnnotatedClass);
            entities.packages().forEach(sources::addPackage);
            entities.mappingFiles().forEach(sources::addResource);
            Metadata metadata = sources.getMetadataBuilder().build();
            ((MetadataImplementor) metadata).validate();
            // before the columns are ordered: the ordering weighs column lengths, which Bean Validation can set
            BeanValidationDdl.apply((MetadataImplementor) metadata, (ServiceRegistryImplementor) registry);
            return new HibernateModel(registry, metadata);
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw new AutogenException("Hibernate rejects the entities: " + reason(e)
                    + " Fix the mapping, then run again.", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        message = message == null ? e.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
        return message.endsWith(".") ? message : message + ".";
    }

    public Metadata metadata() {
        return metadata;
    }

    public StandardServiceRegistry registry() {
        return registry;
    }

    /** The statements Hibernate's schema export runs to create the schema from nothing, in its order. */
    public List<String> createStatements() {
        if (!columnsOrdered) {
            // Hibernate's export orders the columns of tables, primary keys and foreign keys (its
            // column_ordering_strategy) before it writes CREATE TABLE, as the session factory does on start
            ((MetadataImplementor) metadata).orderColumns(true);
            columnsOrdered = true;
        }
        Map<String, Object> config = new HashMap<>(registry.requireService(ConfigurationService.class).getSettings());
        ExecutionOptions options = SchemaManagementToolCoordinator.buildExecutionOptions(config, ExceptionHandlerHaltImpl.INSTANCE);
        List<String> statements = new ArrayList<>();
        ScriptTargetOutput output = new ScriptTargetOutput() {
            public void prepare() {
            }

            public void accept(String command) {
                statements.add(command);
            }

            public void release() {
            }
        };
        registry.requireService(SchemaManagementTool.class).getSchemaCreator(config).doCreation(metadata, options,
                ContributableMatcher.ALL,
                new SourceDescriptor() {
                    public SourceType getSourceType() {
                        return SourceType.METADATA;
                    }

                    public ScriptSourceInput getScriptSourceInput() {
                        return null;
                    }
                },
                new TargetDescriptor() {
                    public EnumSet<TargetType> getTargetTypes() {
                        return EnumSet.of(TargetType.SCRIPT);
                    }

                    public ScriptTargetOutput getScriptTargetOutput() {
                        return output;
                    }
                });
        return List.copyOf(statements);
    }

    /** The PostgreSQL schemas the mapping puts tables or sequences in; {@code public} for the default one. */
    public Set<String> schemaNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add("public");
        metadata.getDatabase().getNamespaces().forEach(namespace -> {
            if (namespace.getPhysicalName().schema() != null) {
                var schema = namespace.getPhysicalName().schema();
                // PostgreSQL folds unquoted identifiers to lower case
                names.add(schema.isQuoted() ? schema.getText() : schema.getText().toLowerCase(java.util.Locale.ROOT));
            }
        });
        return names;
    }

    @Override
    public void close() {
        StandardServiceRegistryBuilder.destroy(registry);
    }
}
