package dev.autogen.script;

import dev.autogen.AutogenException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The history of migrations: a graph from the first migration (base) to its heads. A migration follows
 * one parent, or, as a merge, two or more; two migrations that follow the same parent start two branches,
 * each with a head of its own until a merge joins them. Built from what the migrations declare
 * ({@link MigrationFile}s), whether read from their sources or found on the class path; unknown parents,
 * duplicate ids and cycles are reported before anything runs.
 *
 * <p>The migrations run in one topological order, the same on every machine: a migration after all its
 * parents; where branches part, the branch whose first migration is older (by {@code created}, then class
 * name) runs to its end first, then the next; a merge after the last of its parents.
 */
public final class RevisionGraph {

    private final List<MigrationFile> ordered;
    private final Map<String, MigrationFile> byId = new LinkedHashMap<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final Map<String, List<MigrationFile>> children = new HashMap<>();

    private RevisionGraph(List<MigrationFile> ordered) {
        this.ordered = List.copyOf(ordered);
        for (int i = 0; i < ordered.size(); i++) {
            MigrationFile m = ordered.get(i);
            byId.put(m.revision(), m);
            position.put(m.revision(), i);
            for (String parent : m.parents()) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(m);
            }
        }
    }

    /** Every migration, in the order upgrade runs them (see the class comment). */
    public List<MigrationFile> ordered() {
        return ordered;
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /** The migrations no other one follows, in {@link #ordered()} order; none when there is no migration. */
    public List<String> heads() {
        return ordered.stream().map(MigrationFile::revision).filter(r -> !children.containsKey(r)).toList();
    }

    /**
     * The one head, or null when there is no migration yet. Two heads (two branches not yet merged) are refused
     * with the way out: a merge.
     */
    public String head() {
        List<String> heads = heads();
        if (heads.size() > 1) {
            throw new AutogenException(twoHeads(heads) + ": run mvn autogen:merge -Dmessage=\"...\" to join them, "
                    + "then run again.");
        }
        return heads.isEmpty() ? null : heads.get(0);
    }

    /** "Two heads, aaa (M2_AddIsbn) and bbb (M3_AddPrice)", for messages about unmerged branches. */
    public String twoHeads(List<String> heads) {
        return (heads.size() == 2 ? "Two heads, " : heads.size() + " heads, ")
                + heads.stream().map(this::describe).collect(Collectors.joining(heads.size() == 2 ? " and " : ", "));
    }

    /** "aaa (M2_AddIsbn)". */
    public String describe(String revision) {
        return find(revision).map(m -> revision + " (" + m.simpleClassName() + ")").orElse(revision);
    }

    public Optional<MigrationFile> find(String revision) {
        return Optional.ofNullable(revision == null ? null : byId.get(revision));
    }

    /** The migrations that follow {@code revision} directly, in {@link #ordered()} order. */
    public List<MigrationFile> children(String revision) {
        return children.getOrDefault(revision, List.of());
    }

    /** Position of a revision in {@link #ordered()}: 0 for the first migration, -1 for base (none applied). */
    public int indexOf(String revision) {
        if (revision == null) {
            return -1;
        }
        Integer at = position.get(revision);
        if (at == null) {
            throw new AutogenException("Unknown revision " + revision + ": no migration file declares it");
        }
        return at;
    }

    /** {@code revisions} and every migration they follow, directly or not, in {@link #ordered()} order. */
    public List<MigrationFile> upTo(Collection<String> revisions) {
        Set<String> reached = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        for (String revision : revisions) {
            indexOf(revision);
            todo.add(revision);
        }
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (reached.add(next)) {
                todo.addAll(byId.get(next).parents());
            }
        }
        return ordered.stream().filter(m -> reached.contains(m.revision())).toList();
    }

    /** The revisions of {@code applied} that no other of them follows: where a database stands, in {@link #ordered()} order. */
    public List<String> headsOf(Collection<String> applied) {
        Set<String> set = Set.copyOf(applied);
        return ordered.stream().map(MigrationFile::revision).filter(set::contains)
                .filter(r -> children(r).stream().noneMatch(c -> set.contains(c.revision()))).toList();
    }

    /** Orders migrations into the graph's one order, or says why they do not form a history from base. */
    public static RevisionGraph of(List<MigrationFile> migrations) {
        Map<String, MigrationFile> byId = new LinkedHashMap<>();
        for (MigrationFile m : migrations) {
            MigrationFile previous = byId.put(m.revision(), m);
            if (previous != null) {
                throw new AutogenException("Two migrations declare revision " + m.revision() + ": " + previous.file()
                        + " and " + m.file() + ". Give one of them a new id.");
            }
        }
        for (MigrationFile m : migrations) {
            for (String parent : m.parents()) {
                if (!byId.containsKey(parent)) {
                    throw new AutogenException("Migration " + m.file() + " follows revision " + parent
                            + ", which no migration file declares. Restore that migration or fix the parent.");
                }
            }
        }
        Comparator<MigrationFile> older = Comparator.comparing(MigrationFile::created).thenComparing(MigrationFile::className);
        Map<String, Integer> placed = new HashMap<>();
        List<MigrationFile> ordered = new ArrayList<>();
        List<MigrationFile> waiting = new ArrayList<>(migrations);
        while (!waiting.isEmpty()) {
            // of the migrations whose parents are all placed, the one that goes on from the latest placed parent
            // (the branch under way), then the older
            MigrationFile next = null;
            int nextParent = -2;
            for (MigrationFile m : waiting) {
                if (!placed.keySet().containsAll(m.parents())) {
                    continue;
                }
                int latestParent = m.parents().stream().mapToInt(placed::get).max().orElse(-1);
                if (next == null || latestParent > nextParent || latestParent == nextParent && older.compare(m, next) < 0) {
                    next = m;
                    nextParent = latestParent;
                }
            }
            if (next == null) {
                throw new AutogenException("The migrations do not form a history from base: the parents of "
                        + waiting.stream().map(MigrationFile::simpleClassName).sorted().collect(Collectors.joining(", "))
                        + " go round in a circle. Check their parent revisions.");
            }
            placed.put(next.revision(), ordered.size());
            ordered.add(next);
            waiting.remove(next);
        }
        return new RevisionGraph(ordered);
    }
}
