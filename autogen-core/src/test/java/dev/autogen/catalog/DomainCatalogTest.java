package dev.autogen.catalog;

import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.testing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Domains: created before the tables that use them, changed in place, re-created on a new base type. */
class DomainCatalogTest {

    private static final String PRICE = "CREATE DOMAIN price AS numeric(10,2) DEFAULT 0 NOT NULL "
            + "CONSTRAINT price_positive CHECK (VALUE >= 0)";
    private static final String ITEMS = "CREATE TABLE items (id bigint PRIMARY KEY, price price, history price[])";

    private static List<Class<?>> kinds(Scenario.Outcome outcome) {
        return outcome.changes().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void createdAndDroppedAroundTheirTables() {
        Scenario.Outcome outcome = Scenario.named("domain-created").afterDdl(PRICE, ITEMS).run();
        assertEquals(List.of(Change.CreateDomain.class, Change.CreateTable.class), kinds(outcome));
    }

    @Test
    void rulesChangedInPlace() {
        Scenario.Outcome outcome = Scenario.named("domain-rules-changed")
                .beforeDdl(PRICE, ITEMS)
                .afterDdl("CREATE DOMAIN price AS numeric(10,2) DEFAULT 1 "
                        + "CONSTRAINT price_positive CHECK (VALUE > 0) CONSTRAINT price_cap CHECK (VALUE < 1000000)", ITEMS)
                .rows("INSERT INTO items VALUES (1, 5, '{1,2}')")
                .run();
        assertEquals(List.of(Change.AlterDomain.class), kinds(outcome));
        assertEquals(Hazard.Kind.FAILS_ON_EXISTING_ROWS, outcome.changes().get(0).hazard().orElseThrow().kind());
    }

    @Test
    void aNewBaseTypeRecreatesTheDomainAndCastsItsColumns() {
        Scenario.named("domain-base-type-changed")
                .beforeDdl(PRICE, ITEMS)
                .afterDdl("CREATE DOMAIN price AS numeric(12,2) DEFAULT 0 NOT NULL CONSTRAINT price_positive CHECK (VALUE >= 0)", ITEMS)
                .rows("INSERT INTO items VALUES (1, 5.25, '{1.5}')")
                .run();
    }

    @Test
    void aDomainOverAnEnumType() {
        Scenario.named("domain-over-enum").afterDdl("CREATE TYPE size AS ENUM ('S', 'M', 'L')",
                "CREATE DOMAIN shirt_size AS size NOT NULL DEFAULT 'M'", "CREATE TABLE shirts (id int PRIMARY KEY, size shirt_size)").run();
    }
}
