package dev.autogen.script;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import dev.autogen.AutogenException;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What javac, the compiler the project builds with, makes of a Java source's syntax: its tree, or the first place
 * it refuses. Only the parser runs (no class path, no attribution), which reads a 15 MB migration in about a second
 * where a general-purpose Java parser took ten; and a file that passes here is one javac will not refuse for its syntax.
 */
public final class JavaSyntax {

    /** Where and why javac refuses a source: line and column from 1, the first line of its message. */
    public record Problem(long line, long column, String message) {

        /** " at line L, column C: message" */
        public String where() {
            return " at line " + line + ", column " + column + ": " + message;
        }
    }

    /** The parsed source, or the first syntax error javac reports in it. */
    public record Parsed(Optional<CompilationUnitTree> unit, Optional<Problem> problem) {
    }

    private JavaSyntax() {
    }

    /** Parses {@code source}, named {@code uri} in javac's diagnostics. */
    public static Parsed parse(URI uri, CharSequence source) {
        return parse(List.of(new Source(uri, source))).get(0);
    }

    /** A Java source and the name javac's diagnostics give it. */
    public record Source(URI uri, CharSequence text) {
    }

    /**
     * Parses {@code sources} with one parser, in their order: three hundred small migrations take one compiler's
     * start, not three hundred.
     */
    public static List<Parsed> parse(List<Source> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new AutogenException("Cannot read Java sources: this Java has no compiler (javax.tools). Run Maven with a JDK.");
        }
        List<JavaFileObject> files = new ArrayList<>();
        for (Source source : sources) {
            files.add(new SimpleJavaFileObject(source.uri(), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.text();
                }
            });
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostics, List.of("-proc:none"), null, files);
        // javac hands back its own wrappers of the file objects: each source is known by its URI
        Map<URI, CompilationUnitTree> units = new HashMap<>();
        try {
            for (CompilationUnitTree unit : task.parse()) {
                units.put(unit.getSourceFile().toUri(), unit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<URI, Problem> problems = new HashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                problems.putIfAbsent(d.getSource().toUri(), new Problem(d.getLineNumber(), d.getColumnNumber(),
                        d.getMessage(Locale.ROOT).lines().findFirst().orElse("")));
            }
        }
        List<Parsed> parsed = new ArrayList<>();
        for (JavaFileObject file : files) {
            Problem problem = problems.get(file.toUri());
            CompilationUnitTree unit = units.get(file.toUri());
            parsed.add(problem != null || unit == null
                    ? new Parsed(Optional.empty(), Optional.of(problem != null ? problem : new Problem(1, 1, "no compilation unit")))
                    : new Parsed(Optional.of(unit), Optional.empty()));
        }
        return parsed;
    }
}
