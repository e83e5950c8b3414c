package dev.autogen.goals.rejected;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

import java.util.List;

@Entity
public class Broken {
    @Id
    Long id;
    @OneToMany(mappedBy = "nope")
    List<Broken> children;
}
