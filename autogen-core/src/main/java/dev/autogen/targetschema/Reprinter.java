package dev.autogen.targetschema;

import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.db.ServerShortage;
import dev.autogen.db.StatementBatches;
import dev.autogen.diff.Renames;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.introspect.Introspector;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.Domain;
import dev.autogen.schema.Index;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.sql.Identifiers;
import dev.autogen.sql.PostgresSql;
import dev.autogen.sql.ScratchSql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * PostgreSQL does not always print an expression the way it prints that printout once parsed
 * again: Hibernate's {@code status in ('A','B')} reads back as
 * {@code ARRAY['A'::character varying, ...]::text[]}, which reads back as
 * {@code ARRAY['A'::character varying::text, ...]}. The expressions of both sides of a comparison
 * (check constraints, defaults, generation expressions, index expressions and predicates, and those
 * of domains) are therefore created once more from their own printout on a scratch database and read
 * back, so that what is compared is PostgreSQL's settled print of each.
 *
 * <p>Everything else PostgreSQL prints the same way however often it is read (types, names, sequences,
 * keys), so only the expressions go to the scratch database, in one batch: one throw-away table per
 * distinct shape (the columns an expression can refer to, with its expressions), shared by every table
 * of that shape, next to the enum types, domains and sequences the expressions name.
 */
public final class Reprinter {

    /** The schema of the throw-away tables, on a scratch database of their own. */
    private static final String SHAPES = "autogen_reprint";

    private final ScratchAdmin scratch;
    private final Consumer<String> warn;

    public Reprinter(ScratchAdmin scratch, Consumer<String> warn) {
        this.scratch = scratch;
        this.warn = warn;
    }

    /** Installs extensions on a scratch database, in the schemas they have where they came from. */
    static void createExtensions(Statement statement, Map<String, String> extensions) throws SQLException {
        for (var extension : extensions.entrySet()) {
            for (String sql : ScratchSql.createExtension(extension.getKey(), extension.getValue())) {
                statement.execute(sql);
            }
        }
    }

    public Schema reprint(Schema schema) {
        Shapes shapes = Shapes.of(schema);
        boolean domainExpressions = schema.domains().values().stream()
                .anyMatch(d -> d.defaultValue() != null || !d.checks().isEmpty());
        if (shapes.distinct.isEmpty() && !domainExpressions) {
            return schema;
        }
        String shapeSchema = SHAPES;
        for (int n = 1; schema.schemaNames().contains(shapeSchema); n++) {
            shapeSchema = SHAPES + "_" + n;
        }
        Schema throwAway = shapes.throwAway(schema, shapeSchema);
        // the scratch database starts with public and the schemas its extensions are installed in
        Set<String> existing = new TreeSet<>(schema.extensions().values());
        existing.add("public");
        existing.retainAll(throwAway.schemaNames());
        List<Change> create = SchemaDiff.compare(Schema.of(existing, List.of(), List.of()), throwAway);
        try (ScratchDatabase database = scratch.create("reprint"); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            createExtensions(statement, schema.extensions());
            StatementBatches.run(connection, PostgresSql.statements(create));
            return shapes.reprinted(schema, new Introspector(name -> false).read(connection, throwAway.schemaNames()), shapeSchema);
        } catch (SQLException e) {
            failIfServerFailed(e, "reprint the schema's expressions");
            // objects this build cannot recreate on an empty database (types from extensions, say) are compared as printed
            warn.accept("Comparing the schema as printed: it cannot be recreated on a scratch database (" + e.getMessage() + ")");
            return schema;
        }
    }

    /**
     * Fails when the scratch server, not the schema, is why a reprint failed: it ran short of a resource (SQLSTATE class
     * 53), the connection broke (08), it was stopped or cancelled (57), or it failed itself (58, XX). Expressions
     * compared as printed may differ where the schemas do not, so going on would report changes that are not there.
     */
    private static void failIfServerFailed(SQLException e, String doing) {
        ServerShortage.stopped(doing + " on a scratch database", e).ifPresent(stopped -> {
            throw stopped;
        });
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("57") || state.startsWith("58") || state.startsWith("XX")) {
            throw new AutogenException("Cannot " + doing + " on a scratch database: the scratch PostgreSQL failed (SQLSTATE "
                    + state + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "). Run again; if it "
                    + "fails again, its log says why.", e);
        }
    }

    /**
     * The schema as PostgreSQL prints it once {@code renames} have run on it: checks, indexes and generated
     * columns that use a renamed column are PostgreSQL's own print of them, foreign keys renamed with the
     * columns and tables they name.
     */
    public Schema reprint(Schema schema, List<Change> renames) {
        if (renames.isEmpty()) {
            return reprint(schema);
        }
        // renamed columns change the expressions that use them: the whole schema is built, renamed and read back.
        // The scratch database starts with public and the schemas its extensions are installed in
        Set<String> existing = new TreeSet<>(schema.extensions().values());
        existing.add("public");
        existing.retainAll(schema.schemaNames());
        Schema empty = Schema.of(existing, List.of(), List.of());
        // foreign keys hold nothing PostgreSQL prints, and may point at tables left out: they are kept as they are
        Schema withoutForeignKeys = Schema.of(schema.schemaNames(), schema.enumTypes().values(), schema.domains().values(),
                schema.tables().values().stream().map(t -> t.withForeignKeys(List.of())).toList(),
                schema.sequences().values(), schema.unmanaged());
        List<Change> create = SchemaDiff.compare(empty, withoutForeignKeys);
        try (ScratchDatabase database = scratch.create("reprint"); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            createExtensions(statement, schema.extensions());
            StatementBatches.run(connection, PostgresSql.statements(create));
            StatementBatches.run(connection, PostgresSql.statements(renames));
            Schema reprinted = new Introspector(name -> false).read(connection, schema.schemaNames());
            return Schema.of(reprinted.schemaNames(), reprinted.enumTypes().values(), reprinted.domains().values(),
                    reprinted.tables().values().stream()
                            .map(t -> t.withForeignKeys(Renames.foreignKeysAfter(schema, t.name(), renames))).toList(),
                    reprinted.sequences().values(), schema.unmanaged()).withExtensions(schema.extensions());
        } catch (SQLException e) {
            failIfServerFailed(e, "make the renames of autogen.renames");
            throw new AutogenException("Cannot make the renames of autogen.renames on a scratch database: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What of a table PostgreSQL may print differently once its printout is parsed again: the columns (only
     * their names and types matter to an expression), with their defaults and generation expressions, the
     * check expressions and the indexes that have an expression or a predicate. Two tables of the same shape
     * have their expressions printed alike, whatever their names.
     */
    private record Shape(List<Column> columns, List<String> checks, List<Index> indexes) {

        static Shape of(Table table) {
            List<Column> columns = table.columns().stream()
                    .map(c -> new Column(c.name(), c.type(), true, c.defaultValue(), null, null, c.generatedAlwaysAs()))
                    .toList();
            List<String> checks = table.checks().stream().map(CheckConstraint::expression).toList();
            List<Index> indexes = table.indexes().stream().filter(i -> hasExpression(i, table)).map(i -> i.withName(null)).toList();
            return new Shape(columns, checks, indexes);
        }

        boolean hasExpressions() {
            return !checks.isEmpty() || !indexes.isEmpty()
                    || columns.stream().anyMatch(c -> c.defaultValue() != null || c.generatedAlwaysAs() != null);
        }

        /** The throw-away table of this shape: its checks and indexes named by their position. */
        Table table(QualifiedName name) {
            List<CheckConstraint> namedChecks = new ArrayList<>();
            for (int k = 0; k < checks.size(); k++) {
                namedChecks.add(new CheckConstraint(checkName(k), checks.get(k)));
            }
            List<Index> namedIndexes = new ArrayList<>();
            for (int k = 0; k < indexes.size(); k++) {
                namedIndexes.add(indexes.get(k).withName(indexName(name, k)));
            }
            return new Table(name, columns, null, List.of(), namedChecks, List.of(), namedIndexes, null);
        }

        static String checkName(int position) {
            return "check_" + position;
        }

        static String indexName(QualifiedName table, int position) {
            return table.name() + "_index_" + position;
        }
    }

    /**
     * A key of an index is a plain column when PostgreSQL prints it as the column's name, maybe followed by
     * an operator class and an ordering; an expression it prints parenthesized or as a function call.
     */
    private static boolean hasExpression(Index index, Table table) {
        if (index.where() != null) {
            return true;
        }
        for (String key : index.keys()) {
            boolean column = table.columns().stream().map(c -> Identifiers.quote(c.name()))
                    .anyMatch(name -> key.equals(name) || key.startsWith(name + " "));
            if (!column) {
                return true;
            }
        }
        return false;
    }

    /** The distinct shapes of a schema's tables, and which table has which. */
    private static final class Shapes {
        final Map<Shape, Integer> distinct = new LinkedHashMap<>();
        final Map<QualifiedName, Integer> byTable = new HashMap<>();

        static Shapes of(Schema schema) {
            Shapes shapes = new Shapes();
            for (Table table : schema.tables().values()) {
                Shape shape = Shape.of(table);
                if (shape.hasExpressions()) {
                    shapes.byTable.put(table.name(), shapes.distinct.computeIfAbsent(shape, s -> shapes.distinct.size()));
                }
            }
            return shapes;
        }

        static QualifiedName tableName(String shapeSchema, int shape) {
            return new QualifiedName(shapeSchema, "shape_" + shape);
        }

        /**
         * The throw-away tables, with the enum types and domains of {@code schema} (a column may be of one) and
         * the sequences an expression may name (a default's nextval), without their owners.
         */
        Schema throwAway(Schema schema, String shapeSchema) {
            List<Table> tables = new ArrayList<>();
            List<String> expressions = new ArrayList<>();
            distinct.forEach((shape, number) -> {
                tables.add(shape.table(tableName(shapeSchema, number)));
                shape.columns().forEach(c -> {
                    expressions.add(c.defaultValue());
                    expressions.add(c.generatedAlwaysAs());
                });
                expressions.addAll(shape.checks());
                shape.indexes().forEach(i -> {
                    expressions.addAll(i.keys());
                    expressions.add(i.where());
                });
            });
            schema.domains().values().forEach(d -> {
                expressions.add(d.defaultValue());
                d.checks().forEach(c -> expressions.add(c.expression()));
            });
            String named = String.join("\n", expressions.stream().filter(e -> e != null).toList());
            List<Sequence> sequences = schema.sequences().values().stream()
                    .filter(s -> named.contains(s.name().name())).map(s -> s.ownedBy(null)).toList();
            Set<String> schemaNames = new TreeSet<>(schema.schemaNames());
            schemaNames.add(shapeSchema);
            return Schema.of(schemaNames, schema.enumTypes().values(), schema.domains().values(), tables, sequences, List.of());
        }

        /** {@code schema} with the expressions as {@code read} (the throw-away database) prints them. */
        Schema reprinted(Schema schema, Schema read, String shapeSchema) {
            List<Table> tables = new ArrayList<>();
            for (Table table : schema.tables().values()) {
                Integer shape = byTable.get(table.name());
                tables.add(shape == null ? table : reprinted(table, read.tables().get(tableName(shapeSchema, shape))));
            }
            List<Domain> domains = schema.domains().values().stream()
                    .map(d -> read.domains().getOrDefault(d.name(), d)).toList();
            return Schema.of(schema.schemaNames(), schema.enumTypes().values(), domains, tables, schema.sequences().values(),
                    schema.unmanaged()).withExtensions(schema.extensions());
        }

        private static Table reprinted(Table table, Table shape) {
            List<Column> columns = new ArrayList<>();
            for (int k = 0; k < table.columns().size(); k++) {
                Column column = table.columns().get(k);
                Column printed = shape.columns().get(k);
                columns.add(new Column(column.name(), column.type(), column.nullable(), printed.defaultValue(),
                        column.identity(), column.comment(), printed.generatedAlwaysAs(), column.identityOptions()));
            }
            Map<String, String> checks = new HashMap<>();
            shape.checks().forEach(c -> checks.put(c.name(), c.expression()));
            List<CheckConstraint> reprintedChecks = new ArrayList<>();
            for (int k = 0; k < table.checks().size(); k++) {
                reprintedChecks.add(new CheckConstraint(table.checks().get(k).name(), checks.get(Shape.checkName(k))));
            }
            Map<String, Index> indexes = new HashMap<>();
            shape.indexes().forEach(i -> indexes.put(i.name(), i));
            List<Index> reprintedIndexes = new ArrayList<>();
            int position = 0;
            for (Index index : table.indexes()) {
                if (hasExpression(index, table)) {
                    reprintedIndexes.add(indexes.get(Shape.indexName(shape.name(), position++)).withName(index.name()));
                } else {
                    reprintedIndexes.add(index);
                }
            }
            return new Table(table.name(), columns, table.primaryKey(), table.uniqueConstraints(), reprintedChecks,
                    table.foreignKeys(), reprintedIndexes, table.comment());
        }
    }
}
