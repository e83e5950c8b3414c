package dev.autogen.goals.uuidossp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;

import java.util.UUID;

/** A default that calls an extension's function. */
@Entity
@Table(name = "tokens")
public class Token {
    @Id
    Long id;

    @ColumnDefault("uuid_generate_v4()")
    @Column(nullable = false)
    UUID value;
}
