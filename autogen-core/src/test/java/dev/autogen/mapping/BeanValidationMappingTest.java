package dev.autogen.mapping;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.Length;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bean Validation constraints Hibernate turns into DDL when the application starts with a provider
 * on the class path (here hibernate-validator, as with spring-boot-starter-validation).
 */
class BeanValidationMappingTest {

    /** A validation group the DDL uses only when jakarta.persistence.validation.group.ddl names it. */
    interface Publishing {
    }

    @Embeddable
    static class Address {
        @NotBlank
        String street;
        @Size(max = 12)
        String postcode;
    }

    @Entity(name = "Publisher")
    @Table(name = "publishers")
    static class Publisher {
        @Id
        Long id;
        @NotNull
        String name;
    }

    @Entity(name = "Title")
    @Table(name = "titles")
    static class Title {
        @Id
        Long id;
        @NotBlank
        @Size(max = 120)
        String name;
        @NotEmpty
        String isbn;
        @Length(min = 2, max = 30)
        String edition;
        @Digits(integer = 6, fraction = 2)
        BigDecimal price;
        // one bound a column: Hibernate joins the checks of one column in the order Bean Validation
        // hands out its descriptors, which changes from one JVM to the next (@Min with @Max, @Range)
        @Min(1)
        int pages;
        @Max(5000)
        int copies;
        @DecimalMin("0.5")
        @DecimalMax("99.5")
        BigDecimal weight;
        @NotNull(groups = Publishing.class)
        @Size(max = 40, groups = Publishing.class)
        String imprint;
        @NotNull
        @ManyToOne
        Publisher publisher;
        @NotNull
        @Valid
        @Embedded
        Address address;
        @Size(max = 200)
        @Column(length = 500)
        String blurb;
    }

    @Test
    void constraintsHibernateTurnsIntoDdl() {
        String source = MappingOracle.check("bean-validation", Title.class, Publisher.class).source();
        assertTrue(source.contains("column(\"name\", \"character varying(120)\").notNull()"), source);
        assertTrue(source.contains("column(\"isbn\", \"character varying(255)\").notNull()"), source);
        assertTrue(source.contains("column(\"publisher_id\", \"bigint\").notNull()"), source);
        assertTrue(source.contains("column(\"street\", \"character varying(255)\").notNull()"), source);
        assertTrue(source.contains("column(\"price\", \"numeric(8,2)\")"), source);
        assertTrue(source.contains("column(\"imprint\", \"character varying(255)\")"), source);
        assertFalse(source.contains("column(\"imprint\", \"character varying(255)\").notNull()"), source);
        // @Size wins over @Column(length), as Hibernate applies it; @DecimalMin and @DecimalMax make no DDL
        assertTrue(source.contains("column(\"blurb\", \"character varying(200)\")"), source);
        assertFalse(source.contains("weight_check"), source);
    }

    @Embeddable
    static class StockKey implements Serializable {
        String sku;
        @Size(max = 8)
        String region;
        Integer bin;
    }

    @Entity(name = "Stock")
    @Table(name = "stock")
    static class Stock {
        @EmbeddedId
        @Valid
        StockKey id;
        @ElementCollection
        @CollectionTable(name = "stock_notes")
        List<String> notes;
    }

    @Test
    void compositeKeyOrderedAfterBeanValidationSetsItsLengths() {
        String source = MappingOracle.check("bean-validation-composite-key", Stock.class).source();
        assertTrue(source.contains("column(\"region\", \"character varying(8)\").notNull()"), source);
    }

    @Test
    void ddlGroupFromTheSettings() {
        String source = MappingOracle.check("bean-validation-ddl-group",
                Map.of("org.hibernate.validator.group.ddl", Publishing.class.getName()),
                Title.class, Publisher.class).source();
        assertTrue(source.contains("column(\"imprint\", \"character varying(40)\").notNull()"), source);
        assertTrue(source.contains("column(\"name\", \"character varying(255)\")"), source);
    }
}
