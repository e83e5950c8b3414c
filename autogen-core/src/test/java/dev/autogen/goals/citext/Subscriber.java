package dev.autogen.goals.citext;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A column of an extension's type: citext compares e-mail addresses without regard to case. */
@Entity
@Table(name = "subscribers")
public class Subscriber {
    @Id
    Long id;

    @Column(columnDefinition = "citext", nullable = false, unique = true)
    String email;
}
