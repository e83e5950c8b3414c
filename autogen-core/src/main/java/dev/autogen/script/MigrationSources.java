package dev.autogen.script;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
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
 * The migrations of a project as their source files declare them, read with JavaParser without
 * compiling anything, so that the history is known (and broken files are reported) before a build.
 */
public final class MigrationSources {

    private MigrationSources() {
    }

    /** Reads every migration source file in {@code directory}; a missing directory means no migrations. */
    public static RevisionGraph read(Path directory) {
        List<MigrationFile> migrations = new ArrayList<>();
        for (Path file : files(directory)) {
            readFile(file).ifPresent(migrations::add);
        }
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
        ParseResult<CompilationUnit> result;
        try {
            // only the declarations are read: no tokens kept, no comments attributed (a third less time on a 1.5 MB
            // file); a file that does not parse is parsed again with its tokens, which place the error
            result = parser(false).parse(file);
            if (!result.isSuccessful()) {
                result = parser(true).parse(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            Problem problem = result.getProblems().get(0);
            String where = problem.getLocation().flatMap(l -> l.getBegin().getRange())
                    .map(r -> " at line " + r.begin.line + ", column " + r.begin.column).orElse("");
            throw new AutogenException("Migration file " + file + " does not parse" + where + ": "
                    + problem.getMessage().lines().findFirst().orElse("") + ". Fix the file or remove it.");
        }
        CompilationUnit unit = result.getResult().get();
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        for (TypeDeclaration<?> type : unit.getTypes()) {
            Optional<AnnotationExpr> annotation = type.getAnnotations().stream()
                    .filter(a -> a.getNameAsString().equals("Revision") || a.getNameAsString().equals(Revision.class.getName()))
                    .findFirst();
            if (annotation.isPresent()) {
                Map<String, String> values = values(annotation.get(), file);
                List<String> parents = MigrationFile.parents(values.getOrDefault("parent", ""), parents(annotation.get(), file),
                        "Migration file " + file);
                String id = values.get("id");
                if (id == null || id.isBlank()) {
                    throw new AutogenException("Migration file " + file + " has a @Revision without an id. Give it one.");
                }
                return Optional.of(new MigrationFile(id, parents, values.getOrDefault("message", ""),
                        values.getOrDefault("created", ""), pkg + type.getNameAsString(), file));
            }
        }
        // a migration without its place in the history would never run, while check-migrations and upgrade pass
        for (TypeDeclaration<?> type : unit.getTypes()) {
            if (type instanceof ClassOrInterfaceDeclaration declaration && !declaration.isInterface() && !declaration.isAbstract()
                    && declaration.getImplementedTypes().stream().anyMatch(t -> t.getNameAsString().equals("Migration")
                    || t.getNameWithScope().equals(Migration.class.getName()))) {
                throw new AutogenException("Migration file " + file + ": class " + declaration.getNameAsString()
                        + " implements Migration but has no @Revision, so it would never run. Give it @Revision(id = \"...\", "
                        + "parent = \"...\"), or move it out of the migrations package.");
            }
        }
        return Optional.empty();
    }

    private static JavaParser parser(boolean tokens) {
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setStoreTokens(tokens).setAttributeComments(false).setDetectOriginalLineSeparator(false));
    }

    /** The revisions of {@code parents = {"...", "..."}} (a merge's), or none. */
    private static List<String> parents(AnnotationExpr annotation, Path file) {
        if (!(annotation instanceof NormalAnnotationExpr normal)) {
            return List.of();
        }
        for (MemberValuePair pair : normal.getPairs()) {
            if (pair.getNameAsString().equals("parents")) {
                List<Expression> values = pair.getValue() instanceof ArrayInitializerExpr array ? array.getValues()
                        : List.of(pair.getValue());
                List<String> parents = new ArrayList<>();
                for (Expression value : values) {
                    if (!(value instanceof StringLiteralExpr literal)) {
                        throw new AutogenException("Migration file " + file + ": @Revision(parents) must list string literals, found "
                                + value + ".");
                    }
                    parents.add(literal.asString());
                }
                return parents;
            }
        }
        return List.of();
    }

    private static Map<String, String> values(AnnotationExpr annotation, Path file) {
        Map<String, String> values = new HashMap<>();
        if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                Expression value = pair.getValue();
                if (pair.getNameAsString().equals("parents")) {
                    continue;
                }
                if (!(value instanceof StringLiteralExpr literal)) {
                    throw new AutogenException("Migration file " + file + ": @Revision(" + pair.getNameAsString()
                            + ") must be a string literal, found " + value + ".");
                }
                values.put(pair.getNameAsString(), literal.asString());
            }
        }
        return values;
    }

}
