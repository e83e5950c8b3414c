package dev.autogen.mapping;

import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import dev.autogen.config.SpringImplicitNaming;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyComponentPathImpl;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyLegacyJpaImpl;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same entities under the naming an application runs with: Hibernate's defaults, Spring Boot's
 * physical strategy, other implicit strategies, and globally quoted identifiers.
 */
class NamingMappingTest {

    @Embeddable
    static class PostalAddress {
        String streetLine;
        String zipCode;
    }

    @Entity(name = "SalesRep")
    static class SalesRep {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String fullName;
    }

    @Entity(name = "CustomerAccount")
    @Table(indexes = @Index(columnList = "lastName"))
    static class CustomerAccount {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE)
        Long accountId;
        @Column(nullable = false)
        String lastName;
        @Embedded
        PostalAddress billingAddress;
        @ManyToOne
        SalesRep accountManager;
        @ManyToMany
        Set<SalesRep> formerReps = new HashSet<>();
        @ElementCollection
        Set<String> emailAddresses = new HashSet<>();
    }

    private static final Class<?>[] ENTITIES = {SalesRep.class, CustomerAccount.class};

    @Test
    void hibernateDefaults() {
        MappingOracle.Outcome outcome = MappingOracle.check("naming-hibernate-defaults", ENTITIES);
        assertTrue(outcome.source().contains("op.createTable(\"public\", \"customeraccount\""), outcome.source());
        assertTrue(outcome.source().contains("column(\"lastname\""), outcome.source());
    }

    @Test
    void springBootPhysicalStrategy() {
        MappingOracle.Outcome outcome = MappingOracle.check("naming-camel-case-to-underscores",
                Map.of("hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName()), ENTITIES);
        String source = outcome.source();
        assertTrue(source.contains("op.createTable(\"public\", \"customer_account\""), source);
        assertTrue(source.contains("column(\"account_manager_id\", \"bigint\")"), source);
        assertTrue(source.contains("op.createTable(\"public\", \"customer_account_sales_rep\""), source);
    }

    @Test
    void springBootDefaultsWithAutogensCopyOfSpringsImplicitStrategy() {
        MappingOracle.Outcome outcome = MappingOracle.check("naming-spring-boot-defaults",
                Map.of("hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName(),
                        "hibernate.implicit_naming_strategy", SpringImplicitNaming.class.getName()), ENTITIES);
        String source = outcome.source();
        assertTrue(source.contains("op.createTable(\"public\", \"customer_account_former_reps\""), source);
        assertTrue(source.contains("op.createTable(\"public\", \"customer_account_email_addresses\""), source);
    }

    @Test
    void componentPathAndLegacyJpaImplicitStrategies() {
        MappingOracle.Outcome componentPath = MappingOracle.check("naming-component-path",
                Map.of("hibernate.implicit_naming_strategy", ImplicitNamingStrategyComponentPathImpl.class.getName(),
                        "hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName()), ENTITIES);
        assertTrue(componentPath.source().contains("column(\"billing_address_street_line\""), componentPath.source());
        MappingOracle.check("naming-legacy-jpa",
                Map.of("hibernate.implicit_naming_strategy", ImplicitNamingStrategyLegacyJpaImpl.class.getName()), ENTITIES);
    }

    @Test
    void globallyQuotedIdentifiers() {
        MappingOracle.Outcome outcome = MappingOracle.check("naming-globally-quoted",
                Map.of("hibernate.globally_quoted_identifiers", "true"), ENTITIES);
        assertTrue(outcome.source().contains("op.createTable(\"public\", \"CustomerAccount\""), outcome.source());
        assertTrue(outcome.source().contains("column(\"lastName\""), outcome.source());
    }
}
