package dev.autogen.scenario;

import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.testing.Scenario;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Comment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tables, schemas, sequences and comments. */
class TableScenariosTest {

    @Entity
    @Table(name = "carts")
    static class Cart {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "carts_seq")
        @SequenceGenerator(name = "carts_seq", sequenceName = "carts_seq", allocationSize = 50)
        Long id;
        String owner;
    }

    @Entity
    @Table(name = "carts")
    static class CartWithSmallerAllocation {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "carts_seq")
        @SequenceGenerator(name = "carts_seq", sequenceName = "carts_seq", allocationSize = 10, initialValue = 100)
        Long id;
        String owner;
    }

    @Entity
    @Table(name = "carts")
    @Comment("Shopping carts, one per visitor")
    static class CommentedCart {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "carts_seq")
        @SequenceGenerator(name = "carts_seq", sequenceName = "carts_seq", allocationSize = 50)
        Long id;
        @Comment("Who fills it: the login of a user, or the session id of a visitor")
        String owner;
    }

    @Entity
    @Table(name = "stock_levels", schema = "inventory")
    static class StockLevel {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        int quantity;
    }

    @Test
    void sequenceOptionsChange() {
        Scenario.Outcome outcome = Scenario.run("alter-sequence", Scenario.classes(Cart.class),
                Scenario.classes(CartWithSmallerAllocation.class));
        assertEquals(List.of(Change.AlterSequence.class), outcome.changes().stream().map(Object::getClass).toList());
    }

    @Test
    void commentsAddedAndRemoved() {
        Scenario.run("add-comments", Scenario.classes(Cart.class), Scenario.classes(CommentedCart.class));
        Scenario.Outcome outcome = Scenario.run("drop-comments", Scenario.classes(CommentedCart.class), Scenario.classes(Cart.class));
        assertEquals(2, outcome.changes().size());
    }

    @Test
    void tableInANewSchemaCreatesTheSchemaFirst() {
        Scenario.Outcome outcome = Scenario.run("table-in-new-schema", Scenario.classes(Cart.class),
                Scenario.classes(Cart.class, StockLevel.class));
        assertEquals(List.of(Change.CreateSchema.class, Change.CreateTable.class),
                outcome.changes().stream().map(Object::getClass).toList());
    }

    @Test
    void droppingTheLastTableOfASchemaDropsTheSchemaLast() {
        Scenario.Outcome outcome = Scenario.run("drop-table-and-schema", Scenario.classes(Cart.class, StockLevel.class),
                Scenario.classes(Cart.class));
        assertEquals(List.of(Change.DropTable.class, Change.DropSchema.class),
                outcome.changes().stream().map(Object::getClass).toList());
        assertEquals(Hazard.Kind.DATA_LOSS, outcome.changes().get(0).hazard().orElseThrow().kind());
    }
}
