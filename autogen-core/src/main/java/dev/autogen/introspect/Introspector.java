package dev.autogen.introspect;

import dev.autogen.schema.Cast;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Identity;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.schema.UniqueConstraint;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads a {@link Schema} from PostgreSQL's catalogs with one query per kind of object, whatever
 * the number of tables. Types, defaults and expressions are kept exactly as PostgreSQL prints them.
 */
public final class Introspector {

    private static final String USER_SCHEMAS = """
            SELECT n.nspname FROM pg_namespace n
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                              AND d.objid = n.oid AND d.deptype = 'e')
            ORDER BY 1""";

    private static final String TABLES = """
            SELECT n.nspname, c.relname, ds.description
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2""";

    // comments are joined from pg_description: col_description() runs a query of its own per column, a third of this
    // query's time at 11,000 columns
    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity, ds.description, a.attgenerated,
                   format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   a.attnum
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
            LEFT JOIN pg_depend i ON i.refclassid = 'pg_class'::regclass AND i.refobjid = a.attrelid
                 AND i.refobjsubid = a.attnum AND i.deptype = 'i' AND i.classid = 'pg_class'::regclass
            LEFT JOIN pg_sequence s ON s.seqrelid = i.objid
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname = ANY (?)
            ORDER BY 1, 2, 17""";

    private static final String CONSTRAINTS = """
            SELECT n.nspname, c.relname, con.conname, con.contype,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
                   fn.nspname, fc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos),
                   con.confupdtype, con.confdeltype, con.condeferrable, con.condeferred,
                   CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END,
                   CASE WHEN con.contype = 'u' THEN (SELECT (to_jsonb(x) ->> 'indnullsnotdistinct')::boolean
                                                     FROM pg_index x WHERE x.indexrelid = con.conindid) END
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.contype IN ('p', 'u', 'f', 'c') AND n.nspname = ANY (?)
            ORDER BY 1, 2, 3""";

    private static final String INDEXES = """
            SELECT n.nspname, t.relname, ic.relname, i.indisunique, am.amname, i.indnkeyatts,
                   ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnatts) k ORDER BY k),
                   i.indoption::int2[], pg_get_expr(i.indpred, i.indrelid, true),
                   ARRAY(SELECT CASE WHEN o.opcdefault THEN '' WHEN o_n.nspname = 'pg_catalog' THEN ' ' || quote_ident(o.opcname)
                                     ELSE ' ' || quote_ident(o_n.nspname) || '.' || quote_ident(o.opcname) END
                         FROM unnest(i.indclass::oid[]) WITH ORDINALITY k(opclass, pos)
                         JOIN pg_opclass o ON o.oid = k.opclass JOIN pg_namespace o_n ON o_n.oid = o.opcnamespace
                         ORDER BY k.pos),
                   CASE WHEN i.indisunique THEN (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean END
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_am am ON am.oid = ic.relam
            WHERE t.relkind IN ('r', 'p') AND n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                              AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY 1, 2, 3""";

    private static final String ENUM_TYPES = """
            SELECT n.nspname, t.typname,
                   ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'e' AND n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                              AND d.objid = t.oid AND d.deptype = 'e')
            ORDER BY 1, 2""";

    // casts from or to an enum type: Hibernate creates one each way between character varying and a named enum
    private static final String CASTS = """
            SELECT n.nspname, t.typname, format_type(c.castsource, NULL), format_type(c.casttarget, NULL), c.castmethod,
                   CASE WHEN c.castmethod = 'f' THEN c.castfunc::regprocedure::text END, c.castcontext
            FROM pg_cast c
            JOIN pg_type t ON t.oid IN (c.castsource, c.casttarget) AND t.typtype = 'e'
            JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2, 3, 4""";

    private static final String DOMAINS = """
            SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull,
                   pg_get_expr(t.typdefaultbin, 0),
                   ARRAY(SELECT c.conname FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
                   ARRAY(SELECT pg_get_constraintdef(c.oid, true) FROM pg_constraint c
                         WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'd' AND n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                              AND d.objid = t.oid AND d.deptype = 'e')
            ORDER BY 1, 2""";

    private static final String EXTENSIONS = """
            SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname <> 'plpgsql' ORDER BY 1""";

    private static final String VIEWS = """
            SELECT n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2""";

    // a sequence's owner is an 'a' (auto) dependency on a table column, as OWNED BY and serial make
    private static final String SEQUENCES = """
            SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                   s.seqmin, s.seqmax, s.seqcache, s.seqcycle, own_n.nspname, own_c.relname, own_a.attname
            FROM pg_sequence s
            JOIN pg_class c ON c.oid = s.seqrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_depend own ON own.classid = 'pg_class'::regclass AND own.objid = s.seqrelid
                 AND own.refclassid = 'pg_class'::regclass AND own.deptype = 'a' AND own.refobjsubid > 0
            LEFT JOIN pg_class own_c ON own_c.oid = own.refobjid
            LEFT JOIN pg_namespace own_n ON own_n.oid = own_c.relnamespace
            LEFT JOIN pg_attribute own_a ON own_a.attrelid = own.refobjid AND own_a.attnum = own.refobjsubid
            WHERE n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = s.seqrelid AND d.deptype IN ('i', 'e'))
            ORDER BY 1, 2""";

    /**
     * The number of statements one introspection sends, whatever the database holds: the search
     * path read and set, the schemas, one query per kind of object, and the search path put back.
     */
    public static final int QUERY_COUNT = 14;

    private final Predicate<QualifiedName> excludedTables;

    /** @param excludedTables tables that are not the model's, such as the version table */
    public Introspector(Predicate<QualifiedName> excludedTables) {
        this.excludedTables = excludedTables;
    }

    /** The extensions installed in the database, by name, with the schema each lives in (plpgsql aside). */
    public static Map<String, String> extensions(Connection connection) throws SQLException {
        Map<String, String> extensions = new java.util.TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(EXTENSIONS); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                extensions.put(rs.getString(1), rs.getString(2));
            }
        }
        return extensions;
    }

    /** Every schema the user created: everything but PostgreSQL's own and extensions'. */
    public static Set<String> userSchemas(Connection connection) throws SQLException {
        Set<String> result = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(USER_SCHEMAS);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    /** Reads the tables and sequences of the given schemas; those that do not exist are left out. */
    public Schema read(Connection connection, Set<String> schemas) throws SQLException {
        return qualified(connection, () -> readQualified(connection, schemas, new TreeSet<>(), null));
    }

    private interface CatalogWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} with only pg_catalog on the search path, so that PostgreSQL prints every other name
     * schema-qualified and two databases print the same object the same way whatever their search_path; the
     * connection's own search path is put back after it.
     */
    private static <T> T qualified(Connection connection, CatalogWork<T> work) throws SQLException {
        String searchPath = setting(connection, "search_path");
        setSearchPath(connection, "pg_catalog");
        try {
            return work.run();
        } finally {
            setSearchPath(connection, searchPath);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void setSearchPath(Connection connection, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            statement.setString(1, value);
            statement.executeQuery().close();
        }
    }

    /** The queries {@link #read} sends with the schemas to read, in the order it sends them. */
    private static final List<String> OBJECT_QUERIES = List.of(TABLES, COLUMNS, CONSTRAINTS, INDEXES, SEQUENCES, CASTS,
            ENUM_TYPES, DOMAINS, VIEWS);

    /** The number of statements one {@link #digest} sends: the search path read and set, the digest, the search path put back. */
    public static final int DIGEST_QUERY_COUNT = 4;

    /** A schema as {@link #readDigested} read it, and the digest of what it read, as {@link #digest} computes it. */
    public record Digested(Schema schema, String digest) {
    }

    /**
     * PostgreSQL's digest of every row {@link #read} would read from the given schemas: each of its queries run as it
     * runs them, an MD5 of their rows as text, and the schemas present among those asked for. Equal digests are equal
     * rows, from which the read builds equal schemas (given the same tables left out and the same extensions). The
     * server does the work of the read; nothing of it crosses the connection.
     */
    public static String digest(Connection connection, Set<String> schemas) throws SQLException {
        return qualified(connection, () -> {
            StringBuilder sql = new StringBuilder("WITH present AS (SELECT ARRAY(SELECT s.nspname FROM (")
                    .append(USER_SCHEMAS).append(") s WHERE s.nspname = ANY (?)) AS names)\nSELECT (SELECT names FROM present)");
            for (String query : OBJECT_QUERIES) {
                sql.append(",\n(SELECT ").append(ROWS_MD5).append(" FROM (")
                        .append(body(query).replace("= ANY (?)", "= ANY ((SELECT names FROM present)::text[])")).append(") q)");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setArray(1, connection.createArrayOf("text", new TreeSet<>(schemas).toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    List<String> md5s = new ArrayList<>();
                    for (int i = 0; i < OBJECT_QUERIES.size(); i++) {
                        md5s.add(rs.getString(i + 2));
                    }
                    return digest(new TreeSet<>(strings(rs.getArray(1))), md5s);
                }
            }
        });
    }

    /**
     * What the rows of a query came to: an MD5 of each row's text, in the order of the text (what the read takes from
     * the order of rows, a table's columns, is in the rows themselves); null for no rows.
     */
    private static final String ROWS_MD5 = "md5(string_agg(q::text, E'\\n' ORDER BY q::text))";

    /** A query of the introspection without its last ORDER BY. */
    private static String body(String query) {
        return query.substring(0, query.lastIndexOf("ORDER BY"));
    }

    /** The query, its rows in its order, each with the MD5 of all of them (one materialized result: the same rows). */
    private static String withRowsMd5(String query) {
        return "WITH q AS MATERIALIZED (" + body(query) + ")\nSELECT q.*, (SELECT " + ROWS_MD5 + " FROM q) FROM q\n"
                + query.substring(query.lastIndexOf("ORDER BY"));
    }

    private static String digest(Set<String> present, List<String> md5s) {
        StringBuilder digest = new StringBuilder();
        for (String schema : present) {
            digest.append(schema.length()).append(':').append(schema);
        }
        for (String md5 : md5s) {
            digest.append('|').append(md5 == null ? "" : md5);
        }
        return digest.toString();
    }

    /** Reads as {@link #read} does, and says the digest of what it read: the same rows make the same digest. */
    public Digested readDigested(Connection connection, Set<String> schemas) throws SQLException {
        return qualified(connection, () -> {
            List<String> md5s = new ArrayList<>();
            Set<String> present = new TreeSet<>();
            Schema schema = readQualified(connection, schemas, present, md5s);
            return new Digested(schema, digest(present, md5s));
        });
    }

    /**
     * @param present filled with the schemas present among those asked for
     * @param md5s    null, or filled with each query's MD5 of its rows, in the order of {@link #OBJECT_QUERIES}
     */
    private Schema readQualified(Connection connection, Set<String> schemas, Set<String> present, List<String> md5s)
            throws SQLException {
        present.addAll(userSchemas(connection));
        present.retainAll(schemas);
        Array schemaArray = connection.createArrayOf("text", present.toArray());

        Map<QualifiedName, TableBuilder> tables = new LinkedHashMap<>();
        query(connection, TABLES, schemaArray, md5s, rs -> {
            QualifiedName name = new QualifiedName(rs.getString(1), rs.getString(2));
            if (!excludedTables.test(name)) {
                tables.put(name, new TableBuilder(name, rs.getString(3)));
            }
        });
        query(connection, COLUMNS, schemaArray, md5s, rs -> {
            TableBuilder table = tables.get(new QualifiedName(rs.getString(1), rs.getString(2)));
            if (table != null) {
                // a generated column keeps its expression where a default would be
                boolean generated = !rs.getString(9).isEmpty();
                Column column = new Column(rs.getString(3), rs.getString(4), !rs.getBoolean(5),
                        generated ? null : rs.getString(6), identity(rs.getString(7)), rs.getString(8),
                        generated ? rs.getString(6) : null);
                if (column.identity() != null && rs.getString(10) != null) {
                    column = column.identityOptions(new Sequence(null, rs.getString(10), rs.getLong(11), rs.getLong(12),
                            rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getBoolean(16)));
                }
                table.columns.add(column);
            }
        });
        query(connection, CONSTRAINTS, schemaArray, md5s, rs -> {
            TableBuilder table = tables.get(new QualifiedName(rs.getString(1), rs.getString(2)));
            if (table == null) {
                return;
            }
            String name = rs.getString(3);
            List<String> columns = strings(rs.getArray(5));
            switch (rs.getString(4)) {
                case "p" -> table.primaryKey = new PrimaryKey(name, columns);
                case "u" -> table.uniques.add(new UniqueConstraint(name, columns, rs.getBoolean(14)));
                case "c" -> table.checks.add(new CheckConstraint(name, checkExpression(rs.getString(13))));
                case "f" -> table.foreignKeys.add(new ForeignKey(name, columns,
                        new QualifiedName(rs.getString(6), rs.getString(7)), strings(rs.getArray(8)),
                        action(rs.getString(9)), action(rs.getString(10)), rs.getBoolean(11), rs.getBoolean(12)));
                default -> throw new IllegalStateException("unexpected constraint type " + rs.getString(4));
            }
        });
        query(connection, INDEXES, schemaArray, md5s, rs -> {
            TableBuilder table = tables.get(new QualifiedName(rs.getString(1), rs.getString(2)));
            if (table == null) {
                return;
            }
            int keyCount = rs.getInt(6);
            List<String> all = strings(rs.getArray(7));
            Short[] options = (Short[]) rs.getArray(8).getArray();
            List<String> operatorClasses = strings(rs.getArray(10));
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < keyCount; k++) {
                keys.add(all.get(k) + operatorClasses.get(k) + ordering(options[k]));
            }
            table.indexes.add(new Index(rs.getString(3), rs.getBoolean(4), rs.getString(5), keys,
                    all.subList(keyCount, all.size()), rs.getString(9), rs.getBoolean(11)));
        });

        List<Sequence> sequences = new ArrayList<>();
        query(connection, SEQUENCES, schemaArray, md5s, rs -> {
            ColumnRef owner = rs.getString(10) == null ? null
                    : new ColumnRef(new QualifiedName(rs.getString(10), rs.getString(11)), rs.getString(12));
            sequences.add(new Sequence(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), owner));
        });
        Map<QualifiedName, List<Cast>> casts = new LinkedHashMap<>();
        query(connection, CASTS, schemaArray, md5s, rs -> casts.computeIfAbsent(new QualifiedName(rs.getString(1), rs.getString(2)),
                name -> new ArrayList<>()).add(new Cast(rs.getString(3), rs.getString(4), castMethod(rs.getString(5)),
                rs.getString(6), castContext(rs.getString(7)))));
        List<EnumType> enumTypes = new ArrayList<>();
        query(connection, ENUM_TYPES, schemaArray, md5s, rs -> {
            QualifiedName name = new QualifiedName(rs.getString(1), rs.getString(2));
            enumTypes.add(new EnumType(name, strings(rs.getArray(3)), casts.getOrDefault(name, List.of())));
        });
        List<Domain> domains = new ArrayList<>();
        query(connection, DOMAINS, schemaArray, md5s, rs -> {
            List<String> names = strings(rs.getArray(6));
            List<String> definitions = strings(rs.getArray(7));
            List<CheckConstraint> checks = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                checks.add(new CheckConstraint(names.get(i), checkExpression(definitions.get(i))));
            }
            domains.add(new Domain(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getBoolean(4),
                    rs.getString(5), checks));
        });
        List<QualifiedName> views = new ArrayList<>();
        query(connection, VIEWS, schemaArray, md5s, rs -> views.add(new QualifiedName(rs.getString(1), rs.getString(2))));

        return Schema.of(present, enumTypes, domains, tables.values().stream().map(TableBuilder::build).toList(), sequences, views)
                .withExtensions(extensions(connection));
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs one query of the read; with {@code md5s}, adds the MD5 of its rows to them. */
    private static void query(Connection connection, String sql, Array schemas, List<String> md5s, RowReader reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(md5s == null ? sql : withRowsMd5(sql))) {
            statement.setArray(1, schemas);
            try (ResultSet rs = statement.executeQuery()) {
                String md5 = null;
                while (rs.next()) {
                    reader.read(rs);
                    if (md5s != null && md5 == null) {
                        md5 = rs.getString(rs.getMetaData().getColumnCount());
                    }
                }
                if (md5s != null) {
                    md5s.add(md5);
                }
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Identity identity(String code) {
        return switch (code) {
            case "a" -> Identity.ALWAYS;
            case "d" -> Identity.BY_DEFAULT;
            default -> null;
        };
    }

    // indoption bit 0 is DESC, bit 1 is NULLS FIRST; NULLS FIRST is the default for DESC
    private static String ordering(short option) {
        boolean desc = (option & 1) != 0;
        boolean nullsFirst = (option & 2) != 0;
        if (desc) {
            return nullsFirst ? " DESC" : " DESC NULLS LAST";
        }
        return nullsFirst ? " NULLS FIRST" : "";
    }

    private static Cast.Method castMethod(String code) {
        return switch (code) {
            case "f" -> Cast.Method.FUNCTION;
            case "i" -> Cast.Method.INOUT;
            case "b" -> Cast.Method.BINARY;
            default -> throw new IllegalStateException("unexpected cast method " + code);
        };
    }

    private static Cast.Context castContext(String code) {
        return switch (code) {
            case "e" -> Cast.Context.EXPLICIT;
            case "a" -> Cast.Context.ASSIGNMENT;
            case "i" -> Cast.Context.IMPLICIT;
            default -> throw new IllegalStateException("unexpected cast context " + code);
        };
    }

    private static String action(String code) {
        return switch (code) {
            case "a" -> "NO ACTION";
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> throw new IllegalStateException("unexpected referential action " + code);
        };
    }

    // pg_get_constraintdef prints "CHECK (expr)", with " NOT VALID" after it for unvalidated ones
    private static String checkExpression(String definition) {
        String body = definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - 10) : definition;
        if (body.startsWith("CHECK (") && body.endsWith(")")) {
            return body.substring(7, body.length() - 1);
        }
        return body;
    }

    private static final class TableBuilder {
        final QualifiedName name;
        final String comment;
        final List<Column> columns = new ArrayList<>();
        PrimaryKey primaryKey;
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();

        TableBuilder(QualifiedName name, String comment) {
            this.name = name;
            this.comment = comment;
        }

        Table build() {
            return new Table(name, columns, primaryKey, uniques, checks, foreignKeys, indexes, comment);
        }
    }

}
