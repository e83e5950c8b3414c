package dev.autogen.goals.review.after;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** The books table of {@code before}, with a longer required title, more pages, an index and a foreign key. */
@Entity
@Table(name = "books", indexes = @Index(name = "idx_books_title", columnList = "title"))
public class Book {
    @Id
    Long id;
    @Column(length = 200, nullable = false)
    String title;
    Long pages;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_id")
    Author author;
}
