package dev.autogen.scenario;

import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.testing.Scenario;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Columns added, dropped and altered on a table that already exists. */
class ColumnScenariosTest {

    @Entity
    @Table(name = "books")
    static class Book {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        String title;
        @Column(nullable = false)
        int pages;
    }

    @Entity
    @Table(name = "books")
    static class BookWithIsbn {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        String title;
        @Column(nullable = false)
        int pages;
        @Column(length = 13)
        String isbn;
    }

    @Entity
    @Table(name = "books")
    static class BookWithStock {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        String title;
        @Column(nullable = false)
        int pages;
        @Column(nullable = false)
        int stock;
    }

    @Entity
    @Table(name = "books")
    static class BookWithDefaultedStock {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        String title;
        @Column(nullable = false)
        int pages;
        @Column(nullable = false)
        @ColumnDefault("0")
        int stock;
    }

    @Entity
    @Table(name = "books")
    static class BookWithoutPages {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        String title;
    }

    @Entity
    @Table(name = "books")
    static class BookWithLongTitle {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 255)
        String title;
        @Column(nullable = false)
        long pages;
    }

    @Entity
    @Table(name = "books")
    static class BookWithShortTitle {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 40)
        String title;
        @Column(nullable = false)
        int pages;
    }

    @Entity
    @Table(name = "books")
    static class BookWithTextPages {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        String title;
        @Column(nullable = false)
        String pages;
    }

    @Entity
    @Table(name = "books")
    static class BookWithRequiredTitleOptionalPages {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100, nullable = false)
        String title;
        Integer pages;
    }

    @Entity
    @Table(name = "books")
    static class BookWithDefaults {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        @ColumnDefault("'untitled'")
        String title;
        @Column(nullable = false)
        @ColumnDefault("1")
        int pages;
    }

    @Entity
    @Table(name = "books")
    static class BookWithOtherDefaults {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(length = 100)
        String title;
        @Column(nullable = false)
        @ColumnDefault("10")
        int pages;
    }

    private static List<Hazard.Kind> hazards(Scenario.Outcome outcome) {
        return outcome.changes().stream().flatMap(c -> c.hazard().stream()).map(Hazard::kind).toList();
    }

    @Test
    void addNullableColumn() {
        Scenario.Outcome outcome = Scenario.run("add-nullable-column", Scenario.classes(Book.class), Scenario.classes(BookWithIsbn.class));
        assertEquals(1, outcome.changes().size());
        assertEquals(List.of(), hazards(outcome));
    }

    @Test
    void addNotNullColumnWithoutDefaultIsMarked() {
        Scenario.Outcome outcome = Scenario.run("add-not-null-column", Scenario.classes(Book.class), Scenario.classes(BookWithStock.class));
        assertEquals(List.of(Hazard.Kind.FAILS_ON_EXISTING_ROWS), hazards(outcome));
    }

    @Test
    void addNotNullColumnWithDefaultIsSafe() {
        Scenario.Outcome outcome = Scenario.run("add-not-null-column-with-default", Scenario.classes(Book.class),
                Scenario.classes(BookWithDefaultedStock.class));
        assertEquals(List.of(), hazards(outcome));
    }

    @Test
    void dropColumnLosesData() {
        Scenario.Outcome outcome = Scenario.run("drop-column", Scenario.classes(Book.class), Scenario.classes(BookWithoutPages.class));
        assertEquals(List.of(Hazard.Kind.DATA_LOSS), hazards(outcome));
    }

    @Test
    void wideningTypesIsSafe() {
        Scenario.Outcome outcome = Scenario.run("widen-types", Scenario.classes(Book.class), Scenario.classes(BookWithLongTitle.class));
        assertEquals(2, outcome.changes().size());
        assertEquals(List.of(), hazards(outcome));
    }

    @Test
    void narrowingTypeIsMarked() {
        Scenario.Outcome outcome = Scenario.run("narrow-type", Scenario.classes(Book.class), Scenario.classes(BookWithShortTitle.class));
        assertEquals(List.of(Hazard.Kind.MAY_LOSE_DATA), hazards(outcome));
    }

    @Test
    void convertingTypeCastsAndIsMarked() {
        Scenario.Outcome outcome = Scenario.run("convert-type", Scenario.classes(Book.class), Scenario.classes(BookWithTextPages.class));
        assertEquals(List.of(Change.AlterColumnType.class), outcome.changes().stream().map(Object::getClass).toList());
        // a conversion between type families is marked: a cast can fail, and the table is rewritten
        assertEquals(List.of(Hazard.Kind.MAY_LOSE_DATA), hazards(outcome));
    }

    @Test
    void nullabilityChangesBothWays() {
        Scenario.Outcome outcome = Scenario.run("nullability", Scenario.classes(Book.class),
                Scenario.classes(BookWithRequiredTitleOptionalPages.class));
        assertEquals(List.of(Hazard.Kind.FAILS_ON_EXISTING_ROWS), hazards(outcome));
    }

    @Test
    void defaultsAddedChangedAndDropped() {
        Scenario.run("add-defaults", Scenario.classes(Book.class), Scenario.classes(BookWithDefaults.class));
        Scenario.Outcome outcome = Scenario.run("change-and-drop-defaults", Scenario.classes(BookWithDefaults.class),
                Scenario.classes(BookWithOtherDefaults.class));
        assertEquals(2, outcome.changes().size());
    }
}
