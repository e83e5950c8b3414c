package dev.autogen.mapping;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Associations: the foreign keys and join tables Hibernate writes for them. */
class AssociationMappingTest {

    @Entity(name = "Author")
    @Table(name = "authors")
    static class Author {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String name;
        @ManyToMany(mappedBy = "authors")
        Set<Book> books = new HashSet<>();
        @OneToOne(mappedBy = "author")
        Biography biography;
    }

    @Entity(name = "Publisher")
    @Table(name = "publishers")
    static class Publisher {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String name;
        @OneToMany(mappedBy = "publisher")
        Set<Book> books = new HashSet<>();
    }

    @Entity(name = "Book")
    @Table(name = "books")
    static class Book {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String title;
        @ManyToMany
        @JoinTable(name = "book_authors",
                joinColumns = @JoinColumn(name = "book_id"),
                inverseJoinColumns = @JoinColumn(name = "author_id"))
        Set<Author> authors = new HashSet<>();
        @ManyToMany
        Set<Genre> genres = new HashSet<>();
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "publisher_id")
        Publisher publisher;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "translator_id")
        Author translator;
    }

    @Entity(name = "Genre")
    @Table(name = "genres")
    static class Genre {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String name;
    }

    @Entity(name = "Biography")
    @Table(name = "biographies")
    static class Biography {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        String text;
        @OneToOne(optional = false)
        @JoinColumn(name = "author_id")
        Author author;
    }

    @Test
    void joinTablesForeignKeysAndOneToOneBothSides() {
        MappingOracle.Outcome outcome = MappingOracle.check("associations",
                Author.class, Publisher.class, Book.class, Genre.class, Biography.class);
        String source = outcome.source();
        assertTrue(source.contains("op.createTable(\"public\", \"book_authors\""), source);
        assertTrue(source.contains("op.createTable(\"public\", \"books_genres\""), source);
        assertTrue(source.contains("column(\"publisher_id\", \"bigint\").notNull()"), source);
        assertTrue(source.contains("column(\"translator_id\", \"bigint\"),"), source);
        assertTrue(source.contains("unique(\"biographies_author_id_key\", \"author_id\")"), source);
    }
}
