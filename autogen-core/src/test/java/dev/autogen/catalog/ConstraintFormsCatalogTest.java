package dev.autogen.catalog;

import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.testing.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keys, foreign keys, checks and index forms, with their PostgreSQL-specific options. */
class ConstraintFormsCatalogTest {

    private static List<Class<?>> kinds(Scenario.Outcome outcome) {
        return outcome.changes().stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void indexForms() {
        Scenario.named("index-forms")
                .beforeDdl("CREATE TABLE t (id bigint PRIMARY KEY, a text, b int, c timestamptz, d jsonb, e inet, f text)")
                .afterDdl("CREATE TABLE t (id bigint PRIMARY KEY, a text, b int, c timestamptz, d jsonb, e inet, f text)",
                        "CREATE INDEX t_lower_a ON t (lower(a))",
                        "CREATE INDEX t_partial ON t (b) WHERE b > 10 AND a IS NOT NULL",
                        "CREATE INDEX t_include ON t (b) INCLUDE (a, c)",
                        "CREATE INDEX t_order ON t (b DESC NULLS LAST, c NULLS FIRST, a DESC)",
                        "CREATE INDEX t_hash ON t USING hash (a)",
                        "CREATE INDEX t_gin ON t USING gin (d jsonb_path_ops)",
                        "CREATE INDEX t_gist ON t USING gist (e inet_ops)",
                        "CREATE INDEX t_brin ON t USING brin (c)",
                        "CREATE INDEX t_pattern ON t (f text_pattern_ops)",
                        "CREATE UNIQUE INDEX t_unique_nulls ON t (a, b) NULLS NOT DISTINCT",
                        "CREATE UNIQUE INDEX t_unique_expr ON t (lower(f)) WHERE f <> ''")
                .rows("INSERT INTO t VALUES (1, 'A', 20, now(), '{}', '10.0.0.1', 'x')")
                .run();
    }

    @Test
    void anIndexChangesWhenOnlyItsOrderOrOptionsChange() {
        Scenario.Outcome outcome = Scenario.named("index-direction-changed")
                .beforeDdl("CREATE TABLE t (a int, b int)", "CREATE INDEX t_ab ON t (a, b)")
                .afterDdl("CREATE TABLE t (a int, b int)", "CREATE INDEX t_ab ON t (a, b DESC)")
                .run();
        assertEquals(List.of(Change.DropIndex.class, Change.CreateIndex.class), kinds(outcome));
    }

    @Test
    void uniqueConstraintNullsNotDistinct() {
        Scenario.named("unique-nulls-not-distinct")
                .beforeDdl("CREATE TABLE t (a int, b int)")
                .afterDdl("CREATE TABLE t (a int, b int, CONSTRAINT t_ab_key UNIQUE NULLS NOT DISTINCT (a, b))").run();
    }

    @Test
    void aUniqueConstraintAndAUniqueIndexOnTheSameColumnsAreNotSwapped() {
        Scenario.Outcome outcome = Scenario.named("unique-index-to-constraint")
                .beforeDdl("CREATE TABLE t (a int)", "CREATE UNIQUE INDEX t_a_idx ON t (a)")
                .afterDdl("CREATE TABLE t (a int, CONSTRAINT t_a_key UNIQUE (a))")
                .run();
        assertEquals(List.of(Change.DropIndex.class, Change.AddConstraint.class), kinds(outcome));
    }

    @Test
    void foreignKeyForms() {
        Scenario.named("foreign-key-forms")
                .beforeDdl("CREATE SCHEMA ref", "CREATE TABLE ref.countries (code char(2) PRIMARY KEY)")
                .afterDdl("CREATE SCHEMA ref", "CREATE TABLE ref.countries (code char(2) PRIMARY KEY)",
                        "CREATE TABLE regions (country char(2), code int, parent_country char(2), parent_code int, "
                                + "PRIMARY KEY (country, code), "
                                + "CONSTRAINT regions_country_fk FOREIGN KEY (country) REFERENCES ref.countries (code) ON UPDATE CASCADE ON DELETE RESTRICT, "
                                + "CONSTRAINT regions_parent_fk FOREIGN KEY (parent_country, parent_code) REFERENCES regions (country, code) "
                                + "ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED)",
                        "CREATE TABLE a (id int PRIMARY KEY, b_id int)",
                        "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id) DEFERRABLE)",
                        "ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b (id) ON DELETE SET DEFAULT")
                .rows("INSERT INTO ref.countries VALUES ('NL')")
                .run();
    }

    @Test
    void restrictAndNoActionAreToldApart() {
        Scenario.Outcome outcome = Scenario.named("restrict-versus-no-action")
                .beforeDdl("CREATE TABLE p (id int PRIMARY KEY)", "CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p (id))")
                .afterDdl("CREATE TABLE p (id int PRIMARY KEY)",
                        "CREATE TABLE c (p_id int CONSTRAINT c_p_fk REFERENCES p (id) ON DELETE RESTRICT)")
                .run();
        assertEquals(List.of(Change.DropConstraint.class, Change.AddConstraint.class), kinds(outcome));
    }

    @Test
    void primaryKeyAddedDroppedAndChanged() {
        Scenario.named("primary-key-added").beforeDdl("CREATE TABLE t (a int NOT NULL, b int NOT NULL)")
                .afterDdl("CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a))").run();
        Scenario.named("primary-key-changed").beforeDdl("CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a))")
                .afterDdl("CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b))")
                .rows("INSERT INTO t VALUES (1, 1), (2, 1)").run();
        Scenario.named("primary-key-dropped").beforeDdl("CREATE TABLE t (a int NOT NULL, PRIMARY KEY (a))")
                .afterDdl("CREATE TABLE t (a int NOT NULL)").run();
    }

    @Test
    void aKeyWhoseColumnsOnlyChangeOrderSaysSoAndThatItLocks() {
        Scenario.Outcome outcome = Scenario.named("primary-key-reordered")
                .beforeDdl("CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b))")
                .afterDdl("CREATE TABLE t (a int NOT NULL, b int NOT NULL, PRIMARY KEY (b, a))")
                .rows("INSERT INTO t VALUES (1, 2), (2, 1)").run();
        assertEquals(List.of("drop primary key t_pkey on public.t (a, b), added again as (b, a)",
                "primary key t_pkey on public.t: columns (a, b) -> (b, a)"),
                outcome.changes().stream().map(Change::describe).toList());
        assertEquals(Hazard.Kind.LOCKS_TABLE, outcome.changes().get(1).hazard().orElseThrow().kind());
    }

    @Test
    void aPrimaryKeyOthersPointAtChangesAfterTheirForeignKeysGo() {
        Scenario.named("referenced-primary-key-changed")
                .beforeDdl("CREATE TABLE p (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a))",
                        "CREATE TABLE c (id int, p_a int REFERENCES p (a))")
                .afterDdl("CREATE TABLE p (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b))",
                        "CREATE TABLE c (id int, p_a int, p_b int, FOREIGN KEY (p_a, p_b) REFERENCES p (a, b))")
                .run();
    }

    @Test
    void checkForms() {
        Scenario.named("check-forms")
                .beforeDdl("CREATE TABLE t (a int, b text, c date, d numeric)")
                .afterDdl("CREATE TABLE t (a int CHECK (a > 0), b text CHECK (b IN ('x', 'y')), c date, d numeric, "
                        + "CONSTRAINT t_range CHECK (c BETWEEN '2000-01-01' AND '2100-01-01'), "
                        + "CONSTRAINT t_either CHECK (a IS NOT NULL OR b IS NOT NULL), "
                        + "CONSTRAINT t_pattern CHECK (b ~ '^[a-z]+$' AND length(b) < 10), "
                        + "CONSTRAINT t_positive CHECK (d > 0::numeric AND d < 1e6))")
                .rows("INSERT INTO t VALUES (1, 'x', '2020-01-01', 5)")
                .run();
    }

    @Test
    void aChangedCheckIsReplaced() {
        Scenario.Outcome outcome = Scenario.named("check-changed")
                .beforeDdl("CREATE TABLE t (a int, CONSTRAINT t_a_check CHECK (a > 0))")
                .afterDdl("CREATE TABLE t (a int, CONSTRAINT t_a_check CHECK (a >= 0))")
                .run();
        assertEquals(List.of(Change.DropConstraint.class, Change.AddConstraint.class), kinds(outcome));
    }
}
