package dev.autogen.testing;

import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles a generated migration the way the user's build would, against the test class path. */
public final class InMemoryCompiler {

    private InMemoryCompiler() {
    }

    /** Compiles every migration source in {@code directory}; the loader sees them and the test class path. */
    public static ClassLoader compileDirectory(java.nio.file.Path directory) {
        Map<String, String> sources = new HashMap<>();
        try (var files = java.nio.file.Files.list(directory)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = java.nio.file.Files.readString(file);
                String pkg = text.lines().filter(l -> l.startsWith("package ")).findFirst().orElseThrow()
                        .replace("package ", "").replace(";", "").strip();
                String name = file.getFileName().toString().replace(".java", "");
                sources.put(pkg + "." + name, text);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return compileAll(sources);
    }

    public static Class<?> compile(String className, String source) {
        try {
            return compileAll(Map.of(className, source)).loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Compiles {@code sources} (class name to text) into class files under {@code output}, as a build's javac writes them. */
    public static java.nio.file.Path compileInto(java.nio.file.Path output, Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> files = sourceFiles(sources);
        try {
            java.nio.file.Files.createDirectories(output);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<String> options = List.of("-d", output.toString(), "-proc:none", "-classpath",
                System.getProperty("java.class.path") + java.io.File.pathSeparator + output);
        if (!compiler.getTask(null, null, diagnostics, options, null, files).call()) {
            throw new AssertionError("does not compile: " + diagnostics.getDiagnostics() + "\n" + sources);
        }
        return output;
    }

    public static ClassLoader compileAll(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
        var manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> files = sourceFiles(sources);
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-Xlint:all", "-Werror");
        boolean ok = compiler.getTask(null, manager, diagnostics, options, null, files).call();
        if (!ok) {
            throw new AssertionError("generated migration does not compile: " + diagnostics.getDiagnostics() + "\n" + sources);
        }
        ClassLoader loader = new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] b = bytes.toByteArray();
                return defineClass(name, b, 0, b.length);
            }
        };
        return loader;
    }

    /** Each source (class name to text) as javac's input, named after its class. */
    private static List<JavaFileObject> sourceFiles(Map<String, String> sources) {
        List<JavaFileObject> files = new java.util.ArrayList<>();
        sources.forEach((className, source) -> files.add(new SimpleJavaFileObject(
                URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));
        return files;
    }
}
