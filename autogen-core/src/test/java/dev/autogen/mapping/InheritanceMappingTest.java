package dev.autogen.mapping;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorType;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The four ways to map a class hierarchy, each as Hibernate's export creates it. */
class InheritanceMappingTest {

    @Entity(name = "Vehicle")
    @Table(name = "vehicles")
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    @DiscriminatorColumn(name = "kind", discriminatorType = DiscriminatorType.STRING, length = 20)
    abstract static class Vehicle {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        String plate;
    }

    @Entity(name = "Car")
    @DiscriminatorValue("CAR")
    static class Car extends Vehicle {
        int seats;
    }

    @Entity(name = "Truck")
    @DiscriminatorValue("TRUCK")
    static class Truck extends Vehicle {
        BigDecimal payloadTons;
    }

    @Test
    void singleTableWithDiscriminator() {
        MappingOracle.Outcome outcome = MappingOracle.check("single-table", Vehicle.class, Car.class, Truck.class);
        assertTrue(outcome.source().contains("column(\"kind\", \"character varying(20)\").notNull()"), outcome.source());
    }

    @Entity(name = "Payment")
    @Table(name = "payments")
    @Inheritance(strategy = InheritanceType.JOINED)
    static class Payment {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE)
        Long id;
        BigDecimal amount;
    }

    @Entity(name = "CardPayment")
    @Table(name = "card_payments")
    @PrimaryKeyJoinColumn(name = "payment_id")
    static class CardPayment extends Payment {
        String cardNumber;
    }

    @Entity(name = "BankPayment")
    @Table(name = "bank_payments")
    static class BankPayment extends Payment {
        String iban;
    }

    @Test
    void joined() {
        MappingOracle.Outcome outcome = MappingOracle.check("joined", Payment.class, CardPayment.class, BankPayment.class);
        assertTrue(outcome.source().contains("columns(\"payment_id\"), \"public\", \"payments\", columns(\"id\")"), outcome.source());
    }

    @Entity(name = "Shape")
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    abstract static class Shape {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE)
        Long id;
        String color;
    }

    @Entity(name = "Circle")
    @Table(name = "circles")
    static class Circle extends Shape {
        double radius;
    }

    @Entity(name = "Square")
    @Table(name = "squares")
    static class Square extends Shape {
        double side;
    }

    @MappedSuperclass
    abstract static class Audited {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        Instant createdAt;
        @Version
        long version;
    }

    @Entity(name = "Article")
    @Table(name = "articles")
    static class Article extends Audited {
        String title;
    }

    @Test
    void tablePerClassAndMappedSuperclass() {
        MappingOracle.check("table-per-class-and-mapped-superclass", Shape.class, Circle.class, Square.class, Article.class);
    }
}
