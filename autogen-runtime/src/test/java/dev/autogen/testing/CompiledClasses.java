package dev.autogen.testing;

import dev.autogen.script.Migration;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/** Java sources compiled by javac, as a build compiles an application, and packed into jars as a build packs them. */
public final class CompiledClasses {

    private CompiledClasses() {
    }

    /** The class path entry that holds autogen-runtime's own classes (a directory while its tests run). */
    public static Path runtimeClasses() {
        try {
            return Path.of(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles {@code sources} (class name to text) against autogen-runtime and {@code classPath} into {@code output}. */
    public static Path compile(Path output, Map<String, String> sources, Path... classPath) {
        try {
            Path sourceRoot = Files.createTempDirectory("autogen-sources");
            List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-proc:none", "-classpath",
                    Stream.concat(Stream.of(runtimeClasses()), Stream.of(classPath)).map(Path::toString)
                            .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow()));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
                arguments.add(file.toString());
            }
            Files.createDirectories(output);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
            // the sources were only javac's input: nothing of them stays behind in the temporary directory
            try (Stream<Path> written = Files.walk(sourceRoot)) {
                for (Path path : written.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
            if (status != 0) {
                throw new IllegalStateException("javac failed:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar of a class directory, with directory entries as Maven's jar plugin writes them. */
    public static Path jar(Path classes, Path jar) {
        return jar(jar, null, Map.of("", classes), Map.of());
    }

    /**
     * A jar of class directories, each under a prefix ("" for the root, "BOOT-INF/classes/" as Spring Boot packs an
     * application), with other jars stored uncompressed under their entry names (as BOOT-INF/lib/ must be).
     */
    public static Path jar(Path jar, Manifest manifest, Map<String, Path> directories, Map<String, Path> nestedJars) {
        Manifest written = manifest == null ? new Manifest() : manifest;
        written.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), written)) {
            // JarOutputStream wrote these two with the manifest
            Set<String> made = new HashSet<>(Set.of("META-INF/", "META-INF/MANIFEST.MF"));
            for (Map.Entry<String, Path> directory : directories.entrySet()) {
                parents(directory.getKey(), out, made);
                List<Path> files;
                try (Stream<Path> walk = Files.walk(directory.getValue())) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String name = directory.getKey()
                            + directory.getValue().relativize(file).toString().replace(java.io.File.separatorChar, '/');
                    parents(name, out, made);
                    if (made.add(name)) {
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
            for (Map.Entry<String, Path> nested : nestedJars.entrySet()) {
                parents(nested.getKey(), out, made);
                byte[] bytes = Files.readAllBytes(nested.getValue());
                JarEntry entry = new JarEntry(nested.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                out.putNextEntry(entry);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** The directory entries above {@code name} (and {@code name} itself when it is a directory), each once. */
    private static void parents(String name, JarOutputStream out, Set<String> made) throws IOException {
        int slash = name.indexOf('/');
        while (slash >= 0) {
            String directory = name.substring(0, slash + 1);
            if (made.add(directory)) {
                out.putNextEntry(new JarEntry(directory));
                out.closeEntry();
            }
            slash = name.indexOf('/', slash + 1);
        }
    }

    /** Copies every entry of {@code from} (a jar) into a directory tree under {@code to}. */
    public static Path unpack(Path from, Path to) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(from.toFile())) {
            for (var entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                Path target = to.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var in = jar.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
