package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.script.Migration;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a rendered migration in memory against the project's class path, as the project's
 * build will, so that a file javac rejects is never written.
 */
final class MigrationCompiler {

    private MigrationCompiler() {
    }

    /** The compiled migration, loaded beside the project's classes. */
    static Migration compile(String className, String source, ClassLoader project) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new AutogenException("Cannot compile the migration before writing it: this Java has no compiler "
                    + "(javax.tools). Run Maven with a JDK.");
        }
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
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", classPath(project), "-proc:none", "-encoding", "UTF-8");
        if (!compiler.getTask(null, manager, diagnostics, options, null, List.of(file)).call()) {
            String errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null).lines().findFirst().orElse(""))
                    .reduce((a, b) -> a + "; " + b).orElse("");
            throw new MigrationNotProven("compiling it", "javac rejects it (" + errors + ")");
        }
        ClassLoader loader = new ClassLoader(project) {
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
        try {
            return (Migration) loader.loadClass(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new MigrationNotProven("loading it", e.toString());
        }
    }

    /** The class path the project's class loader sees: its URLs and its parents', and the JVM's own. */
    private static String classPath(ClassLoader project) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = project; loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    file(url).ifPresent(entries::add);
                }
            }
        }
        // autogen's own classes, wherever the loader found them
        var codeSource = Migration.class.getProtectionDomain().getCodeSource();
        if (codeSource != null && codeSource.getLocation() != null) {
            file(codeSource.getLocation()).ifPresent(entries::add);
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static java.util.Optional<String> file(URL url) {
        try {
            return url.getProtocol().equals("file") ? java.util.Optional.of(Path.of(url.toURI()).toString())
                    : java.util.Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
