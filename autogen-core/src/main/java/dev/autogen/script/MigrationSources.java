package dev.autogen.script;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import dev.autogen.AutogenException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The migrations of a project as their source files declare them, read with javac's parser without
 * compiling anything, so that the history is known (and broken files are reported) before a build.
 */
public final class MigrationSources {

    private MigrationSources() {
    }

    /** Reads every migration source file in {@code directory}; a missing directory means no migrations. */
    public static RevisionGraph read(Path directory) {
        List<MigrationFile> migrations = new ArrayList<>();
        readFiles(files(directory)).forEach(declared -> declared.ifPresent(migrations::add));
        return RevisionGraph.of(migrations);
    }

    /** The Java source files in {@code directory}, by name; none when it does not exist. */
    public static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The migration {@code file} declares, or empty when it declares none (a helper class beside the
     * migrations); a file that does not parse, or a migration without its place in the history, is refused.
     */
    public static Optional<MigrationFile> readFile(Path file) {
        return readFiles(List.of(file)).get(0);
    }

    /** Source characters parsed at once: many small files share one parser, and a few large ones do not fill the heap. */
    private static final long CHARACTERS_AT_ONCE = 4_000_000;

    /** What each of {@code files} declares ({@link #readFile}), in their order; the first file refused is thrown. */
    public static List<Optional<MigrationFile>> readFiles(List<Path> files) {
        List<Optional<MigrationFile>> declared = new ArrayList<>();
        List<Path> chunk = new ArrayList<>();
        List<JavaSyntax.Source> sources = new ArrayList<>();
        long characters = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new AutogenException("Cannot read the migration file " + file + ": " + e.getMessage(), e);
            }
            chunk.add(file);
            sources.add(new JavaSyntax.Source(file.toUri(), text));
            characters += text.length();
            if (characters >= CHARACTERS_AT_ONCE || i == files.size() - 1) {
                List<JavaSyntax.Parsed> parsed = JavaSyntax.parse(sources);
                for (int k = 0; k < chunk.size(); k++) {
                    declared.add(declared(chunk.get(k), parsed.get(k)));
                }
                chunk.clear();
                sources.clear();
                characters = 0;
            }
        }
        return declared;
    }

    private static Optional<MigrationFile> declared(Path file, JavaSyntax.Parsed parsed) {
        if (parsed.problem().isPresent()) {
            throw new AutogenException("Migration file " + file + " does not parse" + parsed.problem().get().where()
                    + ". Fix the file or remove it.");
        }
        CompilationUnitTree unit = parsed.unit().orElseThrow();
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
        List<ClassTree> types = unit.getTypeDecls().stream().filter(ClassTree.class::isInstance).map(ClassTree.class::cast).toList();
        for (ClassTree type : types) {
            Optional<? extends AnnotationTree> annotation = type.getModifiers().getAnnotations().stream()
                    .filter(a -> a.getAnnotationType().toString().equals("Revision")
                            || a.getAnnotationType().toString().equals(Revision.class.getName()))
                    .findFirst();
            if (annotation.isPresent()) {
                Map<String, String> values = new HashMap<>();
                List<String> merged = List.of();
                for (ExpressionTree argument : annotation.get().getArguments()) {
                    if (!(argument instanceof AssignmentTree pair)) {
                        continue;
                    }
                    String name = pair.getVariable().toString();
                    if (name.equals("parents")) {
                        merged = parents(pair.getExpression(), file);
                    } else {
                        values.put(name, literal(pair.getExpression(), file, "@Revision(" + name + ") must be a string literal"));
                    }
                }
                List<String> parents = MigrationFile.parents(values.getOrDefault("parent", ""), merged, "Migration file " + file);
                String id = values.get("id");
                if (id == null || id.isBlank()) {
                    throw new AutogenException("Migration file " + file + " has a @Revision without an id. Give it one.");
                }
                return Optional.of(new MigrationFile(id, parents, values.getOrDefault("message", ""),
                        values.getOrDefault("created", ""), pkg + type.getSimpleName(), file));
            }
        }
        // a migration without its place in the history would never run, while check-migrations and upgrade pass
        for (ClassTree type : types) {
            if (type.getKind() == Tree.Kind.CLASS && !type.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.ABSTRACT)
                    && type.getImplementsClause().stream().anyMatch(MigrationSources::namesMigration)) {
                throw new AutogenException("Migration file " + file + ": class " + type.getSimpleName()
                        + " implements Migration but has no @Revision, so it would never run. Give it @Revision(id = \"...\", "
                        + "parent = \"...\"), or move it out of the migrations package.");
            }
        }
        return Optional.empty();
    }

    /** {@code Migration}, or a qualified name ending in it. */
    private static boolean namesMigration(Tree type) {
        return type instanceof IdentifierTree id && id.getName().contentEquals("Migration")
                || type instanceof MemberSelectTree select && select.getIdentifier().contentEquals("Migration");
    }

    /** The revisions of {@code parents = {"...", "..."}} (a merge's). */
    private static List<String> parents(ExpressionTree value, Path file) {
        List<? extends ExpressionTree> values = value instanceof NewArrayTree array && array.getInitializers() != null
                ? array.getInitializers() : List.of(value);
        List<String> parents = new ArrayList<>();
        for (ExpressionTree each : values) {
            parents.add(literal(each, file, "@Revision(parents) must list string literals"));
        }
        return parents;
    }

    private static String literal(ExpressionTree value, Path file, String rule) {
        if (value instanceof LiteralTree literal && literal.getValue() instanceof String string) {
            return string;
        }
        throw new AutogenException("Migration file " + file + ": " + rule + ", found " + value + ".");
    }

}
