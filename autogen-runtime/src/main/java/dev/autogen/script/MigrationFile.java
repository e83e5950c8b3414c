package dev.autogen.script;

import dev.autogen.AutogenException;

import java.nio.file.Path;
import java.util.List;

/**
 * A migration as its source file (or its class) declares it: its {@link Revision} and the class that holds it.
 * {@code parents} is empty for a first migration, has one revision for most, two or more for a merge.
 */
public record MigrationFile(String revision, List<String> parents, String message, String created, String className, Path file) {

    public MigrationFile {
        parents = List.copyOf(parents);
    }

    /** A migration with one parent, or none when {@code parent} is empty, as {@code @Revision(parent = ...)} declares it. */
    public MigrationFile(String revision, String parent, String message, String created, String className, Path file) {
        this(revision, parent == null || parent.isEmpty() ? List.of() : List.of(parent), message, created, className, file);
    }

    /** The migration as {@code @Revision} declares it on its class, found at {@code file} (null: on the class path). */
    public static MigrationFile declared(Revision revision, String className, Path file) {
        List<String> parents = parents(revision.parent(), List.of(revision.parents()), "Migration class " + className);
        return new MigrationFile(revision.id(), parents, revision.message(), revision.created(), className, file);
    }

    /**
     * The parents a {@code @Revision} declares: {@code parents} when given, else {@code parent}. A revision that
     * gives both, or a merge of fewer than two, is refused naming {@code where}.
     */
    public static List<String> parents(String parent, List<String> parents, String where) {
        if (!parents.isEmpty() && parent != null && !parent.isEmpty()) {
            throw new AutogenException(where + ": @Revision gives both parent and parents; a merge names its "
                    + "parents in parents = {\"...\", \"...\"} alone.");
        }
        if (parents.isEmpty()) {
            return parent == null || parent.isEmpty() ? List.of() : List.of(parent);
        }
        if (parents.size() < 2 || parents.stream().distinct().count() != parents.size()) {
            throw new AutogenException(where + ": @Revision(parents = " + parents + ") must name two or more "
                    + "different revisions (a merge); one parent goes in parent = \"...\".");
        }
        return parents;
    }

    public boolean isFirst() {
        return parents.isEmpty();
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }

    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
