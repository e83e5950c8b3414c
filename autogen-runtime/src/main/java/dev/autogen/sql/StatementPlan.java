package dev.autogen.sql;

import dev.autogen.change.Change;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AddEnumValue;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.CreateIndex;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.change.Change.DropIndex;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.UniqueConstraint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import static dev.autogen.sql.Identifiers.quote;

/**
 * The statements of one direction of a migration in the order the runner sends them, each with the
 * transaction it runs in, in the form {@link Safety} asks for. A table created earlier in the same
 * list has no rows, so its steps keep the plain form in either. The plan is a function of the steps
 * alone: a rerun after a failure finds the same statements at the same places, which is what lets the
 * version table record how far a migration got as a count of them.
 */
public final class StatementPlan {

    /** How a statement is sent. */
    public enum Mode {
        /** Before everything else, each committed on its own and harmless to repeat: enum labels later steps use. */
        AHEAD,
        /** In one transaction with the neighbouring statements of this mode, and with the record of how far the migration got. */
        TRANSACTION,
        /** In a transaction of its own, with the record of how far the migration got: a scan that must hold no other lock. */
        OWN_TRANSACTION,
        /** Outside any transaction, as CONCURRENTLY requires; the record of progress follows it. */
        NO_TRANSACTION,
        /**
         * A backfill's batch, sent in a transaction of its own again and again while it answers true (it filled rows), then
         * while {@link #backfillRemaining(Change.Backfill)} finds rows to fill; the record of progress follows the last.
         */
        BATCHES
    }

    /**
     * One statement of the plan.
     *
     * @param change     the step it belongs to
     * @param mode       how it is sent
     * @param sql        the statement
     * @param builtIndex for {@code CREATE INDEX CONCURRENTLY}, the index it builds: one a failed or killed build left
     *                   INVALID is dropped before the build is tried again; otherwise null
     */
    public record Statement(Change change, Mode mode, String sql, QualifiedName builtIndex) {
    }

    private StatementPlan() {
    }

    /** The statements of {@code changes}, in the form {@code safety} asks for. */
    public static List<Statement> of(List<Change> changes, Safety safety) {
        List<Statement> plan = new ArrayList<>();
        Set<QualifiedName> created = new HashSet<>();
        boolean leading = true;
        for (Change change : changes) {
            // a label added to an enum type cannot be used in the transaction that adds it (they are IF NOT EXISTS)
            leading = leading && change instanceof AddEnumValue;
            if (leading) {
                PostgresSql.statements(change).forEach(sql -> plan.add(new Statement(change, Mode.AHEAD, sql, null)));
                continue;
            }
            if (safety == Safety.ONLINE) {
                online(change, created, plan);
            } else {
                transactional(change, plan);
            }
            if (change instanceof CreateTable create) {
                created.add(create.table().name());
            }
        }
        return List.copyOf(plan);
    }

    /** True when some statement of the plan runs outside the one transaction of a plain migration. */
    public static boolean commitsOnTheWay(List<Statement> plan) {
        return plan.stream().anyMatch(s -> s.mode() != Mode.TRANSACTION && s.mode() != Mode.AHEAD);
    }

    /**
     * One batch of a backfill: fills at most its batch size of the rows its WHERE selects, found by their row address
     * (a TID scan, however big the table), and answers whether it filled any.
     */
    static String backfillBatch(Change.Backfill backfill) {
        String table = quote(backfill.table());
        return "WITH batch AS (UPDATE " + table + " SET " + backfill.set() + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table
                + " WHERE " + backfill.where() + " LIMIT " + backfill.batchSize() + ")) RETURNING 1) SELECT count(*) > 0 FROM batch";
    }

    /** How many rows a backfill has yet to fill. */
    public static String backfillRemaining(Change.Backfill backfill) {
        return "SELECT count(*) FROM " + quote(backfill.table()) + " WHERE " + backfill.where();
    }

    /** Drops what a failed or killed {@code CREATE INDEX CONCURRENTLY} left behind. */
    public static String dropLeftOverIndex(QualifiedName index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + quote(index);
    }

    /**
     * One parameter, the index's name as SQL text ({@link Identifiers#quote(QualifiedName)}): one row, whether the index
     * exists and whether it is valid.
     */
    public static String indexState() {
        return "SELECT to_regclass(?) IS NOT NULL, coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)), false)";
    }

    private static void transactional(Change change, List<Statement> plan) {
        PostgresSql.statements(change).forEach(sql -> plan.add(new Statement(change, Mode.TRANSACTION, sql, null)));
    }

    private static void online(Change change, Set<QualifiedName> created, List<Statement> plan) {
        if (change instanceof CreateIndex c && !created.contains(c.table())) {
            QualifiedName index = new QualifiedName(c.table().schema(), c.index().name());
            plan.add(new Statement(change, Mode.NO_TRANSACTION, PostgresSql.createIndex(c.table(), c.index(), true), index));
        } else if (change instanceof DropIndex c && !created.contains(c.table())) {
            plan.add(new Statement(change, Mode.NO_TRANSACTION,
                    "DROP INDEX CONCURRENTLY IF EXISTS " + quote(new QualifiedName(c.table().schema(), c.name())), null));
        } else if (change instanceof AddConstraint c && !created.contains(c.table())) {
            addConstraint(c, plan);
        } else if (change instanceof Change.Backfill c && !created.contains(c.table())) {
            plan.add(new Statement(change, Mode.BATCHES, backfillBatch(c), null));
        } else if (change instanceof AlterColumnNullable c && !c.nullable() && !created.contains(c.table())) {
            String check = notNullCheck(c.column());
            notNullCheck(change, c.table(), c.column(), check, plan);
            plan.add(new Statement(change, Mode.TRANSACTION, PostgresSql.alterColumn(c.table(), c.column()) + "SET NOT NULL", null));
            plan.add(new Statement(change, Mode.TRANSACTION, PostgresSql.alterTable(c.table()) + "DROP CONSTRAINT " + quote(check), null));
        } else {
            transactional(change, plan);
        }
    }

    private static void addConstraint(AddConstraint c, List<Statement> plan) {
        Constraint constraint = c.constraint();
        String alter = PostgresSql.alterTable(c.table());
        if (constraint instanceof ForeignKey || constraint instanceof CheckConstraint) {
            plan.add(new Statement(c, Mode.TRANSACTION, alter + "ADD " + PostgresSql.constraint(constraint) + " NOT VALID", null));
            plan.add(new Statement(c, Mode.OWN_TRANSACTION, alter + "VALIDATE CONSTRAINT " + quote(constraint.name()), null));
            return;
        }
        List<String> columns;
        String kind;
        boolean nullsNotDistinct = false;
        if (constraint instanceof UniqueConstraint unique) {
            columns = unique.columns();
            kind = "UNIQUE";
            nullsNotDistinct = unique.isNullsNotDistinct();
        } else {
            columns = ((PrimaryKey) constraint).columns();
            kind = "PRIMARY KEY";
        }
        // the index takes the constraint's name, which is the name ADD CONSTRAINT ... USING INDEX gives it anyway
        Index index = new Index(constraint.name(), true, "btree", columns.stream().map(Identifiers::quote).toList(), List.of(), null,
                nullsNotDistinct);
        plan.add(new Statement(c, Mode.NO_TRANSACTION, PostgresSql.createIndex(c.table(), index, true),
                new QualifiedName(c.table().schema(), constraint.name())));
        List<String> checks = new ArrayList<>();
        if (constraint instanceof PrimaryKey) {
            // a primary key sets NOT NULL on its columns, scanning the table under ACCESS EXCLUSIVE unless a valid check
            // already says there is no NULL
            for (String column : columns) {
                String check = notNullCheck(column);
                notNullCheck(c, c.table(), column, check, plan);
                checks.add(check);
            }
        }
        plan.add(new Statement(c, Mode.TRANSACTION, alter + "ADD CONSTRAINT " + quote(constraint.name()) + " " + kind
                + " USING INDEX " + quote(constraint.name()), null));
        for (String check : checks) {
            plan.add(new Statement(c, Mode.TRANSACTION, alter + "DROP CONSTRAINT " + quote(check), null));
        }
    }

    /** {@code CHECK (column IS NOT NULL) NOT VALID}, then its validation in a transaction of its own. */
    private static void notNullCheck(Change change, QualifiedName table, String column, String check, List<Statement> plan) {
        String alter = PostgresSql.alterTable(table);
        plan.add(new Statement(change, Mode.TRANSACTION, alter + "ADD CONSTRAINT " + quote(check) + " CHECK (" + quote(column)
                + " IS NOT NULL) NOT VALID", null));
        plan.add(new Statement(change, Mode.OWN_TRANSACTION, alter + "VALIDATE CONSTRAINT " + quote(check), null));
    }

    /**
     * The name of the check that stands for NOT NULL while it is validated: the same on every run, so that a rerun finds
     * it, and within PostgreSQL's 63 bytes.
     */
    static String notNullCheck(String column) {
        String name = "autogen_" + column + "_not_null";
        if (name.getBytes(StandardCharsets.UTF_8).length <= 63) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(column.getBytes(StandardCharsets.UTF_8));
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < column.length(); ) {
            int codePoint = column.codePointAt(i);
            String next = prefix + new String(Character.toChars(codePoint));
            if (("autogen_" + next + "_" + "00000000_not_null").getBytes(StandardCharsets.UTF_8).length > 63) {
                break;
            }
            prefix.setLength(0);
            prefix.append(next);
            i += Character.charCount(codePoint);
        }
        return "autogen_" + prefix + "_" + String.format("%08x", crc.getValue()) + "_not_null";
    }
}
