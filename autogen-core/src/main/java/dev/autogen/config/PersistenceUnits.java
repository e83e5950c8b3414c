package dev.autogen.config;

import dev.autogen.AutogenException;
import dev.autogen.entity.Entities;
import dev.autogen.entity.EntityScanner;
import dev.autogen.entity.EntitySource;
import org.hibernate.jpa.boot.spi.PersistenceUnitDescriptor;
import org.hibernate.jpa.boot.spi.PersistenceXmlParser;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The persistence units of the project's {@code META-INF/persistence.xml} files, read with
 * Hibernate's own parser: which classes and mapping files a unit holds, and its Hibernate settings.
 */
public final class PersistenceUnits {

    public static final String RESOURCE = "META-INF/persistence.xml";

    private final Map<String, PersistenceUnitDescriptor> units;

    private PersistenceUnits(Map<String, PersistenceUnitDescriptor> units) {
        this.units = units;
    }

    /** Every persistence unit in a {@code META-INF/persistence.xml} on the class path of {@code loader}. */
    public static PersistenceUnits read(ClassLoader loader) {
        List<URL> files;
        try {
            files = Collections.list(loader.getResources(RESOURCE));
        } catch (IOException e) {
            throw new AutogenException("Cannot list " + RESOURCE + " on the class path: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            return new PersistenceUnits(Map.of());
        }
        try {
            return new PersistenceUnits(new LinkedHashMap<>(PersistenceXmlParser.create(Map.of(), loader, null).parse(files)));
        } catch (RuntimeException e) {
            throw new AutogenException("Cannot read " + files + ": " + message(e) + ". Fix the persistence.xml, then run again.", e);
        }
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }

    public Set<String> names() {
        return units.keySet();
    }

    /**
     * The unit autogen reads: the one named, or the only one. Empty when there is none, or when
     * there are several, none is named and {@code optional} says the entities come from elsewhere.
     */
    public java.util.Optional<Unit> choose(String name, boolean optional) {
        if (name != null && !name.isBlank()) {
            PersistenceUnitDescriptor unit = units.get(name.strip());
            if (unit == null) {
                throw new AutogenException("No persistence unit " + name.strip() + " in " + RESOURCE
                        + (units.isEmpty() ? " (there is no such file on the class path)" : "; it has " + String.join(", ", units.keySet())));
            }
            return java.util.Optional.of(new Unit(unit));
        }
        if (units.size() == 1) {
            return java.util.Optional.of(new Unit(units.values().iterator().next()));
        }
        if (units.size() > 1 && !optional) {
            throw new AutogenException(RESOURCE + " has several persistence units (" + String.join(", ", units.keySet())
                    + "): name one with <persistenceUnit>" + units.keySet().iterator().next() + "</persistenceUnit>");
        }
        return java.util.Optional.empty();
    }

    /** One persistence unit. */
    public static final class Unit implements EntitySource {
        private final PersistenceUnitDescriptor descriptor;

        Unit(PersistenceUnitDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        public String name() {
            return descriptor.getName();
        }

        /** The unit's name and the jar files it lists, which may lie outside the class path, by size and time. */
        @Override
        public java.util.Optional<String> identity() {
            StringBuilder identity = new StringBuilder("persistence unit ").append(descriptor.getName());
            for (java.net.URL jar : descriptor.getJarFileUrls()) {
                identity.append('\n').append(jar);
                try {
                    java.nio.file.Path file = java.nio.file.Path.of(jar.toURI());
                    identity.append(' ').append(java.nio.file.Files.size(file)).append(' ')
                            .append(java.nio.file.Files.getLastModifiedTime(file).toMillis());
                } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
                    return java.util.Optional.empty();
                }
            }
            return java.util.Optional.of(identity.toString());
        }

        /**
         * The unit's Hibernate settings: its {@code hibernate.*} properties, its quoting of identifiers,
         * and its validation mode and groups, which decide the DDL Hibernate takes from Bean Validation.
         */
        public Map<String, Object> hibernateSettings() {
            Map<String, Object> settings = new LinkedHashMap<>();
            descriptor.getProperties().stringPropertyNames().stream().sorted().forEach(key -> {
                if (key.startsWith("hibernate.") || key.startsWith("org.hibernate.validator.")
                        || key.startsWith("jakarta.persistence.validation.") || key.startsWith("javax.persistence.validation.")) {
                    settings.put(key, descriptor.getProperties().getProperty(key));
                }
            });
            if (descriptor.getValidationMode() != null) {
                // <validation-mode> wins over a property of the unit, as in Hibernate's JPA bootstrap
                settings.put("jakarta.persistence.validation.mode", descriptor.getValidationMode().name());
            }
            if (descriptor.isUseQuotedIdentifiers()) {
                settings.put("hibernate.globally_quoted_identifiers", "true");
            }
            return settings;
        }

        /**
         * The listed classes, the classes of listed jar files, the mapping files, and unless
         * {@code <exclude-unlisted-classes>} says otherwise the entities found in the unit's root.
         */
        @Override
        public Entities find(ClassLoader loader) {
            Set<Class<?>> classes = new LinkedHashSet<>();
            Set<String> packages = new LinkedHashSet<>();
            for (String className : descriptor.getManagedClassNames()) {
                Class<?> type = load(loader, className);
                if (type == null) {
                    // JPA lets <class> name a package whose package-info carries annotations
                    packages.add(className);
                } else {
                    classes.add(type);
                }
            }
            List<URL> roots = new ArrayList<>(descriptor.getJarFileUrls());
            if (!descriptor.isExcludeUnlistedClasses() && descriptor.getPersistenceUnitRootUrl() != null) {
                roots.add(0, descriptor.getPersistenceUnitRootUrl());
            }
            for (URL root : roots) {
                EntityScanner.Scan scan = EntityScanner.scanRoot(loader, root);
                classes.addAll(scan.annotatedClasses());
                packages.addAll(scan.packages());
            }
            List<String> mappingFiles = new ArrayList<>(descriptor.getMappingFileNames());
            // JPA reads META-INF/orm.xml of the unit's root without being told
            if (!mappingFiles.contains("META-INF/orm.xml") && loader.getResource("META-INF/orm.xml") != null) {
                mappingFiles.add("META-INF/orm.xml");
            }
            if (classes.isEmpty() && mappingFiles.isEmpty()) {
                throw new AutogenException("The persistence unit " + name() + " in " + RESOURCE
                        + " names no entity class and none was found in its root " + descriptor.getPersistenceUnitRootUrl()
                        + ": list them with <class> or compile them first");
            }
            return new Entities(List.copyOf(classes), List.copyOf(packages), mappingFiles);
        }

        @Override
        public String toString() {
            return "persistence unit " + name();
        }

        private static Class<?> load(ClassLoader loader, String className) {
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException e) {
                if (loader.getResource(className.replace('.', '/') + "/package-info.class") != null) {
                    return null;
                }
                throw new AutogenException("The persistence unit lists " + className + ", which is not on the class path: "
                        + "compile it or fix its <class> entry", e);
            } catch (LinkageError e) {
                throw new AutogenException("Cannot load " + className + " of the persistence unit: " + e, e);
            }
        }
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return text.strip().replaceAll("\\s+", " ");
    }
}
