package dev.autogen.script;

import dev.autogen.AutogenException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The migrations of an application as its class path holds them: the classes of one package that carry
 * a {@link Revision} and implement {@link Migration}, whether the package is a directory, lies in a jar,
 * or in the BOOT-INF/classes of a Spring Boot jar. What the application runs is what it was built with,
 * without its sources. A class of the package that implements Migration without a Revision is refused,
 * as the source reader refuses its file: it would never run.
 */
public final class MigrationClasses {

    private MigrationClasses() {
    }

    /**
     * The revision graph of the migration classes in {@code packageName}, as {@code loader} sees them.
     * Refuses a package in which the class path holds no migration at all: the name is wrong, or the
     * migrations were not packaged.
     */
    public static RevisionGraph find(ClassLoader loader, String packageName) {
        if (packageName == null || packageName.isBlank()) {
            throw new AutogenException("No migrations package given: name the package of the migration classes, "
                    + "the one the Maven plugin writes to (its migrationsPackage)");
        }
        String pkg = packageName.strip();
        Set<String> classNames = new TreeSet<>();
        String path = pkg.replace('.', '/');
        try {
            Enumeration<URL> locations = loader.getResources(path);
            while (locations.hasMoreElements()) {
                classNames.addAll(classesIn(locations.nextElement(), pkg));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the classes of package " + pkg, e);
        }
        List<MigrationFile> migrations = new ArrayList<>();
        for (String className : classNames) {
            migration(loader, className, path).ifPresent(migrations::add);
        }
        if (migrations.isEmpty()) {
            throw new AutogenException("No migration class in package " + pkg + " on the class path: name the package the "
                    + "migrations are in (the plugin's migrationsPackage), and package them with the application");
        }
        return RevisionGraph.of(migrations);
    }

    /** The names of the top-level classes directly in the package at {@code location}. */
    private static List<String> classesIn(URL location, String pkg) throws IOException {
        List<String> simpleNames = new ArrayList<>();
        if (location.getProtocol().equals("file")) {
            Path directory;
            try {
                directory = Path.of(location.toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new AutogenException("Cannot read the migrations package at " + location + ": " + e.getMessage(), e);
            }
            try (Stream<Path> files = Files.list(directory)) {
                files.map(file -> file.getFileName().toString()).forEach(simpleNames::add);
            }
        } else {
            URLConnection connection = location.openConnection();
            // Spring Boot's handler of nested jars answers a JarURLConnection as the JDK's does
            if (!(connection instanceof JarURLConnection jar)) {
                throw new AutogenException("Cannot list the migration classes at " + location + ": the class path holds them "
                        + "neither in a directory nor in a jar");
            }
            // the class loader's own open jar: not ours to close
            JarFile file = jar.getJarFile();
            String prefix = jar.getEntryName() == null ? "" : jar.getEntryName().replaceAll("/+$", "") + "/";
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                    simpleNames.add(name.substring(prefix.length()));
                }
            }
        }
        return simpleNames.stream().filter(name -> name.endsWith(".class") && !name.contains("$")
                        && !name.equals("package-info.class"))
                .map(name -> pkg + "." + name.substring(0, name.length() - ".class".length())).toList();
    }

    private static Optional<MigrationFile> migration(ClassLoader loader, String className, String path) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AutogenException("Cannot load class " + className + " of the migrations package: " + e, e);
        }
        Revision revision = type.getAnnotation(Revision.class);
        boolean migration = Migration.class.isAssignableFrom(type);
        boolean concrete = !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
        if (revision == null) {
            if (migration && concrete) {
                throw new AutogenException("Migration class " + className + " implements Migration but has no @Revision, so it "
                        + "would never run. Give it @Revision(id = \"...\", parent = \"...\"), or move it out of the migrations package.");
            }
            return Optional.empty();
        }
        if (!migration || !concrete) {
            throw new AutogenException("Class " + className + " has a @Revision but is not a migration: make it a class that "
                    + "implements " + Migration.class.getName() + ", or remove the annotation.");
        }
        if (revision.id().isBlank()) {
            throw new AutogenException("Migration class " + className + " has a @Revision without an id. Give it one.");
        }
        // named as the source file the class was compiled from, which is what a reader of the messages edits
        Path source = Path.of(path, type.getSimpleName() + ".java");
        return Optional.of(MigrationFile.declared(revision, className, source));
    }
}
