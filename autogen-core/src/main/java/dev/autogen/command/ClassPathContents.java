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
import java.util.stream.Stream;

/**
 * A digest of everything a class loader can load: what Hibernate's boot reads (the entities' classes, their
 * packages' annotations, persistence.xml, orm.xml, hibernate.properties, the application's configuration,
 * Hibernate itself). Directories count by the content of every file in them, so a class compiled again to
 * the same bytes is unchanged; jar files count by path, size and time, as a build tool judges them.
 */
final class ClassPathContents {

    private ClassPathContents() {
    }

    /**
     * The digest of what {@code loader} and its parents load, down to the JDK's own loaders; empty when a loader
     * on the way does not say where it loads from (then nothing read from it can be trusted to be unchanged).
     */
    static Optional<String> of(ClassLoader loader) {
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
            update(digest, Runtime.version().toString());
            for (Path entry : entries) {
                update(digest, entry.toString());
                if (Files.isDirectory(entry)) {
                    directory(digest, entry);
                } else if (Files.isRegularFile(entry)) {
                    update(digest, Files.size(entry) + " " + Files.getLastModifiedTime(entry).toMillis());
                } else {
                    update(digest, "absent");
                }
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
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

    /** Every file under {@code root} by its path in the directory and its bytes, in one order. */
    private static void directory(MessageDigest digest, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            update(digest, root.relativize(file).toString());
            byte[] bytes = Files.readAllBytes(file);
            update(digest, Integer.toString(bytes.length));
            digest.update(bytes);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
