package dev.autogen.schema;

import java.util.List;
import java.util.Map;

/**
 * Expressions as the target's author wrote them (Hibernate's {@code status in ('BOOKED','DONE')}),
 * where PostgreSQL prints them otherwise. Never compared: the diff compares PostgreSQL's print of
 * both sides, and the changes it finds are then written with this text, so that the database a
 * migration builds stores what the author's own DDL would have stored.
 *
 * @param checks    check constraint texts by table, then constraint name
 * @param defaults  column default texts
 * @param generated generation expressions of stored generated columns
 */
public record WrittenText(Map<QualifiedName, Map<String, String>> checks, Map<ColumnRef, String> defaults,
                          Map<ColumnRef, String> generated) implements java.io.Serializable {

    public static final WrittenText NONE = new WrittenText(Map.of(), Map.of(), Map.of());

    public WrittenText {
        checks = Map.copyOf(checks);
        defaults = Map.copyOf(defaults);
        generated = Map.copyOf(generated);
    }

    /**
     * What an author wrote for one table, before it is known which catalog object each text became.
     *
     * @param checks    check constraint texts, of the table and of its columns
     * @param defaults  default texts by column name
     * @param generated generation expressions by column name
     */
    public record Candidates(List<String> checks, Map<String, String> defaults, Map<String, String> generated)
            implements java.io.Serializable {
        public Candidates {
            checks = List.copyOf(checks);
            defaults = Map.copyOf(defaults);
            generated = Map.copyOf(generated);
        }
    }

    public String check(QualifiedName table, String constraint) {
        return checks.getOrDefault(table, Map.of()).get(constraint);
    }
}
