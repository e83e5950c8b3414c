package dev.autogen.goals.review.before;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "books")
public class Book {
    @Id
    Long id;
    @Column(length = 100)
    String title;
    Integer pages;
    @Column(name = "author_id")
    Long authorId;
}
