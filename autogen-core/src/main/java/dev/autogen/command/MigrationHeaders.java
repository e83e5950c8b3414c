package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.MigrationSources;
import dev.autogen.script.RevisionGraph;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migrations' history as their source files declare it, parsed with javac's parser only for files whose bytes
 * no earlier run parsed: what a file declares (its {@code @Revision}, or that it is no migration) is kept in the
 * cache by the file's name and content. A file that does not parse is never kept, so it is refused every time.
 */
final class MigrationHeaders {

    /** What one file declares: a migration's place in the history, or nothing ({@code revision} null). */
    record Header(String revision, List<String> parents, String message, String created, String className) implements Serializable {
    }

    /** The headers of a migrations directory as last read, by file name and content digest. */
    record Headers(Map<String, Header> byFile) implements Serializable {
    }

    private MigrationHeaders() {
    }

    static RevisionGraph read(Path directory, SchemaCache cache) {
        return read(directory, cache, MigrationHeaders::digest);
    }

    /** @param digestOf the digest of a file's bytes, as {@link #digest} computes it */
    static RevisionGraph read(Path directory, SchemaCache cache, java.util.function.Function<Path, String> digestOf) {
        if (!cache.isOn() || directory == null) {
            return MigrationSources.read(directory);
        }
        String key = cache.key("sources", List.of(directory.toAbsolutePath().toString()));
        Map<String, Header> known = cache.get(key, Headers.class).map(Headers::byFile).orElse(Map.of());
        Map<String, Header> now = new LinkedHashMap<>();
        List<MigrationFile> migrations = new ArrayList<>();
        List<Path> files = MigrationSources.files(directory);
        List<String> names = files.stream().map(file -> file.getFileName() + " " + digestOf.apply(file)).toList();
        // the files no earlier run parsed, parsed together
        List<Path> unknown = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (!known.containsKey(names.get(i))) {
                unknown.add(files.get(i));
            }
        }
        // in the order of the files they were read from
        Iterator<Optional<MigrationFile>> parsed = MigrationSources.readFiles(unknown).iterator();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = names.get(i);
            Header header = known.get(name);
            if (header == null) {
                header = parsed.next().map(m -> new Header(m.revision(), m.parents(), m.message(), m.created(), m.className()))
                        .orElse(new Header(null, List.of(), "", "", ""));
            }
            now.put(name, header);
            if (header.revision() != null) {
                migrations.add(new MigrationFile(header.revision(), header.parents(), header.message(), header.created(),
                        header.className(), file));
            }
        }
        if (!now.equals(known)) {
            cache.put(key, new Headers(Map.copyOf(now)));
        }
        return RevisionGraph.of(migrations);
    }

    /**
     * Keeps what {@code written}, a file autogen just wrote, declares, as its compiled class says it ({@code declared}),
     * so that the next goal does not parse a file autogen knows: a migration of 10,000 tables is 14 MB of source.
     */
    static void remember(Path directory, SchemaCache cache, MigrationFile declared) {
        if (!cache.isOn() || directory == null || declared.file() == null) {
            return;
        }
        String key = cache.key("sources", List.of(directory.toAbsolutePath().toString()));
        Map<String, Header> known = new LinkedHashMap<>(cache.get(key, Headers.class).map(Headers::byFile).orElse(Map.of()));
        known.put(declared.file().getFileName() + " " + digest(declared.file()), new Header(declared.revision(), declared.parents(),
                declared.message(), declared.created(), declared.className()));
        cache.put(key, new Headers(Map.copyOf(known)));
    }

    /** The SHA-256 of a file's bytes, in hex. */
    static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new AutogenException("Cannot read the migration file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
