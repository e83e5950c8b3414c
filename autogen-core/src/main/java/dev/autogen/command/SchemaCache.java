package dev.autogen.command;

import dev.autogen.schema.Schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Schemas autogen already built on scratch databases, kept in the project's build directory so that a goal
 * run again with nothing changed skips that work: the migrations' schema (keyed by the migration files),
 * the entities' schema (keyed by the DDL and expressions Hibernate writes), and PostgreSQL's settled print of
 * a schema (keyed by the schema). Every key also holds autogen's own classes and the scratch server asked
 * for, so a new build of autogen or another PostgreSQL never reads what an older one wrote.
 *
 * <p>A file that cannot be read (written by another autogen, cut short) is a miss, never an error.
 */
final class SchemaCache {

    /** Entries of one kind kept; older ones are deleted when a new one is written. */
    private static final int KEPT_PER_KIND = 6;

    private static final ObjectInputFilter ONLY_SCHEMAS = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;dev.autogen.schema.*;dev.autogen.targetschema.TargetSchema;dev.autogen.targetschema.TargetSchema$Hibernate;dev.autogen.command.SchemaCache$Replayed;dev.autogen.command.SchemaCache$LiveRead;dev.autogen.command.SchemaCache$EntitiesPrint;dev.autogen.command.SchemaCache$HibernateSummary;dev.autogen.command.SchemaCache$Checksums;dev.autogen.command.SchemaCache$ReplayedPrint;dev.autogen.command.MigrationHeaders$Headers;dev.autogen.command.MigrationHeaders$Header;java.lang.*;java.util.*;!*");

    /** The migrations' schema as replayed, and which text of the migrations became which of its objects. */
    record Replayed(Schema schema, dev.autogen.schema.WrittenText text) implements Serializable {
    }

    /**
     * What the entities' schema (known by the key of its cache entry and the filter) came to: the key of its settled
     * print, and its schemas' names. A diff that finds nothing to change needs no more of it.
     */
    record EntitiesPrint(String printKey, java.util.SortedSet<String> schemaNames) implements Serializable {
        EntitiesPrint {
            schemaNames = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(schemaNames));
        }
    }

    /**
     * What a live database's catalog, known by PostgreSQL's digest of it, came to: the key of its settled print, and
     * what of it was not compared.
     */
    record LiveRead(String printKey, java.util.SortedSet<dev.autogen.schema.QualifiedName> unmanaged) implements Serializable {
        LiveRead {
            unmanaged = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(unmanaged));
        }
    }

    /**
     * What a diff needs of Hibernate's DDL and expressions (kept whole beside it) when the entities' schema is found by
     * them: a digest of both, and the schemas the mapping names.
     */
    record HibernateSummary(String digest, java.util.SortedSet<String> schemas) implements Serializable {
        HibernateSummary {
            schemas = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(schemas));
        }
    }

    /**
     * What the migrations, known by the key of their replayed schema and the filter, came to: the key of their settled
     * print, what of it was not compared, and the extensions they install (the entities' schema is built with them).
     */
    record ReplayedPrint(String printKey, java.util.SortedSet<dev.autogen.schema.QualifiedName> unmanaged,
                         java.util.SortedMap<String, String> extensions) implements Serializable {
        ReplayedPrint {
            unmanaged = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(unmanaged));
            extensions = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(extensions));
        }
    }

    /** The migrations' checksums by revision, as worked out from classes the key names. */
    record Checksums(java.util.SortedMap<String, String> byRevision) implements Serializable {
        Checksums {
            byRevision = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byRevision));
        }
    }

    static final SchemaCache OFF = new SchemaCache(null, "");

    private final Path directory;
    private final String salt;
    /** Entries this run already read or wrote: a schema asked for twice (both sides print alike) is read once. */
    private final java.util.Map<String, Serializable> read = new java.util.concurrent.ConcurrentHashMap<>();

    private SchemaCache(Path directory, String salt) {
        this.directory = directory;
        this.salt = salt;
    }

    /** A cache in {@code directory}, or {@link #OFF} when it is null; {@code scratchServer} names where schemas are built. */
    static SchemaCache in(Path directory, String scratchServer) {
        if (directory == null) {
            return OFF;
        }
        StringBuilder salt = new StringBuilder("autogen schema cache 1\n").append(scratchServer).append('\n');
        for (Class<?> part : List.of(Autogen.class, Schema.class)) {
            salt.append(codeOf(part)).append('\n');
        }
        return new SchemaCache(directory, salt.toString());
    }

    /** Where {@code type}'s class file comes from, with its size and time: a rebuilt jar is another autogen. */
    private static String codeOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return type.getName();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            Path file = Files.isDirectory(location) ? location.resolve(type.getName().replace('.', '/') + ".class") : location;
            return file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return source.getLocation().toString();
        }
    }

    boolean isOn() {
        return directory != null;
    }

    /** The key of an entry of {@code kind} made from {@code parts}, in order. */
    String key(String kind, List<String> parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return kind + "-" + HexFormat.of().formatHex(digest.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the cache holds an entry of {@code kind} at all, whatever its key. */
    boolean holdsAny(String kind) {
        if (directory == null || !Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(kind + "-") && f.toString().endsWith(".ser"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    <T extends Serializable> Optional<T> get(String key, Class<T> type) {
        if (directory == null) {
            return Optional.empty();
        }
        Serializable known = read.get(key);
        if (known != null) {
            return type.isInstance(known) ? Optional.of(type.cast(known)) : Optional.empty();
        }
        Path file = directory.resolve(key + ".ser");
        try {
            byte[] bytes = Files.readAllBytes(file);
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                in.setObjectInputFilter(ONLY_SCHEMAS);
                Object value = in.readObject();
                // a kept entry is a used one: pruning removes the entries no run asked for the longest
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
                if (value instanceof Serializable entry) {
                    read.put(key, entry);
                }
                return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            if (e instanceof InvalidClassException) {
                deleteQuietly(file);
            }
            return Optional.empty();
        }
    }

    /** Marks the entry of {@code key} as used, though not read: pruning keeps it as long as what points to it. */
    void touch(String key) {
        if (directory == null) {
            return;
        }
        try {
            Files.setLastModifiedTime(directory.resolve(key + ".ser"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // an entry gone is a miss when it is asked for
        }
    }

    void put(String key, Serializable value) {
        if (directory == null) {
            return;
        }
        read.put(key, value);
        try {
            Files.createDirectories(directory);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            // written whole under another name first: a goal running at the same time never reads half a file
            Path partial = directory.resolve(key + "." + UUID.randomUUID() + ".partial");
            Files.write(partial, bytes.toByteArray());
            Files.move(partial, directory.resolve(key + ".ser"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune(key.substring(0, key.indexOf('-') + 1));
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written costs the next run time, nothing else
        }
    }

    private void prune(String kindPrefix) throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(directory)) {
            entries = files.filter(f -> f.getFileName().toString().startsWith(kindPrefix) && f.toString().endsWith(".ser"))
                    .sorted(Comparator.comparing(SchemaCache::modified).reversed()).toList();
        }
        entries.stream().skip(KEPT_PER_KIND).forEach(SchemaCache::deleteQuietly);
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next prune tries again
        }
    }
}
