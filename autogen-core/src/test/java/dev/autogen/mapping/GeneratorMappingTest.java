package dev.autogen.mapping;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identifier generators: identity columns, sequences with their options, a generator table, UUIDs. */
class GeneratorMappingTest {

    @Entity(name = "ByIdentity")
    @Table(name = "by_identity")
    static class ByIdentity {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
    }

    @Entity(name = "BySequence")
    @Table(name = "by_sequence")
    static class BySequence {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "by_sequence_gen")
        @SequenceGenerator(name = "by_sequence_gen", sequenceName = "by_sequence_ids", allocationSize = 25, initialValue = 1000)
        Long id;
    }

    @Entity(name = "ByDefaultSequence")
    @Table(name = "by_default_sequence")
    static class ByDefaultSequence {
        @Id
        @GeneratedValue
        Long id;
    }

    @Entity(name = "ByTable")
    @Table(name = "by_table")
    static class ByTable {
        @Id
        @GeneratedValue(strategy = GenerationType.TABLE, generator = "by_table_gen")
        @TableGenerator(name = "by_table_gen", table = "id_blocks", pkColumnName = "block", valueColumnName = "next_value",
                pkColumnValue = "by_table", allocationSize = 10)
        Long id;
    }

    @Entity(name = "ByUuid")
    @Table(name = "by_uuid")
    static class ByUuid {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        UUID id;
    }

    @Test
    void everyGenerator() {
        MappingOracle.Outcome outcome = MappingOracle.check("generators",
                ByIdentity.class, BySequence.class, ByDefaultSequence.class, ByTable.class, ByUuid.class);
        String source = outcome.source();
        assertTrue(source.contains("sequence(\"public\", \"by_sequence_ids\").incrementBy(25).startWith(1000)"), source);
        assertTrue(source.contains("op.createTable(\"public\", \"id_blocks\""), source);
        assertTrue(source.contains("generatedByDefaultAsIdentity()"), source);
    }
}
