package dev.autogen.scenario;

import dev.autogen.change.Change;
import dev.autogen.testing.Scenario;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Comment;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From an empty database to a small shop: every object kind of the first path in one migration. */
class CreateFromNothingTest {

    enum Status { NEW, PAID, SHIPPED }

    @Entity
    @Table(name = "customers", schema = "sales")
    @Comment("People who buy")
    static class Customer {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, unique = true, length = 200)
        @Comment("Login and contact address")
        String email;
        @Column(name = "created_at", nullable = false)
        @ColumnDefault("now()")
        Instant createdAt;
    }

    @Entity
    @Table(name = "products", indexes = @Index(name = "idx_products_name", columnList = "name"))
    @Check(name = "products_price_positive", constraints = "price > 0")
    static class Product {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "products_seq")
        @SequenceGenerator(name = "products_seq", sequenceName = "products_seq", allocationSize = 20)
        Long id;
        @Column(nullable = false)
        String name;
        @Column(precision = 10, scale = 2, nullable = false)
        BigDecimal price;
    }

    @Entity
    @Table(name = "orders", uniqueConstraints = @UniqueConstraint(name = "uk_orders_number", columnNames = "number"))
    static class Order {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        String number;
        @Enumerated(EnumType.STRING)
        @Column(nullable = false, length = 20)
        Status status;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "customer_id", nullable = false)
        @OnDelete(action = OnDeleteAction.CASCADE)
        Customer customer;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "product_id")
        Product product;
    }

    @Test
    void createsEverythingAndTakesItAllBack() {
        Scenario.Outcome outcome = Scenario.run("create-from-nothing", List.of(),
                Scenario.classes(Customer.class, Product.class, Order.class));

        List<String> kinds = outcome.changes().stream().map(c -> c.getClass().getSimpleName()).toList();
        assertEquals("CreateSchema", kinds.get(0), "the schema comes before anything in it");
        assertTrue(kinds.indexOf("CreateSequence") < kinds.indexOf("CreateTable"), "sequences before tables");
        assertTrue(kinds.lastIndexOf("CreateTable") < kinds.indexOf("AddConstraint"), "tables before their foreign keys");
        assertTrue(dev.autogen.change.StepNotes.of(outcome.changes()).stream().noneMatch(step -> step.hazard().isPresent()),
                "creating loses nothing, and its constraints find no rows to fail on");
        assertTrue(outcome.changes().stream().anyMatch(c -> c instanceof Change.AddConstraint a
                && a.constraint() instanceof dev.autogen.schema.ForeignKey fk && fk.onDelete().equals("CASCADE")));
    }
}
