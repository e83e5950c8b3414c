package dev.autogen.spring;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes every bean that reads or maps the schema (EntityManagerFactory, JDBC templates, jOOQ's DSLContext)
 * depend on the bean that runs the migrations on start, so that Hibernate's schema validation and the
 * application's first queries see the migrated schema. The types are named, not imported: each is looked
 * for only when its library is on the class path, and none moved between Spring Boot 3 and 4, while the
 * auto-configuration classes that create them did.
 */
final class DependsOnMigrations implements BeanFactoryPostProcessor {

    static final List<String> SCHEMA_USERS = List.of(
            "jakarta.persistence.EntityManagerFactory",
            "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean",
            "org.springframework.jdbc.core.JdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
            "org.jooq.DSLContext");

    private final String migrationsBean;

    DependsOnMigrations(String migrationsBean) {
        this.migrationsBean = migrationsBean;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        Set<String> users = new LinkedHashSet<>();
        for (String typeName : SCHEMA_USERS) {
            if (ClassUtils.isPresent(typeName, classLoader)) {
                Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
                // without instantiating anything: factory beans are matched by the type they declare
                for (String name : BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, type, true, false)) {
                    users.add(BeanFactoryUtils.transformedBeanName(name));
                }
            }
        }
        users.remove(migrationsBean);
        for (String user : users) {
            if (!beanFactory.containsBeanDefinition(user)) {
                continue;
            }
            BeanDefinition definition = beanFactory.getBeanDefinition(user);
            Set<String> dependsOn = new LinkedHashSet<>(definition.getDependsOn() == null ? List.of()
                    : Arrays.asList(definition.getDependsOn()));
            dependsOn.add(migrationsBean);
            definition.setDependsOn(dependsOn.toArray(String[]::new));
        }
    }
}
