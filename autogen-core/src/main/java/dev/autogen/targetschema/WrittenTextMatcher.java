package dev.autogen.targetschema;

import dev.autogen.change.Change;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Table;
import dev.autogen.schema.WrittenText;
import dev.autogen.schema.WrittenText.Candidates;
import dev.autogen.introspect.Introspector;
import dev.autogen.sql.PostgresSql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which catalog object each text an author wrote became, by letting PostgreSQL decide: on
 * the database the author's DDL built, every text is applied once more inside a transaction that
 * is rolled back, and a text belongs to the check, default or generation expression that
 * PostgreSQL prints exactly as it prints that text. A text that matches nothing is left out, and
 * the object is written as PostgreSQL prints it.
 */
public final class WrittenTextMatcher {

    private static final String PROBE = "autogen_written_";

    private WrittenTextMatcher() {
    }

    /** @param built the schema read from {@code connection} right after the author's DDL ran */
    public static WrittenText match(Connection connection, Schema built, Map<QualifiedName, Candidates> candidates)
            throws SQLException {
        if (candidates.isEmpty()) {
            return WrittenText.NONE;
        }
        Map<String, String> probes = new LinkedHashMap<>();
        Map<String, QualifiedName> probeTables = new HashMap<>();
        Map<ColumnRef, String> defaults = new HashMap<>();
        Map<ColumnRef, String> generated = new HashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            // every text, applied as what it should have become; a probe PostgreSQL refuses is left out
            List<Probe> planned = new ArrayList<>();
            for (var entry : candidates.entrySet()) {
                Table table = built.tables().get(entry.getKey());
                if (table == null) {
                    continue;
                }
                QualifiedName name = table.name();
                for (String text : entry.getValue().checks()) {
                    String probe = PROBE + planned.size();
                    planned.add(new Probe(new Change.AddConstraint(name, new CheckConstraint(probe, text)), () -> {
                        probes.put(probe, text);
                        probeTables.put(probe, name);
                    }));
                }
                entry.getValue().defaults().forEach((column, text) -> table.column(column)
                        .filter(c -> c.defaultValue() != null)
                        .ifPresent(c -> planned.add(new Probe(new Change.AlterColumnDefault(name, column, c.defaultValue(), text),
                                () -> defaults.put(new ColumnRef(name, column), text)))));
                entry.getValue().generated().forEach((column, text) -> table.column(column)
                        .filter(c -> c.generatedAlwaysAs() != null)
                        .ifPresent(c -> planned.add(new Probe(new Change.AlterColumnGenerated(name, c, c.generatedAlwaysAs(text)),
                                () -> generated.put(new ColumnRef(name, column), text)))));
            }
            // all at once, in one batch, which PostgreSQL takes whole when every text applies (the rule); else one by one
            if (applyAll(connection, planned)) {
                planned.forEach(probe -> probe.applied().run());
            } else {
                for (Probe probe : planned) {
                    if (apply(connection, probe.change())) {
                        probe.applied().run();
                    }
                }
            }
            Schema probed = new Introspector(n -> false).read(connection, built.schemaNames());
            return matches(built, probed, probes, probeTables, defaults, generated);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static WrittenText matches(Schema built, Schema probed, Map<String, String> probes,
                                       Map<String, QualifiedName> probeTables, Map<ColumnRef, String> defaults,
                                       Map<ColumnRef, String> generated) {
        Map<QualifiedName, Map<String, String>> checks = new HashMap<>();
        probes.forEach((probe, text) -> {
            QualifiedName name = probeTables.get(probe);
            Optional<String> printed = probed.tables().get(name).checks().stream()
                    .filter(c -> c.name().equals(probe)).map(CheckConstraint::expression).findFirst();
            Map<String, String> found = checks.computeIfAbsent(name, n -> new HashMap<>());
            built.tables().get(name).checks().stream()
                    .filter(c -> printed.isPresent() && c.expression().equals(printed.get()) && !found.containsKey(c.name()))
                    .findFirst().ifPresent(c -> found.put(c.name(), text));
        });
        defaults.keySet().removeIf(ref -> !same(built, probed, ref, Column::defaultValue));
        generated.keySet().removeIf(ref -> !same(built, probed, ref, Column::generatedAlwaysAs));
        return new WrittenText(checks, defaults, generated);
    }

    private static boolean same(Schema built, Schema probed, ColumnRef ref, java.util.function.Function<Column, String> part) {
        String printed = built.tables().get(ref.table()).column(ref.column()).map(part).orElse(null);
        return printed != null && printed.equals(probed.tables().get(ref.table()).column(ref.column()).map(part).orElse(null));
    }

    /** A text applied once more as {@code change}, and what is kept of it when PostgreSQL takes it. */
    private record Probe(Change change, Runnable applied) {
    }

    /** Applies every probe in one JDBC batch (one round trip); true when PostgreSQL took them all, else none is left. */
    private static boolean applyAll(Connection connection, List<Probe> probes) {
        return applied(connection, probes.stream().flatMap(probe -> PostgresSql.statements(probe.change()).stream()).toList());
    }

    private static boolean apply(Connection connection, Change change) {
        return applied(connection, PostgresSql.statements(change));
    }

    /** Runs {@code statements} under a savepoint, in one batch: true when PostgreSQL took them all, else none is left. */
    private static boolean applied(Connection connection, List<String> statements) {
        try {
            Savepoint savepoint = connection.setSavepoint();
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.addBatch(sql);
                }
                statement.executeBatch();
                connection.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                connection.rollback(savepoint);
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back a probe of written text: " + e.getMessage(), e);
        }
    }
}
