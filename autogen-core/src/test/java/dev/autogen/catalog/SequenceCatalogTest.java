package dev.autogen.catalog;

import dev.autogen.change.Change;
import dev.autogen.testing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sequences: options, owners, serial columns. */
class SequenceCatalogTest {

    @Test
    void serialColumnsCreateTheirSequenceAndOwnIt() {
        Scenario.Outcome outcome = Scenario.named("serial-table-created")
                .afterDdl("CREATE TABLE tickets (id serial PRIMARY KEY, code bigserial, label text)")
                .run();
        assertTrue(outcome.changes().stream().anyMatch(c -> c instanceof Change.SetSequenceOwner), outcome.changes().toString());
    }

    @Test
    void droppingASerialTableDropsItsSequences() {
        Scenario.named("serial-table-dropped")
                .beforeDdl("CREATE TABLE tickets (id serial PRIMARY KEY, label text)", "CREATE TABLE keep (id int PRIMARY KEY)")
                .afterDdl("CREATE TABLE keep (id int PRIMARY KEY)")
                .rows("INSERT INTO keep VALUES (1)")
                .run();
    }

    @Test
    void aSerialColumnAddedToATableWithRows() {
        Scenario.named("serial-column-added")
                .beforeDdl("CREATE TABLE tickets (label text)")
                .afterDdl("CREATE TABLE tickets (label text, id serial)")
                .rows("INSERT INTO tickets VALUES ('a'), ('b')")
                .run();
    }

    @Test
    void everySequenceOption() {
        Scenario.Outcome outcome = Scenario.named("sequence-options")
                .beforeDdl("CREATE SEQUENCE counter")
                .afterDdl("CREATE SEQUENCE counter AS integer INCREMENT BY 5 MINVALUE -100 MAXVALUE 1000 START WITH 20 CACHE 10 CYCLE")
                .run();
        assertEquals(List.of(Change.AlterSequence.class), outcome.changes().stream().map(Object::getClass).toList());
        assertTrue(outcome.changes().get(0).hazard().isPresent(), "a lower maximum can be below the current value");
    }

    @Test
    void descendingSequence() {
        Scenario.named("sequence-descending").afterDdl("CREATE SEQUENCE countdown INCREMENT BY -1").run();
    }

    @Test
    void ownerMovesToAnotherColumn() {
        Scenario.named("sequence-owner-moved")
                .beforeDdl("CREATE TABLE a (id bigint)", "CREATE TABLE b (id bigint)", "CREATE SEQUENCE s OWNED BY a.id")
                .afterDdl("CREATE TABLE a (id bigint)", "CREATE TABLE b (id bigint)", "CREATE SEQUENCE s OWNED BY b.id")
                .run();
    }

    @Test
    void theOwningColumnIsDroppedButTheSequenceStays() {
        Scenario.named("sequence-owner-column-dropped")
                .beforeDdl("CREATE TABLE a (id bigint, old_id bigint)", "CREATE SEQUENCE s OWNED BY a.old_id")
                .afterDdl("CREATE TABLE a (id bigint)", "CREATE SEQUENCE s")
                .run();
    }
}
