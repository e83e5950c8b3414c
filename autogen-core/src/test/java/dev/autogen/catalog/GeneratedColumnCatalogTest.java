package dev.autogen.catalog;

import dev.autogen.change.Change;
import dev.autogen.testing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stored generated columns: their expression is not a default, and it can change. */
class GeneratedColumnCatalogTest {

    private static final String PLAIN = "CREATE TABLE boxes (id bigint PRIMARY KEY, width int, height int, area int)";
    private static final String AREA = "CREATE TABLE boxes (id bigint PRIMARY KEY, width int, height int, "
            + "area int GENERATED ALWAYS AS (width * height) STORED)";

    @Test
    void expressionChangedInPlace() {
        Scenario.Outcome outcome = Scenario.named("generated-expression-changed")
                .beforeDdl(AREA)
                .afterDdl("CREATE TABLE boxes (id bigint PRIMARY KEY, width int, height int, "
                        + "area int GENERATED ALWAYS AS (width * height * 2) STORED)")
                .rows("INSERT INTO boxes (id, width, height) VALUES (1, 2, 3)")
                .run();
        assertEquals(List.of(Change.AlterColumnGenerated.class), outcome.changes().stream().map(Object::getClass).toList());
    }

    @Test
    void generatedColumnBecomesPlainKeepingItsValues() {
        Scenario.named("generated-to-plain").beforeDdl(AREA).afterDdl(PLAIN)
                .rows("INSERT INTO boxes (id, width, height) VALUES (1, 2, 3)").run();
    }

    @Test
    void plainColumnBecomesGeneratedByBeingAddedAgain() {
        Scenario.Outcome outcome = Scenario.named("plain-to-generated").beforeDdl(PLAIN).afterDdl(AREA).run();
        assertEquals(List.of(Change.AlterColumnGenerated.class), outcome.changes().stream().map(Object::getClass).toList());
        assertEquals(dev.autogen.change.Hazard.Kind.DATA_LOSS, outcome.changes().get(0).hazard().orElseThrow().kind());
    }
}
