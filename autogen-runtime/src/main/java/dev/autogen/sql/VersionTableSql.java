package dev.autogen.sql;

import dev.autogen.schema.QualifiedName;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

import static dev.autogen.sql.Identifiers.literal;

/**
 * The SQL the runner sends besides the migrations' own: the version table, the advisory lock that
 * keeps two runners apart, and the session settings a run works under. What a run writes carries its
 * values as literals, so the statement a server receives is the one autogen:sql prints; the reads
 * take JDBC {@code ?} parameters.
 */
public final class VersionTableSql {

    private final QualifiedName table;

    public VersionTableSql(QualifiedName table) {
        this.table = table;
    }

    public QualifiedName table() {
        return table;
    }

    /** The table's name as SQL text. */
    public String name() {
        return Identifiers.quote(table);
    }

    /** One parameter, {@link #name()}; answers true when the table exists. */
    public String exists() {
        return "SELECT to_regclass(?) IS NOT NULL";
    }

    /** The columns {@link #create()} makes. */
    public static final Set<String> COLUMNS = Set.of("revision", "applied_at", "checksum", "applied_by", "execution_ms",
            "pending", "statements_done");

    /**
     * One row per applied migration: what it did (checksum of its steps), when, by whom, and how long it took; and for a
     * migration whose statements commit on the way (the online form) while it is part-way, the direction it is going
     * ({@code pending}: upgrade or downgrade) and how many statements of its plan are done.
     */
    public String create() {
        return "CREATE TABLE " + name() + " (revision character varying(64) NOT NULL PRIMARY KEY,"
                + " applied_at timestamp with time zone NOT NULL DEFAULT now(),"
                + " checksum character varying(64),"
                + " applied_by text,"
                + " execution_ms bigint,"
                + " pending character varying(9),"
                + " statements_done integer)";
    }

    /** Brings a table without the progress columns to the shape {@link #create()} makes. */
    public String addProgressColumns() {
        return "ALTER TABLE " + name() + " ADD COLUMN IF NOT EXISTS pending character varying(9),"
                + " ADD COLUMN IF NOT EXISTS statements_done integer";
    }

    /** One parameter, {@link #name()}: the names of the table's columns. */
    public String columns() {
        return "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped";
    }

    /** Brings a table of the first shape (revision, applied_at) to the one {@link #create()} makes; rows keep null checksums. */
    public String addRecordColumns() {
        return "ALTER TABLE " + name() + " ADD COLUMN IF NOT EXISTS checksum character varying(64),"
                + " ADD COLUMN IF NOT EXISTS applied_by text,"
                + " ADD COLUMN IF NOT EXISTS execution_ms bigint";
    }

    /**
     * The applied migrations, one part-way through its downgrade among them; {@code withProgress}: the table has the
     * progress columns, and a migration part-way through its upgrade is left out.
     */
    public String selectApplied(boolean withProgress) {
        return "SELECT revision, applied_at, checksum, applied_by, execution_ms FROM " + name()
                + (withProgress ? " WHERE pending IS DISTINCT FROM 'upgrade'" : "") + " ORDER BY applied_at, revision";
    }

    /** The migrations part-way: revision, direction (upgrade or downgrade), statements done, checksum. */
    public String selectPending() {
        return "SELECT revision, pending, statements_done, checksum FROM " + name() + " WHERE pending IS NOT NULL ORDER BY revision";
    }

    /** Records that {@code revision}'s upgrade is part-way, {@code done} statements of its plan done. */
    public String insertPending(String revision, String checksum, int done) {
        return "INSERT INTO " + name() + " (revision, checksum, applied_by, execution_ms, pending, statements_done) VALUES ("
                + literal(revision) + ", " + literal(checksum) + ", current_user, " + TRANSACTION_MS + ", 'upgrade', " + done + ")";
    }

    /** Records how far {@code revision} got in {@code direction} ("upgrade" or "downgrade"). */
    public String updateProgress(String revision, String direction, int done) {
        return "UPDATE " + name() + " SET pending = " + literal(direction) + ", statements_done = " + done
                + ", execution_ms = coalesce(execution_ms, 0) + " + TRANSACTION_MS + " WHERE revision = " + literal(revision);
    }

    /** Records that {@code revision}'s downgrade, which had stopped part-way, is as if it had not begun. */
    public String clearProgress(String revision) {
        return "UPDATE " + name() + " SET pending = NULL, statements_done = NULL WHERE revision = " + literal(revision);
    }

    /** Records that {@code revision}'s upgrade, part-way until now, is complete; its execution time adds up its transactions'. */
    public String completePending(String revision, String checksum) {
        return "UPDATE " + name() + " SET pending = NULL, statements_done = NULL, checksum = " + literal(checksum)
                + ", applied_at = now(), applied_by = current_user, execution_ms = coalesce(execution_ms, 0) + " + TRANSACTION_MS
                + " WHERE revision = " + literal(revision);
    }

    /** The time from the start of the transaction under way to this statement, in milliseconds, by the server's clock. */
    private static final String TRANSACTION_MS = "(extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint";

    /** The first shape's rows: revision and applied_at only. */
    public String selectAppliedFirstShape() {
        return "SELECT revision, applied_at FROM " + name() + " ORDER BY applied_at, revision";
    }

    /**
     * Records {@code revision} as applied; the execution time is the server's, from the start of the transaction
     * the migration ran in to this statement, so the text does not depend on how long the run took.
     */
    public String insert(String revision, String checksum) {
        return "INSERT INTO " + name() + " (revision, checksum, applied_by, execution_ms) VALUES (" + literal(revision) + ", "
                + literal(checksum) + ", current_user, (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint)";
    }

    /** Records {@code revision} as applied without running it: no execution time. */
    public String insertStamped(String revision, String checksum) {
        return "INSERT INTO " + name() + " (revision, checksum, applied_by, execution_ms) VALUES (" + literal(revision) + ", "
                + literal(checksum) + ", current_user, NULL)";
    }

    public String deleteAll() {
        return "DELETE FROM " + name();
    }

    /** One parameter, {@link #name()}: how many tables the database has besides the version table, system schemas aside. */
    public String otherTables() {
        return "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname NOT LIKE 'pg\\_%' AND c.oid IS DISTINCT FROM to_regclass(?)";
    }

    public String updateChecksum(String revision, String checksum) {
        return "UPDATE " + name() + " SET checksum = " + literal(checksum) + " WHERE revision = " + literal(revision);
    }

    public String delete(String revision) {
        return "DELETE FROM " + name() + " WHERE revision = " + literal(revision);
    }

    /**
     * The advisory-lock key of this version table: the same for every runner that records into it,
     * whether the table exists yet or not. The high half spells "agen" so that it stands out in pg_locks.
     */
    public long lockKey() {
        CRC32 crc = new CRC32();
        crc.update(table.toString().getBytes(StandardCharsets.UTF_8));
        return (0x6167656EL << 32) | crc.getValue();
    }

    /** Answers true when this session now holds the lock of {@link #lockKey()}. */
    public String tryLock() {
        return "SELECT pg_try_advisory_lock(" + lockKey() + ")";
    }

    public String unlock() {
        return "SELECT pg_advisory_unlock(" + lockKey() + ")";
    }

    /** Sets a setting for the session, or with {@code local} for the transaction under way. */
    public static String set(String name, String value, boolean local) {
        return "SET " + (local ? "LOCAL " : "") + name + " = " + literal(value);
    }

    public static String begin() {
        return "BEGIN";
    }

    public static String commit() {
        return "COMMIT";
    }

    public static String rollback() {
        return "ROLLBACK";
    }

    /** One parameter, the key: the backends in this database that hold the advisory lock, with who and since when. */
    public static String lockHolders() {
        return "SELECT a.pid, a.usename, a.application_name, host(a.client_addr), a.backend_start, a.state"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?";
    }

    /** One parameter, a backend's pid: the backends that hold a lock it waits for. */
    public static String blockers() {
        return "SELECT a.pid, a.usename, a.application_name, host(a.client_addr), a.state,"
                + " coalesce(a.xact_start, a.query_start), left(a.query, 120)"
                + " FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.pid";
    }

    public static String backendPid() {
        return "SELECT pg_backend_pid()";
    }

    /**
     * Two parameters, the value then the name: sets a session setting when this server knows it (older servers
     * lack client_connection_check_interval) and answers the value it replaced, or no row.
     */
    public static String setIfKnown() {
        return "SELECT s.setting || coalesce(s.unit, ''), set_config(s.name, ?, false) FROM pg_settings s WHERE s.name = ?";
    }
}
