package dev.autogen.goals.extra;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "labels")
public class Label {
    @Id
    Long id;
    String text;
}
