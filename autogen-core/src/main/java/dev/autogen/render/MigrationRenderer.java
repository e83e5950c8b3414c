package dev.autogen.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.change.StepNotes;
import dev.autogen.sql.Identifiers;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a migration class from the Mustache template {@code migration.java.mustache}: the
 * upgrade is the list of changes, the downgrade their inverse.
 */
public final class MigrationRenderer {

    public static final String TEMPLATE = "migration.java.mustache";

    /**
     * What one migration file says; {@code parents} has two or more revisions for a merge, else {@code parent} says it.
     *
     * @param notes a line to write above a step of the upgrade, by step (a drop that looks like half of a rename)
     */
    public record MigrationSource(String packageName, String className, String revision, String parent,
                                  String message, String created, List<Change> upgrade, List<String> parents,
                                  Map<Change, String> notes) {
        public MigrationSource {
            upgrade = List.copyOf(upgrade);
            parents = List.copyOf(parents);
            notes = Map.copyOf(notes);
        }

        public MigrationSource(String packageName, String className, String revision, String parent,
                               String message, String created, List<Change> upgrade, List<String> parents) {
            this(packageName, className, revision, parent, message, created, upgrade, parents, Map.of());
        }

        public MigrationSource(String packageName, String className, String revision, String parent,
                               String message, String created, List<Change> upgrade) {
            this(packageName, className, revision, parent, message, created, upgrade, List.of(), Map.of());
        }
    }

    /** The {@code op.*} call a migration makes for {@code change}. */
    public static String call(Change change) {
        return JavaRenderer.call(change);
    }

    private final Path templatesDirectory;

    /** @param templatesDirectory a project's own templates, or null for the ones autogen ships */
    public MigrationRenderer(Path templatesDirectory) {
        this.templatesDirectory = templatesDirectory;
    }

    public String render(MigrationSource source) {
        List<Change> downgrade = Change.inverseOf(source.upgrade());
        Map<String, Object> scope = new HashMap<>();
        scope.put("packageName", source.packageName());
        scope.put("className", source.className());
        scope.put("javadocMessage", commentText(source.message()).replace("\n", "\n * "));
        scope.put("created", source.created());
        scope.put("revisionLiteral", JavaRenderer.literal(source.revision()));
        scope.put("parentLiteral", JavaRenderer.literal(Objects.requireNonNullElse(source.parent(), "")));
        // parent = "..." for a migration on a line, parents = {"...", "..."} for a merge
        scope.put("parentElement", source.parents().isEmpty()
                ? "parent = " + JavaRenderer.literal(Objects.requireNonNullElse(source.parent(), ""))
                : "parents = {" + String.join(", ", source.parents().stream().map(JavaRenderer::literal).toList()) + "}");
        scope.put("messageLiteral", JavaRenderer.literal(source.message()));
        scope.put("createdLiteral", JavaRenderer.literal(source.created()));
        scope.put("usesIdentity", source.upgrade().stream().anyMatch(JavaRenderer::usesIdentity));
        List<String> hazards = StepNotes.of(source.upgrade()).stream().flatMap(notes -> notes.hazard().stream())
                .map(hazard -> oneLine(commentText(hazard.toString()))).toList();
        List<String> notes = source.upgrade().stream().filter(source.notes()::containsKey)
                .map(step -> oneLine(commentText(source.notes().get(step)))).toList();
        scope.put("hasHazards", !hazards.isEmpty() || !notes.isEmpty());
        scope.put("hazards", java.util.stream.Stream.concat(hazards.stream(), notes.stream()).toList());
        String template = templateText();
        // a body larger than javac takes goes into private methods, and those into nested classes, when the template has them
        Layout layout = template.contains("{{#upgradeClasses}}") && template.contains("{{#downgradeClasses}}")
                && template.contains("{{#upgradeCalls}}") && template.contains("{{#downgradeCalls}}") ? Layout.CLASSES
                : template.contains("{{#upgradeParts}}") && template.contains("{{#downgradeParts}}") ? Layout.METHODS : Layout.BODY;
        put(scope, "upgrade", steps(source.upgrade(), source.notes()), layout);
        put(scope, "downgrade", steps(downgrade, Map.of()), layout);

        StringWriter out = new StringWriter();
        compile(template).execute(out, scope);
        String java = out.toString();
        return java;
    }

    /**
     * Source characters of steps one method holds: javac refuses a method of more than 64 KB of bytecode, and an
     * {@code op.*} call compiles to well under half a byte per character of its source.
     */
    static final int CHARACTERS_PER_METHOD = 40_000;

    /**
     * Source characters of steps one class holds: javac refuses a class of more than 65,535 constants, and the steps of
     * a model of a thousand tables (1.4 MB, about thirty names and types a table) come near that in one class.
     */
    static final int CHARACTERS_PER_CLASS = 400_000;

    /** Where a template lets the steps go: the method's body only, private methods, or private methods in nested classes. */
    private enum Layout { BODY, METHODS, CLASSES }

    /**
     * Puts {@code steps} into the scope as {@code name} (the body of that method), or, when they are more than one
     * method holds and the template allows it, as {@code nameParts}: numbered private methods the body calls in order
     * ({@code nameCalls}); and when they are more than one class holds, those methods in numbered nested classes
     * ({@code nameClasses}) instead.
     */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> scope, String name, List<Map<String, Object>> steps, Layout layout) {
        int characters = steps.stream().mapToInt(MigrationRenderer::characters).sum();
        scope.put(name + "Classes", List.of());
        if (layout == Layout.BODY || characters <= CHARACTERS_PER_METHOD) {
            scope.put(name, steps);
            scope.put(name + "Parts", List.of());
            scope.put(name + "Calls", List.of());
            return;
        }
        List<Map<String, Object>> methods = new ArrayList<>();
        for (List<Map<String, Object>> part : split(steps, CHARACTERS_PER_METHOD)) {
            int first = methods.isEmpty() ? 1 : (int) methods.get(methods.size() - 1).get("last") + 1;
            methods.add(part(methods.size() + 1, first, part));
        }
        scope.put(name, List.of());
        if (layout == Layout.METHODS || characters <= CHARACTERS_PER_CLASS) {
            scope.put(name + "Parts", methods);
            scope.put(name + "Calls", methods.stream().map(m -> Map.of("call", name + m.get("number"))).toList());
            return;
        }
        // a nested class's methods sit one level deeper: so do the continuation lines of their steps
        methods.replaceAll(m -> {
            List<Map<String, Object>> deeper = new ArrayList<>();
            for (Map<String, Object> step : (List<Map<String, Object>>) m.get("steps")) {
                Map<String, Object> copy = new HashMap<>(step);
                copy.put("code", ((String) step.get("code")).replace("\n", "\n    "));
                deeper.add(copy);
            }
            return part((int) m.get("number"), (int) m.get("first"), deeper);
        });
        List<Map<String, Object>> classes = new ArrayList<>();
        List<Map<String, Object>> calls = new ArrayList<>();
        String type = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        int perClass = CHARACTERS_PER_CLASS / CHARACTERS_PER_METHOD;
        for (int from = 0; from < methods.size(); from += perClass) {
            List<Map<String, Object>> group = methods.subList(from, Math.min(methods.size(), from + perClass));
            int number = classes.size() + 1;
            classes.add(Map.of("number", number, "first", group.get(0).get("first"),
                    "last", group.get(group.size() - 1).get("last"), "parts", group));
            group.forEach(m -> calls.add(Map.of("call", type + number + "." + name + m.get("number"))));
        }
        scope.put(name + "Parts", List.of());
        scope.put(name + "Calls", calls);
        scope.put(name + "Classes", classes);
    }

    /** {@code steps} in runs of at most {@code characters} of source each (a longer step is a run of its own). */
    private static List<List<Map<String, Object>>> split(List<Map<String, Object>> steps, int characters) {
        List<List<Map<String, Object>>> runs = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        int size = 0;
        for (Map<String, Object> step : steps) {
            int length = characters(step);
            if (!current.isEmpty() && size + length > characters) {
                runs.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(step);
            size += length;
        }
        runs.add(current);
        return runs;
    }

    private static Map<String, Object> part(int number, int first, List<Map<String, Object>> steps) {
        return Map.of("number", number, "first", first, "last", first + steps.size() - 1, "steps", steps);
    }

    private static int characters(Map<String, Object> step) {
        return ((String) step.get("code")).length();
    }

    private static List<Map<String, Object>> steps(List<Change> changes, Map<Change, String> lines) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepNotes notes : StepNotes.of(changes)) {
            Map<String, Object> step = new HashMap<>();
            step.put("code", JavaRenderer.call(notes.change()));
            step.put("hazard", notes.hazard().map(hazard -> oneLine(commentText(hazard.toString()))).orElse(null));
            step.put("recipe", notes.hazard().isPresent() ? recipe(notes.change()) : null);
            step.put("note", lines.containsKey(notes.change()) ? oneLine(commentText(lines.get(notes.change()))) : null);
            step.put("locks", notes.locksLine().map(line -> oneLine(commentText(line))).orElse(null));
            steps.add(step);
        }
        return steps;
    }

    /**
     * For a NOT NULL column without a default added to a table with rows, which fails on the first row: the recipe that
     * fills it instead, as comment lines (null for any other step). The value is the reviewer's to write.
     */
    private static List<String> recipe(Change change) {
        if (!(change instanceof Change.AddColumn add) || add.column().nullable() || add.column().defaultValue() != null
                || add.column().identity() != null || add.column().generatedAlwaysAs() != null) {
            return null;
        }
        String column = add.column().name();
        String quoted = Identifiers.quote(column);
        List<String> lines = new ArrayList<>();
        lines.add("To keep the rows: add the column nullable, fill it in batches (each committed on its own), then require it;");
        lines.add("online, NOT NULL is set over a validated check, without a long lock. Write the value in place of ...:");
        for (Change step : List.of(new Change.AddColumn(add.table(), add.column().withNullable(true)),
                new Change.Backfill(add.table(), quoted + " = ...", quoted + " IS NULL", 10_000),
                new Change.AlterColumnNullable(add.table(), column, false))) {
            lines.add("  " + JavaRenderer.call(step));
        }
        return lines.stream().map(line -> oneLine(commentText(line))).toList();
    }

    /**
     * Text that goes into a comment. javac turns unicode escapes into characters before it sees comments,
     * so a backslash (which could start one, as {@code \}{@code u002a/} would close the comment) and
     * {@code *}{@code /} are written as HTML entities, which Javadoc shows as the characters they stand for.
     */
    static String commentText(String text) {
        return text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A line comment ends at the line break. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ');
    }

    private static Mustache compile(String template) {
        MustacheFactory factory = new DefaultMustacheFactory() {
            // Java source, not HTML: nothing is escaped
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return factory.compile(new java.io.StringReader(template), TEMPLATE);
    }

    private String templateText() {
        try (Reader reader = openTemplate()) {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reader openTemplate() throws IOException {
        if (templatesDirectory != null) {
            Path custom = templatesDirectory.resolve(TEMPLATE);
            if (!Files.isRegularFile(custom)) {
                throw new AutogenException("Template " + custom + " does not exist: put " + TEMPLATE
                        + " in the templates directory or remove that setting");
            }
            return Files.newBufferedReader(custom, StandardCharsets.UTF_8);
        }
        var in = MigrationRenderer.class.getResourceAsStream("templates/" + TEMPLATE);
        if (in == null) {
            throw new IllegalStateException("autogen-core is missing its template " + TEMPLATE);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
