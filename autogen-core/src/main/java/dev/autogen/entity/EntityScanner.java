package dev.autogen.entity;

import dev.autogen.AutogenException;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds the classes Hibernate needs to see in the configured packages and their sub-packages. */
public final class EntityScanner {

    private EntityScanner() {
    }

    public record Scan(List<Class<?>> annotatedClasses, List<String> packages) {
    }

    public static Scan scan(ClassLoader loader, List<String> packages) {
        TreeSet<String> classNames = new TreeSet<>();
        for (String pkg : packages) {
            classNames.addAll(classNamesIn(loader, pkg));
        }
        List<Class<?>> annotated = new ArrayList<>();
        List<String> packageInfos = new ArrayList<>();
        for (String className : classNames) {
            if (className.endsWith(".package-info")) {
                packageInfos.add(className.substring(0, className.length() - ".package-info".length()));
                continue;
            }
            Class<?> type = load(loader, className);
            if (isMapped(type)) {
                annotated.add(type);
            }
        }
        if (annotated.stream().noneMatch(c -> c.isAnnotationPresent(Entity.class))) {
            throw new AutogenException("No @Entity class found in packages " + packages
                    + ": check the <packages> of the autogen plugin configuration and that the classes are compiled");
        }
        return new Scan(List.copyOf(annotated), List.copyOf(packageInfos));
    }

    /** Annotation types Hibernate takes from a scanned archive, as they appear in class files. */
    private static final List<byte[]> MARKERS = List.of(
            "Ljakarta/persistence/Entity;".getBytes(StandardCharsets.UTF_8),
            "Ljakarta/persistence/MappedSuperclass;".getBytes(StandardCharsets.UTF_8),
            "Ljakarta/persistence/Embeddable;".getBytes(StandardCharsets.UTF_8),
            "Ljakarta/persistence/Converter;".getBytes(StandardCharsets.UTF_8));

    /**
     * The annotated classes and annotated packages in one archive, a directory or a jar (the root of a
     * persistence unit, or one of its jar files), as Hibernate's scanner finds them: a class file is
     * loaded only when it carries one of the JPA annotations, so unrelated classes are never loaded.
     */
    public static Scan scanRoot(ClassLoader loader, URL root) {
        List<Class<?>> annotated = new ArrayList<>();
        List<String> packageInfos = new ArrayList<>();
        try {
            if (root.getProtocol().equals("file") && Files.isDirectory(Path.of(root.toURI()))) {
                Path dir = Path.of(root.toURI());
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        String name = toClassName(dir.relativize(file).toString().replace('\\', '/'));
                        consider(loader, name, Files.readAllBytes(file), annotated, packageInfos);
                    }
                }
            } else {
                URL jarUrl = root.getProtocol().equals("jar") ? root : new URL("jar:" + root + "!/");
                JarURLConnection connection = (JarURLConnection) jarUrl.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                consider(loader, toClassName(entry.getName()), in.readAllBytes(), annotated, packageInfos);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AutogenException("Cannot scan " + root + " for entities: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new Scan(List.copyOf(annotated), List.copyOf(packageInfos));
    }

    private static void consider(ClassLoader loader, String className, byte[] bytes, List<Class<?>> annotated,
                                 List<String> packageInfos) {
        if (className.endsWith(".package-info")) {
            if (containsAny(bytes, PACKAGE_MARKER, "Ljakarta/persistence/".getBytes(StandardCharsets.UTF_8))) {
                packageInfos.add(className.substring(0, className.length() - ".package-info".length()));
            }
            return;
        }
        if (containsAny(bytes, MARKERS.toArray(byte[][]::new))) {
            Class<?> type = load(loader, className);
            if (isMapped(type)) {
                annotated.add(type);
            }
        }
    }

    private static final byte[] PACKAGE_MARKER = "Lorg/hibernate/annotations/".getBytes(StandardCharsets.UTF_8);

    private static boolean containsAny(byte[] bytes, byte[]... needles) {
        for (byte[] needle : needles) {
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Entities, mapped superclasses, embeddables and converters: the classes Hibernate must be given. */
    private static boolean isMapped(Class<?> type) {
        return type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(MappedSuperclass.class)
                || type.isAnnotationPresent(Embeddable.class) || type.isAnnotationPresent(Converter.class);
    }

    private static Class<?> load(ClassLoader loader, String className) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new AutogenException("Cannot load class " + className + " from the entity packages: " + e, e);
        }
    }

    private static List<String> classNamesIn(ClassLoader loader, String pkg) {
        String path = pkg.replace('.', '/');
        List<String> result = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            for (URL root : Collections.list(roots)) {
                switch (root.getProtocol()) {
                    case "file" -> {
                        Path dir = Path.of(root.toURI());
                        try (Stream<Path> files = Files.walk(dir)) {
                            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                                String relative = dir.relativize(f).toString().replace('\\', '/');
                                result.add(pkg + "." + toClassName(relative));
                            });
                        }
                    }
                    case "jar" -> {
                        JarURLConnection connection = (JarURLConnection) root.openConnection();
                        connection.setUseCaches(false);
                        try (JarFile jar = connection.getJarFile()) {
                            for (JarEntry entry : Collections.list(jar.entries())) {
                                String name = entry.getName();
                                if (name.startsWith(path + "/") && name.endsWith(".class")) {
                                    result.add(toClassName(name));
                                }
                            }
                        }
                    }
                    default -> throw new AutogenException("Cannot scan package " + pkg + " at " + root);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private static String toClassName(String classFilePath) {
        return classFilePath.substring(0, classFilePath.length() - ".class".length()).replace('/', '.');
    }
}
