package dev.autogen.entity;

import java.util.List;

/**
 * Where a project's entities come from: the configured packages, a persistence unit, or (in tests)
 * a list of classes. Resolved only when a goal needs the entities, in the project's class loader.
 */
public interface EntitySource {

    Entities find(ClassLoader loader);

    /** The classes in these packages and their sub-packages. */
    static EntitySource packages(List<String> packages) {
        List<String> copy = List.copyOf(packages);
        return new EntitySource() {
            public Entities find(ClassLoader loader) {
                EntityScanner.Scan scan = EntityScanner.scan(loader, copy);
                return new Entities(scan.annotatedClasses(), scan.packages(), List.of());
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

            public String toString() {
                return entities.classes().size() + " classes";
            }
        };
    }
}
