package dev.autogen.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A digest of everything a class loader can load: what Hibernate's boot reads (the entities' classes, their
 * packages' annotations, persistence.xml, orm.xml, hibernate.properties, the application's configuration,
 * Hibernate itself). Directories count by the content of every file in them, so a class compiled again to
 * the same bytes is unchanged; jar files count by path, size and time, as a build tool judges them. The classes
 * compiled from the migration files are digested apart: Hibernate maps none of them, and the build compiles a new one
 * after every revision; the migrations' checksums depend on both parts.
 */
final class ClassPathContents {

    private ClassPathContents() {
    }

    /**
     * Digests of a class path in two parts: of everything but the files left out, and of those files alone. Both
     * together say everything the class path holds.
     */
    record Digests(String rest, String leftOut) {
    }

    /**
     * The digest of what {@code loader} and its parents load, down to the JDK's own loaders; empty when a loader
     * on the way does not say where it loads from (then nothing read from it can be trusted to be unchanged).
     */
    static Optional<String> of(ClassLoader loader) {
        return of(loader, path -> false).map(Digests::rest);
    }

    /**
     * @param leftOut whether a file of a class directory, by its path there ('/' between names), is left out of the
     *                first digest: it goes into the second
     */
    static Optional<Digests> of(ClassLoader loader, Predicate<String> leftOut) {
        List<Path> entries = new ArrayList<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (ClassLoader at = loader; at != null && at != platform; at = at.getParent()) {
            if (at instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    Optional<Path> path = path(url);
                    if (path.isEmpty()) {
                        return Optional.empty();
                    }
                    entries.add(path.get());
                }
            } else if (at == ClassLoader.getSystemClassLoader()) {
                for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        entries.add(Path.of(entry).toAbsolutePath());
                    }
                }
            } else {
                return Optional.empty();
            }
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            MessageDigest aside = MessageDigest.getInstance("SHA-256");
            update(digest, Runtime.version().toString());
            for (Path entry : entries) {
                update(digest, entry.toString());
                if (Files.isDirectory(entry)) {
                    directory(digest, aside, entry, leftOut);
                } else if (Files.isRegularFile(entry)) {
                    update(digest, Files.size(entry) + " " + Files.getLastModifiedTime(entry).toMillis());
                } else {
                    update(digest, "absent");
                }
            }
            return Optional.of(new Digests(HexFormat.of().formatHex(digest.digest()), HexFormat.of().formatHex(aside.digest())));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> path(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * What the migration files compile to, by path in a class directory: the classes (nested ones too) of the files in
     * {@code directory} that declare a {@code @Revision}, in {@code migrationsPackage}. Another class in that package
     * (a helper, an entity) is not one of them.
     */
    static Predicate<String> migrationClasses(Path directory, String migrationsPackage) {
        if (directory == null || migrationsPackage == null || !Files.isDirectory(directory)) {
            return path -> false;
        }
        Set<String> migrations = new HashSet<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f)).toList()) {
                if (Files.readString(file).contains("@Revision")) {
                    String name = file.getFileName().toString();
                    migrations.add(name.substring(0, name.length() - ".java".length()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return path -> false;
        }
        return migrationClasses(migrations, migrationsPackage);
    }

    /**
     * What the migrations compile to, by path in a class directory: the classes (nested ones too) of the files named
     * (without ".java") in {@code migrationsPackage}.
     */
    static Predicate<String> migrationClasses(Set<String> migrations, String migrationsPackage) {
        if (migrationsPackage == null) {
            return path -> false;
        }
        String prefix = migrationsPackage.isEmpty() ? "" : migrationsPackage.replace('.', '/') + "/";
        return path -> {
            if (!path.startsWith(prefix) || !path.endsWith(".class")) {
                return false;
            }
            String name = path.substring(prefix.length(), path.length() - ".class".length());
            if (name.contains("/")) {
                return false;
            }
            int nested = name.indexOf('$');
            return migrations.contains(nested < 0 ? name : name.substring(0, nested));
        };
    }

    /** Every file under {@code root} by its path in the directory and its bytes, in one order: those left out aside. */
    private static void directory(MessageDigest digest, MessageDigest aside, Path root, Predicate<String> leftOut) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            MessageDigest into = digest;
            if (leftOut.test(relative)) {
                into = aside;
                update(into, root.toString());
            }
            update(into, relative);
            byte[] bytes = Files.readAllBytes(file);
            update(into, Integer.toString(bytes.length));
            into.update(bytes);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
