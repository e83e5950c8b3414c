package dev.autogen.change;

import dev.autogen.change.Change.AddColumn;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AddEnumValue;
import dev.autogen.change.Change.AlterColumnDefault;
import dev.autogen.change.Change.AlterColumnGenerated;
import dev.autogen.change.Change.AlterColumnIdentity;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.AlterColumnType;
import dev.autogen.change.Change.AlterDomain;
import dev.autogen.change.Change.AlterSequence;
import dev.autogen.change.Change.CreateCast;
import dev.autogen.change.Change.CreateDomain;
import dev.autogen.change.Change.CreateEnumType;
import dev.autogen.change.Change.CreateIndex;
import dev.autogen.change.Change.CreateSchema;
import dev.autogen.change.Change.CreateSequence;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.change.Change.DropCast;
import dev.autogen.change.Change.DropColumn;
import dev.autogen.change.Change.DropConstraint;
import dev.autogen.change.Change.DropDomain;
import dev.autogen.change.Change.DropEnumType;
import dev.autogen.change.Change.DropIndex;
import dev.autogen.change.Change.DropSchema;
import dev.autogen.change.Change.DropSequence;
import dev.autogen.change.Change.DropTable;
import dev.autogen.change.Change.RenameColumn;
import dev.autogen.change.Change.RenameConstraint;
import dev.autogen.change.Change.RenameSequence;
import dev.autogen.change.Change.RenameTable;
import dev.autogen.change.Change.RenameIndex;
import dev.autogen.change.Change.ReplaceEnumType;
import dev.autogen.change.Change.SetColumnComment;
import dev.autogen.change.Change.SetSequenceOwner;
import dev.autogen.change.Change.SetTableComment;
import dev.autogen.change.Change.TypeUsage;
import dev.autogen.change.TableImpact.LockMode;
import dev.autogen.change.TableImpact.Work;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.schema.Cast;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.Identity;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.script.Definitions;
import dev.autogen.sql.PostgresSql;
import dev.autogen.testing.HeldLocks;
import dev.autogen.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs each kind of step on small tables inside a transaction left open, while a second connection
 * reads the step's locks from {@code pg_locks}; the data file ({@code pg_relation_filenode}) before and
 * after says whether the table was rewritten, the transaction's own scan counts whether it was read.
 * What PostgreSQL does must be what {@link Change#tableImpacts()} says.
 */
class TableImpactTest {

    private static final String S = "live";
    private static final String BASE = """
            CREATE SCHEMA live;
            CREATE TYPE live.mood AS ENUM ('calm', 'glad');
            CREATE DOMAIN live.amount AS integer;
            CREATE TABLE live.parent (id integer NOT NULL PRIMARY KEY, code varchar(10));
            CREATE TABLE live.child (id integer PRIMARY KEY, parent_id integer, name varchar(20), price numeric(8,2),
                at timestamp(3), note text, mood live.mood, qty live.amount, plain integer,
                twice integer GENERATED ALWAYS AS (id * 2) STORED);
            CREATE SEQUENCE live.counter;
            INSERT INTO live.parent VALUES (1, 'a'), (2, 'b'), (3, 'c');
            INSERT INTO live.child (id, parent_id, name, price, at, note, mood, qty, plain)
                SELECT i, i, 'n' || i, i, now(), 't', 'calm', i, i FROM generate_series(1, 3) i;
            """;

    private static ScratchDatabase database;
    private static Connection step;
    private static Connection watcher;

    @BeforeAll
    static void open() {
        database = TestPostgres.scratch().create("locks");
        step = database.connect();
        watcher = database.connect();
    }

    @AfterAll
    static void close() throws SQLException {
        step.close();
        watcher.close();
        database.close();
    }

    record Case(String name, String setup, Change change) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static QualifiedName t(String name) {
        return new QualifiedName(S, name);
    }

    static List<Case> cases() {
        QualifiedName parent = t("parent");
        QualifiedName child = t("child");
        EnumType mood = EnumType.enumType(t("mood"), "calm", "glad");
        EnumType colour = EnumType.enumType(t("colour"), "red", "blue");
        Domain amount = Domain.domain(t("amount"), "integer");
        Sequence counter = Sequence.sequence(t("counter"));
        Cast moodToInteger = Cast.withInout("live.mood", "integer");
        Table lonely = Definitions.table(S, "lonely", Column.column("id", "integer"));
        Table kid = Definitions.table(S, "kid", Column.column("parent_id", "integer"),
                Definitions.foreignKey("kid_parent_fk", List.of("parent_id"), S, "parent", List.of("id")));
        var fk = Definitions.foreignKey("child_parent_fk", List.of("parent_id"), S, "parent", List.of("id"));
        TypeUsage moodUsage = new TypeUsage(child, "mood", false, null);
        TypeUsage amountUsage = new TypeUsage(child, "qty", false, null);
        Column plain = Column.column("plain", "integer");
        Column twice = Column.column("twice", "integer").generatedAlwaysAs("(id * 2)");
        return List.of(
                new Case("create schema", "", new CreateSchema("live_extra")),
                new Case("drop schema", "CREATE SCHEMA live_extra", new DropSchema("live_extra")),
                new Case("create sequence", "", new CreateSequence(Sequence.sequence(t("other")))),
                new Case("drop sequence", "", new DropSequence(t("counter"), counter)),
                new Case("alter sequence", "", new AlterSequence(counter, new Sequence(t("counter"), "bigint", 1, 5, 1,
                        Long.MAX_VALUE, 1, false))),
                new Case("set sequence owner", "", new SetSequenceOwner(t("counter"), null, new ColumnRef(child, "id"))),
                new Case("create enum type", "", new CreateEnumType(colour)),
                new Case("drop enum type", "CREATE TYPE live.colour AS ENUM ('red', 'blue')", new DropEnumType(t("colour"), colour)),
                new Case("create cast", "", new CreateCast(moodToInteger)),
                new Case("drop cast", "CREATE CAST (live.mood AS integer) WITH INOUT", new DropCast(moodToInteger)),
                new Case("add enum value", "", new AddEnumValue(mood, EnumType.enumType(t("mood"), "calm", "glad", "sad"),
                        List.of(moodUsage))),
                new Case("replace enum type", "", new ReplaceEnumType(mood, EnumType.enumType(t("mood"), "glad", "calm"),
                        List.of(moodUsage))),
                new Case("create domain", "", new CreateDomain(Domain.domain(t("code"), "text"))),
                new Case("drop domain", "CREATE DOMAIN live.code AS text", new DropDomain(t("code"), Domain.domain(t("code"), "text"))),
                new Case("alter domain: default", "", new AlterDomain(amount, amount.defaultValue("0"), List.of(amountUsage))),
                new Case("alter domain: new check", "", new AlterDomain(amount, amount.check("amount_positive", "VALUE > 0"),
                        List.of(amountUsage))),
                new Case("alter domain: new base type", "", new AlterDomain(amount, Domain.domain(t("amount"), "bigint"),
                        List.of(amountUsage))),
                new Case("create table", "", new CreateTable(Definitions.table(S, "fresh", Column.column("id", "integer"),
                        Definitions.primaryKey("fresh_pkey", "id")))),
                new Case("drop table", "CREATE TABLE live.lonely (id integer)", new DropTable(t("lonely"), lonely)),
                new Case("drop table with a foreign key", "CREATE TABLE live.kid (parent_id integer CONSTRAINT kid_parent_fk "
                        + "REFERENCES live.parent (id))", new DropTable(t("kid"), kid)),
                new Case("add column", "", new AddColumn(child, Column.column("extra", "integer"))),
                new Case("add column with a stable default", "", new AddColumn(child,
                        Column.column("seen", "timestamp with time zone").defaultValue("now()").notNull())),
                new Case("add column with a volatile default", "", new AddColumn(child,
                        Column.column("luck", "double precision").defaultValue("random()"))),
                new Case("add identity column", "", new AddColumn(child, Column.column("serial_no", "bigint").notNull()
                        .generatedByDefaultAsIdentity())),
                new Case("add stored generated column", "", new AddColumn(child,
                        Column.column("thrice", "integer").generatedAlwaysAs("(id * 3)"))),
                new Case("drop column", "", new DropColumn(child, "note", Column.column("note", "text"))),
                new Case("rename column", "CREATE INDEX child_note_idx ON live.child (note)", new RenameColumn(child, "note", "remark")),
                new Case("rename a referenced column", "ALTER TABLE live.child ADD CONSTRAINT child_parent_fk FOREIGN KEY "
                        + "(parent_id) REFERENCES live.parent (id)", new RenameColumn(parent, "id", "key")),
                new Case("rename table", "CREATE TABLE live.lonely (id integer)", new RenameTable(t("lonely"), "alone")),
                new Case("rename a referenced table", "ALTER TABLE live.child ADD CONSTRAINT child_parent_fk FOREIGN KEY "
                        + "(parent_id) REFERENCES live.parent (id)", new RenameTable(parent, "mother")),
                new Case("rename sequence", "", new RenameSequence(t("counter"), "tally")),
                new Case("alter type: longer varchar", "", new AlterColumnType(child, "name", "character varying(20)",
                        "character varying(40)")),
                new Case("alter type: varchar to text", "", new AlterColumnType(child, "name", "character varying(20)", "text")),
                new Case("alter type: wider numeric", "", new AlterColumnType(child, "price", "numeric(8,2)", "numeric(10,2)")),
                new Case("alter type: finer timestamp", "", new AlterColumnType(child, "at", "timestamp(3) without time zone",
                        "timestamp(6) without time zone")),
                new Case("alter type: shorter varchar", "", new AlterColumnType(child, "name", "character varying(20)",
                        "character varying(10)")),
                new Case("alter type: numeric scale", "", new AlterColumnType(child, "price", "numeric(8,2)", "numeric(9,3)")),
                new Case("alter type: integer to bigint", "", new AlterColumnType(child, "parent_id", "integer", "bigint")),
                new Case("alter type: text to integer", "", new AlterColumnType(child, "note", "text", "integer",
                        "length(note)")),
                new Case("set not null", "", new AlterColumnNullable(child, "name", false)),
                new Case("drop not null", "ALTER TABLE live.parent ALTER COLUMN code SET NOT NULL",
                        new AlterColumnNullable(parent, "code", true)),
                new Case("set default", "", new AlterColumnDefault(child, "name", null, "'x'::character varying")),
                new Case("drop expression", "", new AlterColumnGenerated(child, twice, twice.generatedAlwaysAs(null))),
                new Case("set expression", "", new AlterColumnGenerated(child, twice, twice.generatedAlwaysAs("(id * 4)"))),
                new Case("plain column made generated", "", new AlterColumnGenerated(child, plain,
                        plain.generatedAlwaysAs("(id + 1)"))),
                new Case("add identity", "", new AlterColumnIdentity(parent, "id", null, Identity.BY_DEFAULT)),
                new Case("add primary key", "CREATE TABLE live.keyless (id integer); INSERT INTO live.keyless VALUES (1)",
                        new AddConstraint(t("keyless"), Definitions.primaryKey("keyless_pkey", "id"))),
                new Case("add unique constraint", "", new AddConstraint(child, Definitions.unique("child_name_key", "name"))),
                new Case("add check constraint", "", new AddConstraint(child, Definitions.check("child_price_check",
                        "(price >= (0)::numeric)"))),
                new Case("add foreign key", "", new AddConstraint(child, fk)),
                new Case("drop foreign key", "ALTER TABLE live.child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) "
                        + "REFERENCES live.parent (id)", new DropConstraint(child, "child_parent_fk", fk)),
                new Case("drop check constraint", "ALTER TABLE live.child ADD CONSTRAINT child_price_check CHECK (price >= 0)",
                        new DropConstraint(child, "child_price_check", Definitions.check("child_price_check", "(price >= (0)::numeric)"))),
                new Case("rename constraint", "", new RenameConstraint(child, "child_pkey", "child_key")),
                new Case("create index", "", new CreateIndex(child, Definitions.index("child_name_idx", "name"))),
                new Case("drop index", "CREATE INDEX child_name_idx ON live.child (name)", new DropIndex(child, "child_name_idx",
                        Definitions.index("child_name_idx", "name"))),
                new Case("rename index", "CREATE INDEX child_name_idx ON live.child (name)",
                        new RenameIndex(child, "child_name_idx", "child_name_index")),
                new Case("set table comment", "", new SetTableComment(child, null, "children")),
                new Case("set column comment", "", new SetColumnComment(child, "name", null, "a name")),
                new Case("backfill", "", new Change.Backfill(child, "note = 'filled'", "note IS DISTINCT FROM 'filled'", 100)));
    }

    @Test
    void everyKindOfChangeButHandWrittenSqlIsObserved() {
        Set<Class<?>> kinds = Arrays.stream(Change.class.getPermittedSubclasses()).collect(Collectors.toSet());
        kinds.remove(Change.ExecuteSql.class);
        kinds.removeAll(cases().stream().map(c -> c.change().getClass()).collect(Collectors.toSet()));
        assertEquals(Set.of(), kinds, "kinds of change no case runs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void postgresLocksAndRewritesWhatTheStepSays(Case c) throws SQLException {
        try (Statement statement = step.createStatement()) {
            step.setAutoCommit(true);
            statement.execute("DROP SCHEMA IF EXISTS live CASCADE; DROP SCHEMA IF EXISTS live_extra CASCADE");
            statement.execute(BASE);
            if (!c.setup().isEmpty()) {
                statement.execute(c.setup());
            }
            Map<Long, String> names = new HashMap<>(tables());
            Map<String, Long> filesBefore = files(names);

            step.setAutoCommit(false);
            try {
                // counts not yet sent to the statistics collector accumulate across transactions: take the step's share
                Map<String, Long> readsBefore = reads(names);
                for (String sql : PostgresSql.statements(c.change())) {
                    statement.execute(sql);
                }
                // a table keeps the name it had before the step, a renamed one too
                tables().forEach(names::putIfAbsent);
                Map<String, LockMode> locks = heldLocks(names);
                Map<String, Long> filesAfter = files(names);
                Map<String, Long> reads = reads(names);
                readsBefore.forEach((table, count) -> reads.merge(table, -count, Long::sum));

                Map<String, LockMode> expectedLocks = new TreeMap<>();
                Map<String, Work> expectedWork = new TreeMap<>();
                for (TableImpact impact : c.change().tableImpacts().orElseThrow()) {
                    expectedLocks.merge(impact.table().toString(), impact.lock(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    expectedWork.put(impact.table().toString(), impact.work());
                }
                Map<String, Work> observedWork = new TreeMap<>();
                for (String table : locks.keySet()) {
                    Long before = filesBefore.get(table);
                    Long after = filesAfter.get(table);
                    // a table the step creates has no rows to read or rewrite, whatever its statements touch
                    observedWork.put(table, before == null ? Work.CATALOG : after != null && !before.equals(after) ? Work.REWRITE
                            : reads.getOrDefault(table, 0L) > 0 ? Work.SCAN : Work.CATALOG);
                }
                assertEquals(expectedLocks, locks, "strongest lock per table (pg_locks) for " + c.name());
                assertEquals(expectedWork, observedWork, "rewrite (relfilenode) or scan (transaction's scans) for " + c.name());
            } finally {
                step.rollback();
                step.setAutoCommit(true);
            }
        }
    }

    /** The schema's ordinary tables as the step's connection sees them, by oid. */
    private static Map<Long, String> tables() throws SQLException {
        Map<Long, String> result = new HashMap<>();
        try (Statement s = step.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'live' AND c.relkind IN ('r', 'p')")) {
            while (rs.next()) {
                result.put(rs.getLong(1), S + "." + rs.getString(2));
            }
        }
        return result;
    }

    /** Each table's data file, the table named as {@code names} names its oid. */
    private static Map<String, Long> files(Map<Long, String> names) throws SQLException {
        Map<String, Long> result = new HashMap<>();
        try (Statement s = step.createStatement(); ResultSet rs = s.executeQuery("SELECT c.oid, pg_relation_filenode(c.oid) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'live' AND c.relkind = 'r'")) {
            while (rs.next()) {
                result.put(names.get(rs.getLong(1)), rs.getLong(2));
            }
        }
        return result;
    }

    /** Sequential and index scans the open transaction made on each table. */
    private static Map<String, Long> reads(Map<Long, String> names) throws SQLException {
        Map<String, Long> result = new HashMap<>();
        try (Statement s = step.createStatement(); ResultSet rs = s.executeQuery("SELECT relid::bigint, seq_scan + coalesce(idx_scan, 0) "
                + "FROM pg_stat_xact_user_tables WHERE schemaname = 'live'")) {
            while (rs.next()) {
                result.put(names.get(rs.getLong(1)), rs.getLong(2));
            }
        }
        return result;
    }

    /** The strongest relation lock the step's backend holds on each of the schema's tables, read from the other connection. */
    private static Map<String, LockMode> heldLocks(Map<Long, String> names) throws SQLException {
        int pid;
        try (Statement s = step.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        return HeldLocks.of(watcher, pid, names);
    }
}
