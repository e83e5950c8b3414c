package dev.autogen.entity;

import java.util.List;

/**
 * What Hibernate is given to build its metamodel from: annotated classes, packages with a
 * {@code package-info} (generators, filters), and XML mapping files ({@code orm.xml}) as class-path resources.
 */
public record Entities(List<Class<?>> classes, List<String> packages, List<String> mappingFiles) {

    public Entities {
        classes = List.copyOf(classes);
        packages = List.copyOf(packages);
        mappingFiles = List.copyOf(mappingFiles);
    }

    public static Entities of(List<Class<?>> classes) {
        return new Entities(classes, List.of(), List.of());
    }
}
