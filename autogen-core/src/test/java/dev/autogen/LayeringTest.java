package dev.autogen;

import dev.autogen.change.Change;
import dev.autogen.command.Autogen;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages of autogen-runtime and autogen-core import each other only along the pipeline of
 * ARCHITECTURE.md, and nothing of autogen-runtime names a class of autogen-core (applications carry the
 * runtime without the generator). Read from the compiled classes: every class a class file names (in
 * its constant pool: classes, field and method types, generic signatures) counts as imported.
 */
class LayeringTest {

    /**
     * What each package may use besides itself and {@code dev.autogen}'s AutogenException; "" is {@code dev.autogen}
     * itself, which also holds the application's entry point (Migrations) over the runner.
     */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
            Map.entry("", Set.of("schema", "script", "runner", "sql")),
            // the Spring Boot auto-configuration drives the entry point
            Map.entry("spring", Set.of("")),
            Map.entry("schema", Set.of()),
            Map.entry("change", Set.of("schema")),
            Map.entry("sql", Set.of("schema", "change")),
            // type names are compared as PostgreSQL prints them, quoted the way sql.Identifiers quotes
            Map.entry("diff", Set.of("schema", "change", "sql")),
            Map.entry("render", Set.of("schema", "change", "sql")),
            Map.entry("script", Set.of("schema", "change")),
            Map.entry("db", Set.of("sql")),
            Map.entry("entity", Set.of()),
            Map.entry("introspect", Set.of("schema")),
            Map.entry("targetschema", Set.of("schema", "change", "sql", "diff", "db", "entity", "introspect")),
            Map.entry("runner", Set.of("schema", "change", "sql", "script")),
            Map.entry("config", Set.of("schema", "db", "entity", "sql")),
            Map.entry("command", Set.of("schema", "change", "sql", "diff", "render", "script", "db", "entity",
                    "introspect", "targetschema", "runner", "config")));

    private static final String ROOT = "dev/autogen/";
    private static final Pattern NAMED = Pattern.compile("L(dev/autogen/[^;<]+)[;<]");

    @Test
    void eachPackageImportsOnlyWhatThePipelineAllows() {
        List<String> violations = new ArrayList<>();
        Set<String> layers = new TreeSet<>();
        Set<String> runtime = new TreeSet<>();
        for (Path file : classFiles(RUNTIME)) {
            runtime.add(internalName(RUNTIME, file));
        }
        for (Path file : classFiles(RUNTIME)) {
            String name = internalName(RUNTIME, file);
            for (String used : referencedClasses(file)) {
                if (!runtime.contains(used.replaceAll("\\$.*", ""))) {
                    violations.add(name.replace('/', '.') + " (autogen-runtime) names " + used.replace('/', '.')
                            + ", which is not in autogen-runtime: applications carry the runtime without the generator");
                }
            }
        }
        List<Path[]> all = new ArrayList<>();
        for (Path root : List.of(RUNTIME, CORE)) {
            for (Path file : classFiles(root)) {
                all.add(new Path[] {root, file});
            }
        }
        for (Path[] rootAndFile : all) {
            Path file = rootAndFile[1];
            String name = internalName(rootAndFile[0], file);
            String from = layer(name);
            layers.add(from);
            Set<String> allowed = MAY_IMPORT.get(from);
            if (allowed == null) {
                violations.add(name.replace('/', '.') + " is in package dev.autogen." + from
                        + ", which has no place in the pipeline: give it one in LayeringTest and ARCHITECTURE.md");
                continue;
            }
            for (String used : referencedClasses(file)) {
                String to = layer(used);
                if (!to.equals(from) && !used.equals(ROOT + "AutogenException") && !allowed.contains(to)) {
                    violations.add(name.replace('/', '.') + " (" + pkg(from) + ") imports "
                            + used.replace('/', '.') + " (" + pkg(to) + "); " + pkg(from) + " may import "
                            + (allowed.isEmpty() ? "nothing of autogen" : new TreeSet<>(allowed.stream().map(LayeringTest::pkg).toList())));
                }
            }
        }
        assertTrue(layers.containsAll(Set.of("change", "command")), "no compiled classes of autogen-core found: " + layers);
        assertTrue(violations.isEmpty(), () -> "Imports against the pipeline:\n" + String.join("\n", violations));
    }

    private static String pkg(String layer) {
        return layer.isEmpty() ? "dev.autogen" : "dev.autogen." + layer;
    }

    /** The first package under dev.autogen ("" for dev.autogen itself): "dev/autogen/change/Change$Visitor" is "change". */
    private static String layer(String internalName) {
        String rest = internalName.substring(ROOT.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    private static final Path RUNTIME = classesOf(Change.class);
    private static final Path CORE = classesOf(Autogen.class);

    /** The root of the compiled classes holding {@code type}: a directory, or a jar (in a reactor past its package phase). */
    private static Path classesOf(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? location : FileSystems.newFileSystem(location).getPath("/");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> classFiles(Path classes) {
        try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String internalName(Path classes, Path file) {
        String relative = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        return relative.substring(0, relative.length() - ".class".length());
    }

    /** The dev.autogen classes a class file's constant pool names, in internal form (dev/autogen/change/Change). */
    private static Set<String> referencedClasses(Path file) {
        Set<String> names = new TreeSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalStateException(file + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> {
                        // UTF-8: class names (CONSTANT_Class points here), descriptors and signatures
                        String text = in.readUTF();
                        if (text.startsWith(ROOT)) {
                            names.add(text);
                        }
                        Matcher named = NAMED.matcher(text);
                        while (named.find()) {
                            names.add(named.group(1));
                        }
                    }
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IllegalStateException(file + ": constant pool tag " + tag + " unknown");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a UTF-8 constant that merely starts with dev/autogen/ may be a resource path, not a class
        names.removeIf(n -> n.contains(".") || n.contains(" "));
        return names;
    }
}
