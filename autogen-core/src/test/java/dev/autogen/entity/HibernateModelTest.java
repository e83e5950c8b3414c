package dev.autogen.entity;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DDL Hibernate would run for the entities, as the application's settings shape it. No database. */
class HibernateModelTest {

    @Entity(name = "Shelf")
    @Table(name = "shelves")
    @Cacheable
    static class Shelf {
        @Id
        Long id;
        @NotBlank
        @Size(max = 40)
        String label;
        @Max(12)
        int levels;
    }

    private static final String VALIDATED = "create table shelves (levels integer not null check ((levels<=12)), id bigint not null, "
            + "label varchar(40) not null, primary key (id));";
    private static final String UNVALIDATED = "create table shelves (levels integer not null, id bigint not null, "
            + "label varchar(255), primary key (id));";

    private static List<String> createStatements(Map<String, Object> settings) {
        try (HibernateModel model = HibernateModel.boot(HibernateModelTest.class.getClassLoader(),
                List.of(Shelf.class), List.of(), settings)) {
            return model.createStatements();
        }
    }

    @Test
    void beanValidationDdlFollowsTheValidationMode() {
        assertEquals(List.of(VALIDATED), createStatements(Map.of()));
        assertEquals(List.of(VALIDATED), createStatements(Map.of("jakarta.persistence.validation.mode", "auto")));
        assertEquals(List.of(VALIDATED), createStatements(Map.of("jakarta.persistence.validation.mode", "ddl")));
        assertEquals(List.of(VALIDATED), createStatements(Map.of("javax.persistence.validation.mode", "DDL")));
        assertEquals(List.of(UNVALIDATED), createStatements(Map.of("jakarta.persistence.validation.mode", "callback")));
        assertEquals(List.of(UNVALIDATED), createStatements(Map.of("jakarta.persistence.validation.mode", "none")));
        assertEquals(List.of(UNVALIDATED), createStatements(Map.of("hibernate.validator.apply_to_ddl", "false")));
    }

    @Test
    void settingsThatDoNotTouchTheSchemaNeverStopIt() {
        Map<String, Object> runtimeOnly = Map.ofEntries(
                Map.entry("hibernate.cache.use_second_level_cache", "true"),
                Map.entry("hibernate.cache.use_query_cache", "true"),
                Map.entry("hibernate.cache.region.factory_class", "jcache"),
                Map.entry("hibernate.javax.cache.provider", "org.ehcache.jsr107.EhcacheCachingProvider"),
                Map.entry("jakarta.persistence.sharedCache.mode", "ALL"),
                Map.entry("hibernate.generate_statistics", "true"),
                Map.entry("hibernate.transaction.jta.platform", "Atomikos"),
                Map.entry("hibernate.transaction.coordinator_class", "jta"),
                Map.entry("hibernate.connection.provider_class", "org.hibernate.hikaricp.internal.HikariCPConnectionProvider"),
                Map.entry("hibernate.hikari.maximumPoolSize", "10"),
                Map.entry("hibernate.connection.datasource", "java:comp/env/jdbc/app"),
                Map.entry("hibernate.query.startup_check", "true"),
                Map.entry("hibernate.session_factory.interceptor", "com.example.AuditInterceptor"),
                Map.entry("hibernate.current_session_context_class", "thread"));
        assertEquals(List.of(VALIDATED), createStatements(runtimeOnly));
    }
}
