package dev.autogen.change;

import dev.autogen.change.Change.AddColumn;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.AlterColumnType;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.schema.QualifiedName;

import java.util.ArrayList;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a reviewer must know about each step of one direction of a migration, read in order: its
 * hazard, and the locks it holds for a time that grows with a table's size. A table created
 * earlier in the same list has no rows yet, so steps on it neither fail on rows nor take time.
 *
 * @param impacts every lock the step takes ({@link Change#tableImpacts()}), empty for hand-written SQL
 * @param newTables the tables created by earlier steps of the list: empty while this step runs
 */
public record StepNotes(Change change, Optional<Hazard> hazard, List<TableImpact> slowLocks,
                        Optional<List<TableImpact>> impacts, Set<QualifiedName> newTables) {

    public StepNotes {
        slowLocks = List.copyOf(slowLocks);
        newTables = newTables instanceof CreatedBefore ? newTables : Set.copyOf(newTables);
    }

    public static List<StepNotes> of(List<Change> steps) {
        // one record of the tables created, in order, that each step sees the beginning of: a copy per step
        // would make a migration creating n tables cost n * n (16 million entries at 4,000 tables)
        Map<QualifiedName, Integer> creation = new HashMap<>();
        Set<QualifiedName> created = creation.keySet();
        List<StepNotes> result = new ArrayList<>();
        for (Change step : steps) {
            Optional<Hazard> hazard = step.hazard();
            QualifiedName altered = alteredTable(step);
            if (hazard.isPresent() && hazard.get().kind() == Hazard.Kind.FAILS_ON_EXISTING_ROWS && created.contains(altered)) {
                hazard = Optional.empty();
            }
            Set<QualifiedName> before = new CreatedBefore(creation, creation.size());
            if (step instanceof CreateTable create) {
                creation.putIfAbsent(create.table().name(), creation.size());
            }
            Optional<List<TableImpact>> impacts = step.tableImpacts();
            List<TableImpact> slow = impacts.orElse(List.of()).stream()
                    .filter(impact -> impact.takesTime() && !created.contains(impact.table())).toList();
            result.add(new StepNotes(step, hazard, slow, impacts, before));
        }
        return List.copyOf(result);
    }

    /** One line for the locks, or empty when the step holds none for long. */
    public Optional<String> locksLine() {
        return slowLocks.isEmpty() ? Optional.empty()
                : Optional.of("LOCKS: " + slowLocks.stream().map(TableImpact::toString).collect(Collectors.joining("; ")));
    }

    /** The table whose existing rows a step checks, for the steps that check any. */
    private static QualifiedName alteredTable(Change step) {
        if (step instanceof AddConstraint c) {
            return c.table();
        }
        if (step instanceof AddColumn c) {
            return c.table();
        }
        if (step instanceof AlterColumnNullable c) {
            return c.table();
        }
        if (step instanceof AlterColumnType c) {
            return c.table();
        }
        return null;
    }

    /**
     * The tables of {@code creation} (table to the number of tables created before it) created before the
     * {@code count}th: a view that stays as it is while later steps add to the record, never a copy.
     */
    private static final class CreatedBefore extends AbstractSet<QualifiedName> {
        private final Map<QualifiedName, Integer> creation;
        private final int count;

        CreatedBefore(Map<QualifiedName, Integer> creation, int count) {
            this.creation = creation;
            this.count = count;
        }

        @Override
        public boolean contains(Object table) {
            Integer order = creation.get(table);
            return order != null && order < count;
        }

        @Override
        public Iterator<QualifiedName> iterator() {
            return creation.entrySet().stream().filter(entry -> entry.getValue() < count).map(Map.Entry::getKey)
                    .sorted().iterator();
        }

        @Override
        public int size() {
            return count;
        }
    }
}
