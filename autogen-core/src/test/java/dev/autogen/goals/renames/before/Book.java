package dev.autogen.goals.renames.before;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.Check;

@Entity
@Table(name = "books", indexes = @Index(name = "idx_books_author", columnList = "author"),
        uniqueConstraints = @UniqueConstraint(columnNames = {"title", "author"}))
@Check(name = "books_author_not_blank", constraints = "length(author) > 0")
public class Book {
    @Id
    Long id;
    @Column(length = 200)
    String title;
    @Column(length = 100)
    String author;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "publisher_id")
    Publisher publisher;
}
