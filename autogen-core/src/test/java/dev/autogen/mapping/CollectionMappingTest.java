package dev.autogen.mapping;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collections of values: each in a table of its own that Hibernate names and keys. */
class CollectionMappingTest {

    @Embeddable
    static class Phone {
        @Column(length = 10, nullable = false)
        String kind;
        @Column(length = 30)
        String number;
    }

    @Entity(name = "Contact")
    @Table(name = "contacts")
    static class Contact {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;

        @ElementCollection
        Set<String> nicknames = new HashSet<>();

        @ElementCollection
        @CollectionTable(name = "contact_tags", joinColumns = @JoinColumn(name = "contact_id"))
        @Column(name = "tag", length = 50)
        Set<String> tags = new HashSet<>();

        @ElementCollection
        @CollectionTable(name = "contact_notes")
        @OrderColumn(name = "position")
        List<String> notes = new ArrayList<>();

        @ElementCollection
        @CollectionTable(name = "contact_phones")
        List<Phone> phones = new ArrayList<>();

        @ElementCollection
        @CollectionTable(name = "contact_ratings")
        @MapKeyColumn(name = "category", length = 40)
        @Column(name = "stars")
        Map<String, Integer> ratings = new HashMap<>();

        @ElementCollection
        @CollectionTable(name = "contact_phone_book")
        @MapKeyColumn(name = "label")
        Map<String, Phone> phoneBook = new HashMap<>();
    }

    @Test
    void elementCollections() {
        MappingOracle.Outcome outcome = MappingOracle.check("element-collections", Contact.class);
        assertTrue(outcome.source().contains("op.createTable(\"public\", \"contact_notes\""), outcome.source());
        assertTrue(outcome.source().contains("column(\"position\", \"integer\").notNull()"), outcome.source());
        assertTrue(outcome.source().contains("column(\"category\", \"character varying(40)\").notNull()"), outcome.source());
    }
}
