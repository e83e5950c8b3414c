package dev.autogen.spring;

import dev.autogen.Migrations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;

/**
 * Runs the application's migrations on start, over its DataSource, before JPA's EntityManagerFactory is
 * built (as Spring Boot orders Flyway): {@code autogen.on-start} says whether it validates (the default),
 * upgrades, or does nothing. Ordered after the DataSource auto-configuration, named as Spring Boot 3 and 4
 * each name it; the EntityManagerFactory waits for it through {@link DependsOnMigrations}, whatever
 * auto-configuration (or the application) defines it.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(AutogenProperties.class)
public class AutogenAutoConfiguration {

    /** The name of the bean that acts on start, which the schema's users depend on. */
    static final String ON_START = "autogenMigrationsOnStart";

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(DataSource.class)
    @Conditional(MigrationsPackageGiven.class)
    public Migrations autogenMigrations(DataSource dataSource, AutogenProperties properties, ApplicationContext context) {
        Log log = LogFactory.getLog(Migrations.class);
        return Migrations.configure()
                .dataSource(dataSource)
                .migrations(properties.getMigrationsPackage())
                .classLoader(context.getClassLoader())
                .versionTable(properties.getVersionTable())
                .lockWait(properties.getLockWait())
                .lockTimeout(properties.getLockTimeout())
                .safety(properties.getSafety())
                .lockRetries(properties.getLockRetries())
                .statementTimeout(properties.getStatementTimeout())
                .log(log::info)
                .warn(log::warn)
                .load();
    }

    @Bean(ON_START)
    public MigrationsOnStart autogenMigrationsOnStart(ObjectProvider<Migrations> migrations, AutogenProperties properties,
                                                      ApplicationContext context) {
        return new MigrationsOnStart(migrations.getIfAvailable(), properties, context.getBeanNamesForType(DataSource.class));
    }

    @Bean
    public static DependsOnMigrations autogenDependsOnMigrations() {
        return new DependsOnMigrations(ON_START);
    }

    /** autogen.migrations-package has a value; without one there are no migrations to find, and on start says so. */
    static final class MigrationsPackageGiven implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("autogen.migrations-package"));
        }
    }

    /** With lazy initialization, nothing might ask for the bean that acts on start; it is created all the same. */
    @Bean
    public static LazyInitializationExcludeFilter autogenOnStartNotLazy() {
        return LazyInitializationExcludeFilter.forBeanTypes(MigrationsOnStart.class);
    }
}
