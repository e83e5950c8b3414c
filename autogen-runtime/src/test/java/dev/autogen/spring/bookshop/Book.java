package dev.autogen.spring.bookshop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "books")
public class Book {

    @Id
    private Long id;

    @Column(length = 200)
    private String title;

    /** Added by the second migration: Hibernate's schema validation fails while it is missing. */
    @Column(length = 13)
    private String isbn;
}
