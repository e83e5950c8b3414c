package dev.autogen.script;

import dev.autogen.AutogenException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The history of migrations: a single line from the first migration (base) to the newest (head).
 * Built from what the migrations declare ({@link MigrationFile}s), whether read from their sources
 * or found on the class path; unknown parents and two heads are reported before anything runs.
 */
public final class RevisionGraph {

    private final List<MigrationFile> ordered;

    private RevisionGraph(List<MigrationFile> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    /** The migrations from base to head. */
    public List<MigrationFile> ordered() {
        return ordered;
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /** The newest revision id, or null when there is no migration yet. */
    public String head() {
        return ordered.isEmpty() ? null : ordered.get(ordered.size() - 1).revision();
    }

    public Optional<MigrationFile> find(String revision) {
        return ordered.stream().filter(m -> m.revision().equals(revision)).findFirst();
    }

    /** Position of a revision from base: 0 for the first migration, -1 for base (none applied). */
    public int indexOf(String revision) {
        if (revision == null) {
            return -1;
        }
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).revision().equals(revision)) {
                return i;
            }
        }
        throw new AutogenException("Unknown revision " + revision + ": no migration file declares it");
    }

    /** Orders migrations into one line from base to head, or says why they do not form one. */
    public static RevisionGraph of(List<MigrationFile> migrations) {
        Map<String, MigrationFile> byId = new LinkedHashMap<>();
        for (MigrationFile m : migrations) {
            MigrationFile previous = byId.put(m.revision(), m);
            if (previous != null) {
                throw new AutogenException("Two migrations declare revision " + m.revision() + ": " + previous.file()
                        + " and " + m.file() + ". Give one of them a new id.");
            }
        }
        Map<String, List<MigrationFile>> children = new HashMap<>();
        for (MigrationFile m : migrations) {
            if (!m.isFirst() && !byId.containsKey(m.parent())) {
                throw new AutogenException("Migration " + m.file() + " follows revision " + m.parent()
                        + ", which no migration file declares. Restore that migration or fix the parent.");
            }
            children.computeIfAbsent(m.isFirst() ? "" : m.parent(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<MigrationFile>> entry : children.entrySet()) {
            if (entry.getValue().size() > 1) {
                String parent = entry.getKey().isEmpty() ? "base (no parent)" : "revision " + entry.getKey();
                List<MigrationFile> heads = entry.getValue().stream().sorted(Comparator.comparing(MigrationFile::className)).toList();
                MigrationFile tip = heads.get(0);
                while (children.containsKey(tip.revision()) && children.get(tip.revision()).size() == 1) {
                    tip = children.get(tip.revision()).get(0);
                }
                throw new AutogenException("Two heads: " + heads.stream().map(MigrationFile::simpleClassName)
                        .collect(Collectors.joining(" and ")) + " both follow " + parent + ". Set the parent of "
                        + heads.get(heads.size() - 1).simpleClassName() + " to \"" + tip.revision()
                        + "\" so that one follows the other, then run again.");
            }
        }
        List<MigrationFile> ordered = new ArrayList<>();
        String parent = "";
        while (children.containsKey(parent)) {
            MigrationFile next = children.get(parent).get(0);
            ordered.add(next);
            parent = next.revision();
        }
        if (ordered.size() != migrations.size()) {
            throw new AutogenException("The migrations do not form one line from base: check the parent revisions of "
                    + migrations.stream().filter(m -> !ordered.contains(m)).map(MigrationFile::simpleClassName)
                    .collect(Collectors.joining(", ")) + ".");
        }
        return new RevisionGraph(ordered);
    }
}
