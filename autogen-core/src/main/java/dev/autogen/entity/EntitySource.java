package dev.autogen.entity;

import java.util.List;

/**
 * Where a project's entities come from: the configured packages, a persistence unit, or (in tests)
 * a list of classes. Resolved only when a goal needs the entities, in the project's class loader.
 */
public interface EntitySource {

    Entities find(ClassLoader loader);

    /**
     * What decides the entities found, besides the contents of the class path they are found on: the same
     * text on the same class path finds the same entities. Empty when that cannot be said.
     */
    default java.util.Optional<String> identity() {
        return java.util.Optional.empty();
    }

    /** The classes in these packages and their sub-packages. */
    static EntitySource packages(List<String> packages) {
        List<String> copy = List.copyOf(packages);
        return new EntitySource() {
            public Entities find(ClassLoader loader) {
                EntityScanner.Scan scan = EntityScanner.scan(loader, copy);
                return new Entities(scan.annotatedClasses(), scan.packages(), List.of());
            }

            public java.util.Optional<String> identity() {
                return java.util.Optional.of(toString());
            }

            public String toString() {
                return "packages " + copy;
            }
        };
    }

    static EntitySource of(Entities entities) {
        return new EntitySource() {
            public Entities find(ClassLoader loader) {
                return entities;
            }

            public java.util.Optional<String> identity() {
                return java.util.Optional.of(entities.toString());
            }

            public String toString() {
                return entities.classes().size() + " classes";
            }
        };
    }
}
