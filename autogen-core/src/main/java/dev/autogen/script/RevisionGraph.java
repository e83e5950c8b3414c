package dev.autogen.script;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The history of migrations, read from their source files with JavaParser: a single line from the
 * first migration (base) to the newest (head). Broken files, unknown parents and two heads are
 * reported before anything runs.
 */
public final class RevisionGraph {

    private final List<MigrationFile> ordered;

    private RevisionGraph(List<MigrationFile> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    /** The migrations from base to head. */
    public List<MigrationFile> ordered() {
        return ordered;
    }

    public boolean isEmpty() {
        return ordered.isEmpty();
    }

    /** The newest revision id, or null when there is no migration yet. */
    public String head() {
        return ordered.isEmpty() ? null : ordered.get(ordered.size() - 1).revision();
    }

    public Optional<MigrationFile> find(String revision) {
        return ordered.stream().filter(m -> m.revision().equals(revision)).findFirst();
    }

    /** Position of a revision from base: 0 for the first migration, -1 for base (none applied). */
    public int indexOf(String revision) {
        if (revision == null) {
            return -1;
        }
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).revision().equals(revision)) {
                return i;
            }
        }
        throw new AutogenException("Unknown revision " + revision + ": no migration file declares it");
    }

    /** Reads every migration source file in {@code directory}; a missing directory means no migrations. */
    public static RevisionGraph read(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new RevisionGraph(List.of());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<MigrationFile> migrations = new ArrayList<>();
        JavaParser parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        for (Path file : files) {
            readFile(parser, file).ifPresent(migrations::add);
        }
        return of(migrations);
    }

    private static Optional<MigrationFile> readFile(JavaParser parser, Path file) {
        ParseResult<CompilationUnit> result;
        try {
            result = parser.parse(file);
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
                String id = values.get("id");
                if (id == null || id.isBlank()) {
                    throw new AutogenException("Migration file " + file + " has a @Revision without an id. Give it one.");
                }
                return Optional.of(new MigrationFile(id, values.getOrDefault("parent", ""), values.getOrDefault("message", ""),
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

    private static Map<String, String> values(AnnotationExpr annotation, Path file) {
        Map<String, String> values = new HashMap<>();
        if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                Expression value = pair.getValue();
                if (!(value instanceof StringLiteralExpr literal)) {
                    throw new AutogenException("Migration file " + file + ": @Revision(" + pair.getNameAsString()
                            + ") must be a string literal, found " + value + ".");
                }
                values.put(pair.getNameAsString(), literal.asString());
            }
        }
        return values;
    }

    /** Orders migrations into one line from base to head, or says why they do not form one. */
    public static RevisionGraph of(List<MigrationFile> migrations) {
        Map<String, MigrationFile> byId = new LinkedHashMap<>();
        for (MigrationFile m : migrations) {
            MigrationFile previous = byId.put(m.revision(), m);
            if (previous != null) {
                throw new AutogenException("Two migrations declare revision " + m.revision() + ": " + previous.file()
                        + " and " + m.file() + ". Give one of them a new id.");
            }
        }
        Map<String, List<MigrationFile>> children = new HashMap<>();
        for (MigrationFile m : migrations) {
            if (!m.isFirst() && !byId.containsKey(m.parent())) {
                throw new AutogenException("Migration " + m.file() + " follows revision " + m.parent()
                        + ", which no migration file declares. Restore that migration or fix the parent.");
            }
            children.computeIfAbsent(m.isFirst() ? "" : m.parent(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<MigrationFile>> entry : children.entrySet()) {
            if (entry.getValue().size() > 1) {
                String parent = entry.getKey().isEmpty() ? "base (no parent)" : "revision " + entry.getKey();
                List<MigrationFile> heads = entry.getValue().stream().sorted(Comparator.comparing(MigrationFile::className)).toList();
                MigrationFile tip = heads.get(0);
                while (children.containsKey(tip.revision()) && children.get(tip.revision()).size() == 1) {
                    tip = children.get(tip.revision()).get(0);
                }
                throw new AutogenException("Two heads: " + heads.stream().map(MigrationFile::simpleClassName)
                        .collect(Collectors.joining(" and ")) + " both follow " + parent + ". Set the parent of "
                        + heads.get(heads.size() - 1).simpleClassName() + " to \"" + tip.revision()
                        + "\" so that one follows the other, then run again.");
            }
        }
        List<MigrationFile> ordered = new ArrayList<>();
        String parent = "";
        while (children.containsKey(parent)) {
            MigrationFile next = children.get(parent).get(0);
            ordered.add(next);
            parent = next.revision();
        }
        if (ordered.size() != migrations.size()) {
            throw new AutogenException("The migrations do not form one line from base: check the parent revisions of "
                    + migrations.stream().filter(m -> !ordered.contains(m)).map(MigrationFile::simpleClassName)
                    .collect(Collectors.joining(", ")) + ".");
        }
        return new RevisionGraph(ordered);
    }
}
