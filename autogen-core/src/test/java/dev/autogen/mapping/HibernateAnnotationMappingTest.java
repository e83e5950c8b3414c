package dev.autogen.mapping;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Comment;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.NaturalId;
import org.hibernate.generator.EventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hibernate's own annotations that reach the schema (and one that must not: @Formula). */
class HibernateAnnotationMappingTest {

    @Entity(name = "Product")
    @Table(name = "products")
    @Check(name = "products_price_positive", constraints = "price > 0")
    @Check(constraints = "discount <= price")
    @Comment("What the shop sells")
    static class Product {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @NaturalId
        @Column(length = 20)
        String sku;
        @Column(precision = 10, scale = 2)
        @Check(constraints = "price < 100000")
        BigDecimal price;
        @Column(precision = 10, scale = 2)
        BigDecimal discount;
        @Comment("Shown in the catalogue")
        String name;
        @ColumnDefault("0")
        int stock;
        @ColumnDefault("'draft'")
        @Column(length = 10)
        String state;
        @Generated(event = EventType.INSERT)
        @ColumnDefault("now()")
        @Column(nullable = false, updatable = false)
        Instant createdAt;
        @Formula("price - discount")
        BigDecimal netPrice;
    }

    @Entity(name = "Country")
    @Table(name = "countries")
    static class Country {
        @Id
        Long id;
        @NaturalId(mutable = true)
        @Column(length = 2, nullable = false)
        String isoCode;
        @NaturalId(mutable = true)
        @Column(length = 3, nullable = false)
        String isoCode3;
    }

    @Test
    void checkCommentDefaultGeneratedFormulaNaturalId() {
        MappingOracle.Outcome outcome = MappingOracle.check("hibernate-annotations", Product.class, Country.class);
        String source = outcome.source();
        assertTrue(source.contains("check(\"products_price_positive\""), source);
        assertTrue(source.contains(".defaultValue(\"now()\")"), source);
        assertTrue(source.contains("comment"), source);
        assertFalse(source.contains("net_price") || source.contains("netPrice"), "@Formula has no column: " + source);
    }

    @Entity(name = "Rectangle")
    @Table(name = "rectangles")
    static class Rectangle {
        @Id
        Long id;
        int width;
        int height;
        @Generated
        @Column(insertable = false, updatable = false,
                columnDefinition = "integer generated always as (width * height) stored")
        Integer area;
    }

    @Test
    void generatedColumnComputedByTheDatabase() {
        MappingOracle.check("generated-column", Rectangle.class);
    }
}
