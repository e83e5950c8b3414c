package dev.autogen.entity;

import dev.autogen.AutogenException;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;

import java.io.IOException;
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
            if (type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(MappedSuperclass.class)
                    || type.isAnnotationPresent(Embeddable.class) || type.isAnnotationPresent(Converter.class)) {
                annotated.add(type);
            }
        }
        if (annotated.stream().noneMatch(c -> c.isAnnotationPresent(Entity.class))) {
            throw new AutogenException("No @Entity class found in packages " + packages
                    + ": check the <packages> of the autogen plugin configuration and that the classes are compiled");
        }
        return new Scan(List.copyOf(annotated), List.copyOf(packageInfos));
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
