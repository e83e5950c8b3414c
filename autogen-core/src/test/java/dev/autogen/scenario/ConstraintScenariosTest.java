package dev.autogen.scenario;

import dev.autogen.change.Change;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.ForeignKey;
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
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Foreign keys, unique and check constraints, indexes: added, dropped and changed. */
class ConstraintScenariosTest {

    enum Rating { GOOD, BAD }

    enum RatingWithNeutral { GOOD, NEUTRAL, BAD }

    @Entity
    @Table(name = "authors")
    static class Author {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String name;
    }

    @Entity
    @Table(name = "reviews")
    static class Review {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(name = "author_id")
        Long authorId;
        String code;
        int stars;
        @Enumerated(EnumType.STRING)
        @Column(length = 10)
        Rating rating;
    }

    @Entity
    @Table(name = "reviews")
    static class ReviewWithAuthor {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "author_id")
        Author author;
        String code;
        int stars;
        @Enumerated(EnumType.STRING)
        @Column(length = 10)
        Rating rating;
    }

    @Entity
    @Table(name = "reviews")
    static class ReviewWithCascadingAuthor {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "author_id")
        @OnDelete(action = OnDeleteAction.CASCADE)
        Author author;
        String code;
        int stars;
        @Enumerated(EnumType.STRING)
        @Column(length = 10)
        Rating rating;
    }

    @Entity
    @Table(name = "reviews",
            uniqueConstraints = @UniqueConstraint(name = "uk_reviews_author_code", columnNames = {"author_id", "code"}),
            indexes = {@Index(name = "idx_reviews_code", columnList = "code"),
                    @Index(name = "idx_reviews_author_stars", columnList = "author_id, stars desc")})
    @Check(name = "reviews_stars_range", constraints = "stars between 1 and 5")
    static class ReviewWithRules {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(name = "author_id")
        Long authorId;
        String code;
        int stars;
        @Enumerated(EnumType.STRING)
        @Column(length = 10)
        Rating rating;
    }

    @Entity
    @Table(name = "reviews")
    static class ReviewWithNeutral {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(name = "author_id")
        Long authorId;
        String code;
        int stars;
        @Enumerated(EnumType.STRING)
        @Column(length = 10)
        RatingWithNeutral rating;
    }

    @Test
    void addForeignKeyAfterTheTableItPointsAt() {
        Scenario.Outcome outcome = Scenario.run("add-foreign-key", Scenario.classes(Review.class),
                Scenario.classes(Author.class, ReviewWithAuthor.class));
        assertInstanceOf(Change.CreateTable.class, outcome.changes().get(0));
        assertInstanceOf(Change.AddConstraint.class, outcome.changes().get(outcome.changes().size() - 1));
    }

    @Test
    void dropForeignKeyBeforeTheTableItPointsAt() {
        Scenario.Outcome outcome = Scenario.run("drop-foreign-key-and-table", Scenario.classes(Author.class, ReviewWithAuthor.class),
                Scenario.classes(Review.class));
        assertInstanceOf(Change.DropConstraint.class, outcome.changes().get(0));
        assertInstanceOf(Change.DropTable.class, outcome.changes().get(outcome.changes().size() - 1));
    }

    @Test
    void changedOnDeleteActionReplacesTheForeignKey() {
        Scenario.Outcome outcome = Scenario.run("change-on-delete", Scenario.classes(Author.class, ReviewWithAuthor.class),
                Scenario.classes(Author.class, ReviewWithCascadingAuthor.class));
        assertEquals(2, outcome.changes().size());
        Change.AddConstraint added = (Change.AddConstraint) outcome.changes().get(1);
        assertEquals("CASCADE", ((ForeignKey) added.constraint()).onDelete());
        assertTrue(added.describe().endsWith(" on public.reviews: actions on update no action on delete no action"
                + " -> on update no action on delete cascade"), added.describe());
    }

    @Test
    void addUniqueCheckAndIndexes() {
        Scenario.Outcome outcome = Scenario.run("add-unique-check-and-indexes", Scenario.classes(Review.class),
                Scenario.classes(ReviewWithRules.class));
        assertEquals(4, outcome.changes().size());
        assertTrue(outcome.source().contains("\"stars DESC\""), "index column order and direction are kept");
    }

    @Test
    void dropUniqueCheckAndIndexes() {
        Scenario.Outcome outcome = Scenario.run("drop-unique-check-and-indexes", Scenario.classes(ReviewWithRules.class),
                Scenario.classes(Review.class));
        assertEquals(4, outcome.changes().size());
    }

    @Test
    void enumGainingAValueReplacesItsCheck() {
        Scenario.Outcome outcome = Scenario.run("enum-gains-value", Scenario.classes(Review.class),
                Scenario.classes(ReviewWithNeutral.class));
        assertEquals(2, outcome.changes().size());
        CheckConstraint added = (CheckConstraint) ((Change.AddConstraint) outcome.changes().get(1)).constraint();
        assertTrue(added.expression().contains("'NEUTRAL'"), added.expression());
    }
}
