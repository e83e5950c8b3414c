package dev.autogen.command;

import dev.autogen.change.Change;
import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.WrittenText.Candidates;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.RevisionGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expressions the existing migrations wrote (checks, defaults, generation expressions), by the
 * table they wrote them for: candidates for the current side's own text, so that a step taking one
 * of its objects away is undone, in the downgrade, with the text that made it rather than with
 * PostgreSQL's print of it (which PostgreSQL may store differently).
 */
final class MigrationText {

    private final Map<QualifiedName, List<String>> checks = new LinkedHashMap<>();
    private final Map<QualifiedName, Map<String, String>> defaults = new HashMap<>();
    private final Map<QualifiedName, Map<String, String>> generated = new HashMap<>();

    private MigrationText() {
    }

    static Map<QualifiedName, Candidates> of(RevisionGraph graph, MigrationRunner runner) {
        MigrationText text = new MigrationText();
        for (MigrationFile file : graph.ordered()) {
            runner.changes(file, MigrationRunner.Direction.UPGRADE).forEach(text::add);
        }
        Map<QualifiedName, Candidates> result = new LinkedHashMap<>();
        java.util.Set<QualifiedName> tables = new java.util.LinkedHashSet<>(text.checks.keySet());
        tables.addAll(text.defaults.keySet());
        tables.addAll(text.generated.keySet());
        for (QualifiedName table : tables) {
            result.put(table, new Candidates(text.checks.getOrDefault(table, List.of()),
                    text.defaults.getOrDefault(table, Map.of()), text.generated.getOrDefault(table, Map.of())));
        }
        return result;
    }

    private void add(Change change) {
        if (change instanceof Change.CreateTable c) {
            c.table().checks().forEach(check -> check(c.table().name(), check.expression()));
            c.table().columns().forEach(column -> column(c.table().name(), column));
        } else if (change instanceof Change.AddColumn c) {
            column(c.table(), c.column());
        } else if (change instanceof Change.AddConstraint c && c.constraint() instanceof CheckConstraint check) {
            check(c.table(), check.expression());
        } else if (change instanceof Change.AlterColumnDefault c && c.to() != null) {
            defaults.computeIfAbsent(c.table(), t -> new HashMap<>()).put(c.column(), c.to());
        } else if (change instanceof Change.AlterColumnGenerated c) {
            column(c.table(), c.to());
        }
    }

    private void check(QualifiedName table, String text) {
        checks.computeIfAbsent(table, t -> new ArrayList<>()).add(text);
    }

    private void column(QualifiedName table, Column column) {
        if (column.defaultValue() != null) {
            defaults.computeIfAbsent(table, t -> new HashMap<>()).put(column.name(), column.defaultValue());
        }
        if (column.generatedAlwaysAs() != null) {
            generated.computeIfAbsent(table, t -> new HashMap<>()).put(column.name(), column.generatedAlwaysAs());
        }
    }
}
