package dev.autogen.catalog;

import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.testing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PostgreSQL enum types: created, dropped, labels added in place, removed and reordered. */
class EnumTypeCatalogTest {

    private static final String MOOD = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')";
    private static final String PEOPLE = "CREATE TABLE people (id bigint PRIMARY KEY, mood mood NOT NULL DEFAULT 'ok', "
            + "history mood[])";
    private static final String PETS = "CREATE TABLE pets (id bigint PRIMARY KEY, mood mood)";

    // the pair Hibernate creates with each @JdbcTypeCode(SqlTypes.NAMED_ENUM) type
    private static final String[] CASTS = {"CREATE CAST (varchar AS mood) WITH INOUT AS IMPLICIT",
            "CREATE CAST (mood AS varchar) WITH INOUT AS IMPLICIT"};

    private static List<Class<?>> kinds(Scenario.Outcome outcome) {
        return outcome.changes().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void createdBeforeTheTablesThatUseIt() {
        Scenario.Outcome outcome = Scenario.named("enum-type-created").afterDdl(MOOD, PEOPLE).run();
        assertEquals(List.of(Change.CreateEnumType.class, Change.CreateTable.class), kinds(outcome));
    }

    @Test
    void droppedAfterTheTablesThatUseIt() {
        Scenario.Outcome outcome = Scenario.named("enum-type-dropped").beforeDdl(MOOD, PEOPLE).afterDdl().run();
        assertEquals(List.of(Change.DropTable.class, Change.DropEnumType.class), kinds(outcome));
    }

    @Test
    void labelsAddedInTheirPlaceKeepTheRows() {
        Scenario.Outcome outcome = Scenario.named("enum-labels-added")
                .beforeDdl(MOOD, PEOPLE, PETS)
                .afterDdl("CREATE TYPE mood AS ENUM ('awful', 'sad', 'meh', 'ok', 'happy', 'ecstatic')", PEOPLE, PETS)
                .rows("INSERT INTO people VALUES (1, 'happy', '{sad,ok}'), (2, DEFAULT, NULL)", "INSERT INTO pets VALUES (1, 'sad')")
                .run();
        assertEquals(List.of(Change.AddEnumValue.class, Change.AddEnumValue.class, Change.AddEnumValue.class), kinds(outcome));
        assertEquals(List.of("awful", "meh", "ecstatic"),
                outcome.changes().stream().map(c -> ((Change.AddEnumValue) c).value()).toList());
    }

    @Test
    void labelsReorderedRecreateTheTypeAndCastEveryColumn() {
        Scenario.Outcome outcome = Scenario.named("enum-labels-reordered")
                .beforeDdl(MOOD, PEOPLE, PETS)
                .afterDdl("CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad')", PEOPLE, PETS)
                .rows("INSERT INTO people VALUES (1, 'happy', '{sad,ok}'), (2, DEFAULT, NULL)", "INSERT INTO pets VALUES (1, 'sad')")
                .run();
        Change.ReplaceEnumType replace = (Change.ReplaceEnumType) outcome.changes().get(0);
        assertEquals(3, replace.usages().size(), "people.mood, people.history and pets.mood");
        assertEquals(List.of(), outcome.changes().stream().flatMap(c -> c.hazard().stream()).toList());
    }

    @Test
    void aRemovedLabelIsMarked() {
        Scenario.Outcome outcome = Scenario.named("enum-label-removed")
                .beforeDdl(MOOD, PETS)
                .afterDdl("CREATE TYPE mood AS ENUM ('sad', 'happy')", PETS)
                .rows("INSERT INTO pets VALUES (1, 'sad')")
                .run();
        assertEquals(Hazard.Kind.FAILS_ON_EXISTING_ROWS, outcome.changes().get(0).hazard().orElseThrow().kind());
    }

    @Test
    void aTypeInAnotherSchemaUsedFromPublic() {
        Scenario.named("enum-type-other-schema")
                .afterDdl("CREATE SCHEMA ref", "CREATE TYPE ref.size AS ENUM ('S', 'M', 'L')",
                        "CREATE TABLE shirts (id bigint PRIMARY KEY, size ref.size NOT NULL DEFAULT 'M')")
                .run();
    }

    @Test
    void aColumnConvertedFromTextToAnEnum() {
        Scenario.named("column-text-to-enum")
                .beforeDdl(MOOD, "CREATE TABLE pets (id bigint PRIMARY KEY, mood text)")
                .afterDdl(MOOD, PETS)
                .rows("INSERT INTO pets VALUES (1, 'sad'), (2, NULL)")
                .run();
    }

    @Test
    void castsAddedToATypeThatGainsALabel() {
        Scenario.Outcome outcome = Scenario.named("enum-casts-added")
                .beforeDdl(MOOD, PETS)
                .afterDdl("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic')", CASTS[0], CASTS[1], PETS)
                .rows("INSERT INTO pets VALUES (1, 'sad')")
                .run();
        assertEquals(List.of(Change.AddEnumValue.class, Change.CreateCast.class, Change.CreateCast.class), kinds(outcome));
    }

    @Test
    void castsFollowTheTypeWhenItIsRecreated() {
        Scenario.Outcome outcome = Scenario.named("enum-casts-recreated")
                .beforeDdl(MOOD, CASTS[0], CASTS[1], PETS)
                .afterDdl("CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad')", CASTS[0], CASTS[1], PETS)
                .rows("INSERT INTO pets VALUES (1, 'sad'), (2, NULL)")
                .run();
        Change.ReplaceEnumType replace = (Change.ReplaceEnumType) outcome.changes().get(0);
        assertEquals(2, replace.to().casts().size());
    }
}
