package dev.autogen.goals.renames.after;

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

/**
 * The books of {@code before}, whose author is now the writer, in an index, a unique key and a check, and whose
 * foreign key column is named after the renamed table.
 */
@Entity
@Table(name = "books", indexes = @Index(name = "idx_books_author", columnList = "writer"),
        uniqueConstraints = @UniqueConstraint(columnNames = {"title", "writer"}))
@Check(name = "books_author_not_blank", constraints = "length(writer) > 0")
public class Book {
    @Id
    Long id;
    @Column(length = 200)
    String title;
    @Column(length = 100)
    String writer;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "imprint_id")
    Imprint publisher;
}
