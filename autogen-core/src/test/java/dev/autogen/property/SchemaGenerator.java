package dev.autogen.property;

import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Identity;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Random schemas PostgreSQL accepts, and random edits of them, from a seed. Every table has a
 * bigint primary key {@code id}, so foreign keys always have a target of the right type.
 */
final class SchemaGenerator {

    private static final List<String> TYPES = List.of("integer", "bigint", "smallint", "text", "character varying(40)",
            "character varying(200)", "numeric(10,2)", "numeric(12,4)", "boolean", "timestamp with time zone",
            "timestamp without time zone", "date", "uuid", "jsonb", "double precision", "real", "bytea", "text[]",
            "integer[]", "interval", "inet");
    private static final List<String> SCHEMAS = List.of("public", "extra");
    private static final List<String> ACTIONS = List.of("NO ACTION", "RESTRICT", "CASCADE", "SET NULL");

    private final Random random;

    SchemaGenerator(long seed) {
        this.random = new Random(seed);
    }

    Schema schema() {
        Map<QualifiedName, Table> tables = new LinkedHashMap<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            QualifiedName name = new QualifiedName(pick(SCHEMAS), "t" + random.nextInt(6));
            tables.putIfAbsent(name, table(name));
        }
        List<Sequence> sequences = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            sequences.add(sequence(new QualifiedName(pick(SCHEMAS), "seq" + random.nextInt(4))));
        }
        return withForeignKeys(build(tables.values(), sequences));
    }

    /** An edit of {@code schema}: some tables, columns, constraints, indexes and sequences changed. */
    Schema mutate(Schema schema) {
        Map<QualifiedName, Table> tables = new LinkedHashMap<>(schema.tables());
        List<Sequence> sequences = new ArrayList<>(schema.sequences().values());
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    QualifiedName name = new QualifiedName(pick(SCHEMAS), "t" + random.nextInt(6));
                    tables.putIfAbsent(name, table(name));
                }
                case 1 -> {
                    if (tables.size() > 1) {
                        tables.remove(pick(new ArrayList<>(tables.keySet())));
                    }
                }
                case 2, 3 -> {
                    if (!tables.isEmpty()) {
                        QualifiedName name = pick(new ArrayList<>(tables.keySet()));
                        tables.put(name, mutate(tables.get(name)));
                    }
                }
                case 4 -> {
                    if (!sequences.isEmpty() && random.nextBoolean()) {
                        sequences.remove(random.nextInt(sequences.size()));
                    } else {
                        sequences.add(sequence(new QualifiedName(pick(SCHEMAS), "seq" + random.nextInt(4))));
                    }
                }
                default -> {
                    if (!sequences.isEmpty()) {
                        int at = random.nextInt(sequences.size());
                        Sequence s = sequences.get(at);
                        sequences.set(at, s.incrementBy(1 + random.nextInt(50)).cache(1 + random.nextInt(5)));
                    }
                }
            }
        }
        Map<QualifiedName, Sequence> unique = new LinkedHashMap<>();
        sequences.forEach(s -> unique.put(s.name(), s));
        tables.replaceAll((name, table) -> castableFrom(schema.tables().get(name), table));
        return withForeignKeys(build(tables.values(), unique.values()));
    }

    /** A table re-created under its old name may give an old column a type PostgreSQL cannot cast to: make it text. */
    private static Table castableFrom(Table before, Table after) {
        if (before == null) {
            return after;
        }
        List<Column> columns = after.columns().stream().map(c -> before.column(c.name())
                .filter(old -> !castable(old.type(), c.type()))
                .map(old -> c.withType("text").defaultValue(c.defaultValue() == null ? null : "'x'::text"))
                .orElse(c)).toList();
        return keepValidConstraints(after, new Table(after.name(), columns, after.primaryKey(), List.of(), List.of(),
                List.of(), List.of(), after.comment()));
    }

    private Schema build(java.util.Collection<Table> tables, java.util.Collection<Sequence> sequences) {
        Set<String> schemas = new TreeSet<>(Set.of("public"));
        tables.forEach(t -> schemas.add(t.name().schema()));
        sequences.forEach(s -> schemas.add(s.name().schema()));
        Map<QualifiedName, Sequence> byName = new LinkedHashMap<>();
        sequences.forEach(s -> byName.put(s.name(), s));
        return Schema.of(schemas, tables, byName.values());
    }

    private Table table(QualifiedName name) {
        List<Column> columns = new ArrayList<>();
        Column id = Column.column("id", "bigint").notNull();
        if (random.nextInt(3) == 0) {
            id = id.identity(random.nextBoolean() ? Identity.ALWAYS : Identity.BY_DEFAULT);
        }
        columns.add(id);
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            columns.add(column("c" + i + "_" + random.nextInt(100)));
        }
        Table table = new Table(name, dedupe(columns), new PrimaryKey(name.name() + "_pkey", List.of("id")),
                List.of(), List.of(), List.of(), List.of(), random.nextInt(4) == 0 ? "table " + name.name() : null);
        return constraints(table);
    }

    private List<Column> dedupe(List<Column> columns) {
        Map<String, Column> byName = new LinkedHashMap<>();
        columns.forEach(c -> byName.putIfAbsent(c.name(), c));
        return new ArrayList<>(byName.values());
    }

    private Column column(String name) {
        String type = pick(TYPES);
        Column column = Column.column(name, type).withNullable(random.nextInt(3) != 0);
        String defaultValue = random.nextInt(3) == 0 ? defaultFor(type) : null;
        if (defaultValue != null) {
            column = column.defaultValue(defaultValue);
        }
        if (!column.nullable() && defaultValue == null) {
            column = column.defaultValue(defaultFor(type));
        }
        if (random.nextInt(5) == 0) {
            column = column.comment("column " + name + " it's");
        }
        return column;
    }

    // defaults in the form PostgreSQL prints them back, so both sides read alike
    private static String defaultFor(String type) {
        return switch (type) {
            case "integer", "bigint", "smallint" -> "0";
            case "text" -> "'x'::text";
            case "character varying(40)", "character varying(200)" -> "'x'::character varying";
            case "numeric(10,2)", "numeric(12,4)" -> "1.5";
            case "boolean" -> "false";
            case "timestamp with time zone", "timestamp without time zone" -> "now()";
            case "date" -> "CURRENT_DATE";
            case "uuid" -> "gen_random_uuid()";
            case "jsonb" -> "'{}'::jsonb";
            case "double precision", "real" -> "0.5";
            case "bytea" -> "'\\x00'::bytea";
            case "text[]" -> "'{}'::text[]";
            case "integer[]" -> "'{1,2}'::integer[]";
            case "interval" -> "'01:00:00'::interval";
            case "inet" -> "'127.0.0.1'::inet";
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static final List<String> STRINGS = List.of("text", "character varying(40)", "character varying(200)");
    private static final List<String> NUMBERS = List.of("integer", "bigint", "smallint", "numeric(10,2)", "numeric(12,4)",
            "double precision", "real");

    private static boolean castable(String from, String to) {
        return STRINGS.contains(from) || STRINGS.contains(to) || from.equals(to)
                || NUMBERS.contains(from) && NUMBERS.contains(to)
                || from.startsWith("timestamp") && to.startsWith("timestamp")
                || from.startsWith("timestamp") && to.equals("date");
    }

    private Table constraints(Table table) {
        List<String> plain = table.columns().stream().skip(1)
                .filter(c -> !c.type().endsWith("[]") && !c.type().equals("jsonb")).map(Column::name).toList();
        List<UniqueConstraint> uniques = new ArrayList<>();
        List<CheckConstraint> checks = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        if (!plain.isEmpty() && random.nextInt(3) == 0) {
            uniques.add(new UniqueConstraint(table.name().name() + "_uk" + random.nextInt(3), List.of(pick(plain))));
        }
        for (Column column : table.columns()) {
            if (List.of("integer", "bigint", "smallint").contains(column.type()) && random.nextInt(3) == 0) {
                checks.add(new CheckConstraint(table.name().name() + "_" + column.name() + "_check", column.name() + " >= 0"));
            }
        }
        if (!plain.isEmpty() && random.nextInt(2) == 0) {
            String key = pick(plain);
            indexes.add(new Index(table.name().name() + "_ix" + random.nextInt(3), false, "btree",
                    List.of(key + (random.nextBoolean() ? " DESC" : "")), List.of(), random.nextInt(4) == 0 ? key + " IS NOT NULL" : null));
        }
        return new Table(table.name(), table.columns(), table.primaryKey(), uniques, checks, List.of(), indexes, table.comment());
    }

    private Table mutate(Table table) {
        List<Column> columns = new ArrayList<>(table.columns());
        String comment = table.comment();
        switch (random.nextInt(6)) {
            case 0 -> columns.add(column("n" + random.nextInt(100)));
            case 1 -> {
                if (columns.size() > 1) {
                    columns.remove(1 + random.nextInt(columns.size() - 1));
                }
            }
            case 2 -> {
                if (columns.size() > 1) {
                    int at = 1 + random.nextInt(columns.size() - 1);
                    Column old = columns.get(at);
                    // a type PostgreSQL can cast to: anything to and from text, numbers among numbers
                    Column next = column(old.name());
                    while (!castable(old.type(), next.type())) {
                        next = column(old.name());
                    }
                    columns.set(at, next);
                }
            }
            case 3 -> {
                if (columns.size() > 1) {
                    int at = 1 + random.nextInt(columns.size() - 1);
                    Column old = columns.get(at);
                    columns.set(at, old.withNullable(!old.nullable()).defaultValue(old.defaultValue() == null
                            ? defaultFor(old.type()) : old.defaultValue()));
                }
            }
            case 4 -> {
                Column id = columns.get(0);
                columns.set(0, id.identity(id.identity() == null ? Identity.BY_DEFAULT : null));
            }
            default -> comment = comment == null ? "now commented" : null;
        }
        Table changed = new Table(table.name(), dedupe(columns), table.primaryKey(), List.of(), List.of(), List.of(),
                List.of(), comment);
        return random.nextBoolean() ? constraints(changed) : keepValidConstraints(table, changed);
    }

    private static Table keepValidConstraints(Table before, Table after) {
        Set<String> names = new TreeSet<>();
        after.columns().forEach(c -> names.add(c.name()));
        Map<String, String> types = new LinkedHashMap<>();
        after.columns().forEach(c -> types.put(c.name(), c.type()));
        Map<String, String> oldTypes = new LinkedHashMap<>();
        before.columns().forEach(c -> oldTypes.put(c.name(), c.type()));
        java.util.function.Predicate<String> same = n -> names.contains(n) && types.get(n).equals(oldTypes.get(n));
        return new Table(after.name(), after.columns(), after.primaryKey(),
                before.uniqueConstraints().stream().filter(u -> u.columns().stream().allMatch(same)).toList(),
                before.checks().stream().filter(c -> same.test(c.expression().split(" ")[0])).toList(),
                List.of(),
                before.indexes().stream().filter(i -> i.keys().stream().allMatch(k -> same.test(k.split(" ")[0]))).toList(),
                after.comment());
    }

    /** Foreign keys from random nullable bigint columns to other tables' ids. */
    private Schema withForeignKeys(Schema schema) {
        List<QualifiedName> names = new ArrayList<>(schema.tables().keySet());
        List<Table> result = new ArrayList<>();
        for (Table table : schema.tables().values()) {
            List<ForeignKey> fks = new ArrayList<>();
            List<Column> columns = new ArrayList<>(table.columns());
            if (random.nextInt(2) == 0) {
                QualifiedName target = pick(names);
                String column = "ref_" + target.schema() + "_" + target.name();
                columns.removeIf(c -> c.name().equals(column));
                columns.add(Column.column(column, "bigint"));
                String action = pick(ACTIONS);
                fks.add(new ForeignKey("fk_" + table.name().name() + "_" + column, List.of(column), target, List.of("id"),
                        "NO ACTION", action, random.nextInt(5) == 0, false));
            }
            result.add(new Table(table.name(), columns, table.primaryKey(), table.uniqueConstraints(), table.checks(), fks,
                    table.indexes(), table.comment()));
        }
        return Schema.of(schema.schemaNames(), result, schema.sequences().values());
    }

    private Sequence sequence(QualifiedName name) {
        Sequence sequence = Sequence.sequence(name).incrementBy(1 + random.nextInt(50));
        if (random.nextBoolean()) {
            sequence = sequence.as(random.nextBoolean() ? "integer" : "smallint");
        }
        if (random.nextInt(4) == 0) {
            sequence = sequence.cycle();
        }
        return sequence.cache(1 + random.nextInt(5));
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
