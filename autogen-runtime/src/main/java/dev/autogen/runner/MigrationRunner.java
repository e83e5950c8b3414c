package dev.autogen.runner;

import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.change.StepNotes;
import dev.autogen.schema.QualifiedName;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.sql.Identifiers;
import dev.autogen.sql.Safety;
import dev.autogen.sql.StatementPlan;
import dev.autogen.sql.VersionTableSql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Applies and reverts migrations on one database. Each migration runs in its own transaction
 * together with its version-table update, so a failed statement leaves both as they were; in the
 * online form ({@link Safety#ONLINE}) a migration whose steps scan tables that have rows commits on
 * the way instead, its row in the version table saying how far it got, so that a rerun goes on where
 * it stopped. A whole run holds the migration lock, so a second runner waits, then finds the work done.
 */
public final class MigrationRunner {

    /** What a migration contributes in one direction. */
    public enum Direction { UPGRADE, DOWNGRADE }

    /**
     * How a run behaves around other sessions.
     *
     * @param lockWait         how long to wait for another runner's migration lock
     * @param lockTimeout      how long a statement that locks a table outright waits for the lock before its transaction
     *                         gives up; null: {@link #DEFAULT_LOCK_TIMEOUT} in the online form, as long as it takes in the plain
     * @param monitor          opens a second connection to the same database, to say which backend a waiting statement waits
     *                         for; null: no second connection
     * @param warn             receives the DATA LOSS marks of the steps as they run, and lock waits
     * @param safety           the form steps on tables that hold rows are sent in; null: {@link Safety#PLAIN}. The goals that
     *                         migrate a live database and applications migrating at start-up ask for {@link Safety#ONLINE}
     * @param lockRetries      how often a transaction that gave up waiting for a lock is tried again, after 1 s, 2 s, 4 s ...;
     *                         null: {@link #DEFAULT_LOCK_RETRIES} in the online form, none in the plain
     * @param statementTimeout how long any one statement may run (PostgreSQL's statement_timeout); null: the server's setting
     */
    public record Options(Duration lockWait, Duration lockTimeout, Supplier<Connection> monitor, Consumer<String> warn,
                          Safety safety, Integer lockRetries, Duration statementTimeout, Map<String, String> checksums) {

        public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(5);
        public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);
        public static final int DEFAULT_LOCK_RETRIES = 5;

        public Options {
            lockWait = lockWait == null ? DEFAULT_LOCK_WAIT : lockWait;
            warn = warn == null ? message -> { } : warn;
            safety = safety == null ? Safety.PLAIN : safety;
            if (lockRetries != null && lockRetries < 0) {
                throw new IllegalArgumentException("lockRetries must not be negative: " + lockRetries);
            }
        }

        public static Options defaults() {
            return new Options(null, null, null, null, null, null, null, null);
        }

        public Options withLockWait(Duration lockWait) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        public Options withLockTimeout(Duration lockTimeout) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        public Options withMonitor(Supplier<Connection> monitor) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        public Options withWarn(Consumer<String> warn) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        public Options withSafety(Safety safety) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        public Options withLockRetries(Integer lockRetries) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        public Options withStatementTimeout(Duration statementTimeout) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        /**
         * Checksums by revision shared by runners over the same migration classes (a build tool keeps them between
         * runs, keyed by those classes): a runner takes a migration's checksum from it, and puts there those it works
         * out. It must be safe for use by several threads.
         */
        public Options withChecksums(Map<String, String> checksums) {
            return new Options(lockWait, lockTimeout, monitor, warn, safety, lockRetries, statementTimeout, checksums);
        }

        /** The lock timeout in force, or null for none. */
        public Duration effectiveLockTimeout() {
            return lockTimeout != null ? (lockTimeout.isZero() ? null : lockTimeout)
                    : safety == Safety.ONLINE ? DEFAULT_LOCK_TIMEOUT : null;
        }

        /** How often a transaction that gave up waiting for a lock is tried again. */
        public int effectiveLockRetries() {
            return lockRetries != null ? lockRetries : safety == Safety.ONLINE ? DEFAULT_LOCK_RETRIES : 0;
        }
    }

    /** How often PostgreSQL checks that the client is still there while a statement runs (PostgreSQL 14 and later). */
    static final String CLIENT_CHECK_INTERVAL = "2s";

    private final Connection connection;
    private final StatementSink sink;
    private final RevisionGraph graph;
    private final VersionTableSql sql;
    private final Function<MigrationFile, Migration> loader;
    private final Consumer<String> log;
    private final Options options;
    private final Map<String, String> checksums;
    /** For a run written down instead of sent (autogen:sql): the version table as the run leaves it; null for a real run. */
    private final Script script;
    private LockWaitWatch watch;

    public MigrationRunner(Connection connection, RevisionGraph graph, QualifiedName versionTable,
                           Function<MigrationFile, Migration> loader, Consumer<String> log) {
        this(connection, graph, versionTable, loader, log, Options.defaults());
    }

    public MigrationRunner(Connection connection, RevisionGraph graph, QualifiedName versionTable,
                           Function<MigrationFile, Migration> loader, Consumer<String> log, Options options) {
        this(connection, StatementSink.of(connection), null, graph, versionTable, loader, log, options);
    }

    /**
     * A runner for a scratch database that no other session uses (a replay, a proof): the statements of each transaction
     * go to the server in batches ({@link StatementSink#batching}), not one round trip each.
     */
    public static MigrationRunner onScratch(Connection connection, RevisionGraph graph, QualifiedName versionTable,
                                            Function<MigrationFile, Migration> loader, Consumer<String> log, Options options) {
        return new MigrationRunner(connection, StatementSink.batching(connection), null, graph, versionTable, loader, log, options);
    }

    private MigrationRunner(Connection connection, StatementSink sink, Script script, RevisionGraph graph,
                            QualifiedName versionTable, Function<MigrationFile, Migration> loader, Consumer<String> log,
                            Options options) {
        this.connection = connection;
        this.sink = sink;
        this.script = script;
        this.graph = graph;
        this.sql = new VersionTableSql(versionTable);
        this.loader = loader;
        this.log = log;
        this.options = options;
        this.checksums = options.checksums() != null ? options.checksums() : new HashMap<>();
    }

    /** What a version table holds: its columns (none when it does not exist) and its rows. */
    public record Recorded(Set<String> columns, List<AppliedMigration> rows) {
        public Recorded {
            columns = Set.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * A runner that sends nothing and reads no database: its upgrade and downgrade hand every statement a run
     * would send, from a version table that holds {@code start}, to {@code sink}, in order (autogen:sql). The lock
     * is written as a run takes it when no other run holds it; the version table's reads, and the session settings
     * a run saves and restores around itself, are not statements of the script.
     */
    public static MigrationRunner script(RevisionGraph graph, QualifiedName versionTable, Function<MigrationFile, Migration> loader,
                                         Consumer<String> log, Recorded start, StatementSink sink) {
        return new MigrationRunner(null, sink, new Script(start), graph, versionTable, loader, log, Options.defaults());
    }

    /** As {@link #script(RevisionGraph, QualifiedName, Function, Consumer, Recorded, StatementSink)}, in the form and with the timeouts of {@code options}. */
    public static MigrationRunner script(RevisionGraph graph, QualifiedName versionTable, Function<MigrationFile, Migration> loader,
                                         Consumer<String> log, Recorded start, StatementSink sink, Options options) {
        return new MigrationRunner(null, sink, new Script(start), graph, versionTable, loader, log, options);
    }

    /** What this database's version table holds now, unverified: where autogen:sql -Dautogen.from=current starts. */
    public Recorded recorded() {
        try {
            return new Recorded(versionTableColumns(), appliedMigrations());
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the version table " + sql.table() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A version table of today's shape that records {@code applied}, with the checksums of their migrations as
     * {@code loader} builds them: where a database at them stands.
     */
    public static Recorded recordedAt(List<MigrationFile> applied, Function<MigrationFile, Migration> loader) {
        return new Recorded(VersionTableSql.COLUMNS, applied.stream()
                .map(file -> new AppliedMigration(file.revision(), null, checksum(file, loader), null, null)).toList());
    }

    /** The version table of a script as its statements leave it. */
    private static final class Script {
        private Set<String> columns;
        private final List<AppliedMigration> rows;

        Script(Recorded start) {
            columns = start.columns();
            rows = new ArrayList<>(start.rows());
        }
    }

    /** Instantiates migration classes by name from a class loader. */
    public static Function<MigrationFile, Migration> classLoading(ClassLoader classLoader) {
        return file -> {
            try {
                Class<?> type = Class.forName(file.className(), true, classLoader);
                return (Migration) type.getDeclaredConstructor().newInstance();
            } catch (ClassNotFoundException e) {
                throw new AutogenException("Migration class " + file.className() + " of " + file.file()
                        + " is not compiled: compile the project (mvn compile) and run again");
            } catch (ClassCastException e) {
                throw new AutogenException("Migration class " + file.className() + " does not implement "
                        + Migration.class.getName());
            } catch (ReflectiveOperationException e) {
                throw new AutogenException("Cannot create migration " + file.className()
                        + ": it needs a public constructor without arguments (" + e + ")");
            }
        };
    }

    /** A row of the version table: an applied migration, what it did (checksum), when, by whom, how long it took. */
    public record AppliedMigration(String revision, OffsetDateTime appliedAt, String checksum, String appliedBy, Long executionMs) {
    }

    /**
     * The revision the database is at, or null at base. Refuses a version table that records a revision
     * no file declares, or an applied migration whose file was edited since; a database that took two
     * branches not yet merged is at two revisions, which {@link #currentHeads()} tells.
     */
    public String current() {
        List<String> heads = currentHeads();
        if (heads.size() > 1) {
            throw new AutogenException("The database is at two branches not yet merged: " + graph.twoHeads(heads)
                    + ". Merge them with mvn autogen:merge -Dmessage=\"...\", then upgrade.");
        }
        return heads.isEmpty() ? null : heads.get(0);
    }

    /**
     * Where the database stands: the applied revisions no other applied one follows, one for a database on one line,
     * two or more for one that took branches not yet merged, none at base. Verifies as {@link #current()} does.
     */
    public List<String> currentHeads() {
        return graph.headsOf(appliedRevisions());
    }

    /**
     * The revisions the version table records as applied, verified: each has a file, kept its checksum, and
     * follows only revisions that are applied too.
     */
    private Set<String> appliedRevisions() {
        List<AppliedMigration> applied = appliedMigrations();
        verify(applied);
        Set<String> revisions = new LinkedHashSet<>();
        applied.forEach(row -> revisions.add(row.revision()));
        for (String revision : revisions) {
            MigrationFile file = graph.find(revision).orElseThrow();
            List<String> missing = file.parents().stream().filter(parent -> !revisions.contains(parent)).toList();
            if (!missing.isEmpty()) {
                throw new AutogenException("The version table " + sql.table() + " records revision " + graph.describe(revision)
                        + " as applied but not " + missing.stream().map(graph::describe).collect(Collectors.joining(" and "))
                        + ", which it follows. Record what the database does match with mvn autogen:stamp, or repair the table by hand.");
            }
        }
        return revisions;
    }

    /** The rows of the version table, oldest first; none when it does not exist. Checks nothing. */
    public List<AppliedMigration> appliedMigrations() {
        if (script != null) {
            return List.copyOf(script.rows);
        }
        try {
            List<AppliedMigration> result = new ArrayList<>();
            Set<String> columns = versionTableColumns();
            if (columns.isEmpty()) {
                return result;
            }
            boolean firstShape = !columns.contains("checksum");
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(firstShape ? sql.selectAppliedFirstShape()
                         : sql.selectApplied(columns.contains("pending")))) {
                while (rs.next()) {
                    result.add(new AppliedMigration(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                            firstShape ? null : rs.getString(3), firstShape ? null : rs.getString(4),
                            firstShape ? null : (Long) rs.getObject(5, Long.class)));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the version table " + sql.table() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A migration that commits on the way (the online form) and stopped part-way: which, in which direction, and how many
     * statements of its plan are done.
     */
    public record Pending(String revision, Direction direction, int statementsDone, String checksum) {
    }

    /** The migration part-way, if the last run stopped in the middle of one; none in a script. */
    public Optional<Pending> pending() {
        if (script != null) {
            return Optional.empty();
        }
        try {
            if (!versionTableColumns().contains("pending")) {
                return Optional.empty();
            }
            List<Pending> result = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql.selectPending())) {
                while (rs.next()) {
                    result.add(new Pending(rs.getString(1), "downgrade".equals(rs.getString(2)) ? Direction.DOWNGRADE : Direction.UPGRADE,
                            rs.getInt(3), rs.getString(4)));
                }
            }
            if (result.size() > 1) {
                throw new AutogenException("The version table " + sql.table() + " records " + result.size() + " migrations part-way ("
                        + result.stream().map(Pending::revision).toList() + "); one run leaves at most one. Repair the table by hand.");
            }
            return result.stream().findFirst();
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the version table " + sql.table() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails when a migration stopped part-way in the other direction, or is not among {@code next}, the migrations a run
     * in {@code direction} takes: a rerun goes on with the migration it stopped in.
     */
    private void requireNoPending(Direction direction, List<MigrationFile> next) {
        Optional<Pending> pending = pending();
        if (pending.isEmpty()) {
            return;
        }
        Pending p = pending.get();
        String what = "Migration " + graph.describe(p.revision()) + " stopped part-way through its " + verb(p.direction()) + " ("
                + p.statementsDone() + " statements of its online form done and committed)";
        if (p.direction() != direction) {
            throw new AutogenException(what + ": run autogen:" + verb(p.direction()) + " again to finish it first; it goes on "
                    + "where it stopped.");
        }
        if (next.stream().noneMatch(file -> file.revision().equals(p.revision()))) {
            throw new AutogenException(what + ", and this " + verb(direction) + " does not take it: " + verb(direction)
                    + (direction == Direction.UPGRADE ? " to it or past it" : " to before it") + " first, which goes on where it stopped.");
        }
    }

    private static String verb(Direction direction) {
        return direction == Direction.UPGRADE ? "upgrade" : "downgrade";
    }

    /** The checksum of what {@code file}'s migration does, as {@link Checksums} defines it. */
    public String checksum(MigrationFile file) {
        return checksums.computeIfAbsent(file.revision(), revision -> checksum(file, loader));
    }

    private static String checksum(MigrationFile file, Function<MigrationFile, Migration> loader) {
        Migration migration = loader.apply(file);
        Operations up = new Operations();
        Operations down = new Operations();
        String method = "upgrade";
        try {
            migration.upgrade(up);
            method = "downgrade";
            migration.downgrade(down);
        } catch (RuntimeException | LinkageError e) {
            throw new AutogenException("Migration " + file.revision() + " (" + file.simpleClassName() + ") threw " + e
                    + " in its " + method + "(), called to compute its checksum; nothing ran. Fix " + file.file() + ".", e);
        }
        return Checksums.of(up.changes(), down.changes());
    }

    /** Fails when the version table records a revision no migration file declares; {@code why} follows the revision. */
    private void requireDeclared(List<AppliedMigration> applied, String why) {
        for (AppliedMigration row : applied) {
            if (graph.find(row.revision()).isEmpty()) {
                throw new AutogenException("The version table " + sql.table() + " records revision " + row.revision()
                        + ", which no migration file declares" + why
                        + " Restore that migration file, or point autogen.url at the right database.");
            }
        }
    }

    private void verify(List<AppliedMigration> applied) {
        requireDeclared(applied, ": its file was deleted, or the database belongs to another project.");
        List<MigrationFile> edited = new ArrayList<>();
        for (AppliedMigration row : applied) {
            MigrationFile file = graph.find(row.revision()).orElseThrow();
            if (row.checksum() != null && !row.checksum().equals(checksum(file))) {
                edited.add(file);
            }
        }
        if (!edited.isEmpty()) {
            throw new AutogenException((edited.size() == 1 ? "Migration " : "Migrations ")
                    + edited.stream().map(f -> f.file() + " (revision " + f.revision() + ")").collect(Collectors.joining(", "))
                    + (edited.size() == 1 ? " was" : " were") + " edited after being applied to this database: put "
                    + (edited.size() == 1 ? "it" : "them") + " back as " + (edited.size() == 1 ? "it was" : "they were")
                    + " and write a new migration for the change, or, after review, record the new checksum with mvn autogen:repair.");
        }
    }

    /**
     * Applies migrations up to and including {@code target}: "head" (refused while there are two heads) or a
     * revision id, with every migration it follows that is not applied yet, whichever branch it is on, in the
     * graph's order. Returns those applied.
     */
    public List<MigrationFile> upgrade(String target) {
        return exclusively(() -> {
            String revision = target == null || target.equals("head") ? graph.head() : target;
            return upgradeTo(revision == null ? List.of() : List.of(revision), target);
        });
    }

    /** Applies {@code revisions} and every migration they follow that is not applied yet: a replay up to several heads. */
    public List<MigrationFile> upgrade(Collection<String> revisions) {
        return exclusively(() -> upgradeTo(revisions, String.join(", ", revisions)));
    }

    private List<MigrationFile> upgradeTo(Collection<String> revisions, String target) {
        prepareVersionTable();
        Set<String> applied = appliedRevisions();
        List<MigrationFile> wanted = graph.upTo(revisions);
        for (String revision : revisions) {
            List<String> after = applied.stream().filter(r -> !r.equals(revision)
                    && graph.upTo(List.of(r)).stream().anyMatch(m -> m.revision().equals(revision))).toList();
            if (!after.isEmpty()) {
                throw new AutogenException("Revision " + target + " is older than the current revision "
                        + graph.headsOf(applied).stream().collect(Collectors.joining(", ")) + ": use autogen:downgrade to go back");
            }
        }
        requireNoPending(Direction.UPGRADE, wanted.stream().filter(file -> !applied.contains(file.revision())).toList());
        List<MigrationFile> done = new ArrayList<>();
        for (MigrationFile file : wanted) {
            if (!applied.contains(file.revision())) {
                run(file, Direction.UPGRADE, applied, done);
                applied.add(file.revision());
                done.add(file);
            }
        }
        return done;
    }

    /**
     * Reverts migrations down to {@code target}: "-N" steps back, "base" for all, or a revision id
     * that stays applied with what it follows. They are reverted in the reverse of the graph's order, so a
     * migration after every one that follows it; through a merge, the merge first, then its branches.
     * Returns the migrations reverted.
     */
    public List<MigrationFile> downgrade(String target) {
        if (target == null || target.isBlank()) {
            throw new AutogenException("Say how far to downgrade: -Dautogen.target=-1, -N, base or a revision id");
        }
        return exclusively(() -> {
            prepareVersionTable();
            Set<String> applied = appliedRevisions();
            List<MigrationFile> inOrder = graph.ordered().stream().filter(m -> applied.contains(m.revision())).toList();
            List<MigrationFile> revert;
            if (target.equals("base")) {
                revert = inOrder;
            } else if (target.matches("-\\d+")) {
                int steps = Integer.parseInt(target.substring(1));
                if (steps > inOrder.size()) {
                    throw new AutogenException("Cannot go back " + target.substring(1) + " migrations: only " + inOrder.size() + " are applied");
                }
                revert = inOrder.subList(inOrder.size() - steps, inOrder.size());
            } else {
                graph.indexOf(target);
                if (!applied.contains(target)) {
                    throw new AutogenException("Revision " + target + " is not applied yet: use autogen:upgrade to go forward");
                }
                Set<String> keep = graph.upTo(List.of(target)).stream().map(MigrationFile::revision).collect(Collectors.toSet());
                revert = inOrder.stream().filter(m -> !keep.contains(m.revision())).toList();
            }
            requireNoPending(Direction.DOWNGRADE, revert);
            List<MigrationFile> reverted = new ArrayList<>();
            List<MigrationFile> newestFirst = new ArrayList<>(revert);
            Collections.reverse(newestFirst);
            for (MigrationFile file : newestFirst) {
                run(file, Direction.DOWNGRADE, applied, reverted);
                applied.remove(file.revision());
                reverted.add(file);
            }
            return reverted;
        });
    }

    /**
     * Records the checksums of applied migrations as their files are now, after a review of the edits;
     * returns the migrations whose checksum changed.
     */
    public List<MigrationFile> repair() {
        return exclusively(() -> {
            prepareVersionTable();
            List<AppliedMigration> applied = appliedMigrations();
            requireDeclared(applied, "; repair records checksums of files, it does not forget migrations.");
            List<MigrationFile> repaired = new ArrayList<>();
            for (AppliedMigration row : applied) {
                MigrationFile file = graph.find(row.revision()).orElseThrow();
                String now = checksum(file);
                if (!now.equals(row.checksum())) {
                    try {
                        sink.execute(sql.updateChecksum(row.revision(), now));
                    } catch (SQLException e) {
                        throw new AutogenException("Cannot record the checksum of " + file.file() + ": " + firstLine(e.getMessage()), e);
                    }
                    log.accept("Recorded the checksum of " + file.file() + " (revision " + row.revision() + ") as it is now.");
                    repaired.add(file);
                }
            }
            return repaired;
        });
    }

    /**
     * Records {@code revision} (null: base) as the one the database is at, without running anything: the
     * version table then lists the migrations up to it, whatever it listed before.
     */
    public void stamp(String revision) {
        List<MigrationFile> upTo = revision == null ? List.of() : graph.upTo(List.of(revision));
        exclusively(() -> {
            prepareVersionTable();
            try {
                inTransaction(() -> {
                    sink.execute(sql.deleteAll());
                    for (MigrationFile file : upTo) {
                        sink.execute(sql.insertStamped(file.revision(), checksum(file)));
                    }
                });
            } catch (SQLException e) {
                throw new AutogenException("Cannot stamp the version table " + sql.table() + ": " + firstLine(e.getMessage()), e);
            }
            return null;
        });
    }

    /** How many tables the database has besides the version table: a database at base with tables was built another way. */
    public int otherTables() {
        try (PreparedStatement statement = connection.prepareStatement(sql.otherTables())) {
            statement.setString(1, sql.name());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the tables of the database: " + e.getMessage(), e);
        }
    }

    /** The changes a migration makes in one direction, without running them. */
    public List<Change> changes(MigrationFile file, Direction direction) {
        Migration migration = loader.apply(file);
        Operations op = new Operations();
        if (direction == Direction.UPGRADE) {
            migration.upgrade(op);
        } else {
            migration.downgrade(op);
        }
        return op.changes();
    }

    /**
     * Runs {@code work} holding the migration lock, in autocommit mode, with PostgreSQL told to end
     * this backend when the client goes away (a killed Maven must not leave an ALTER waiting for a lock)
     * and with the lock timeout of the options; the connection is handed back as it came.
     */
    private <T> T exclusively(Supplier<T> work) {
        if (script != null) {
            return locked(work, 0);
        }
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            Map<String, String> replaced = new LinkedHashMap<>();
            try {
                set("client_connection_check_interval", CLIENT_CHECK_INTERVAL, replaced);
                if (options.effectiveLockTimeout() != null) {
                    set("lock_timeout", options.effectiveLockTimeout().toMillis() + "ms", replaced);
                }
                if (options.statementTimeout() != null) {
                    set("statement_timeout", options.statementTimeout().toMillis() + "ms", replaced);
                }
                return locked(work, backendPid());
            } finally {
                for (Map.Entry<String, String> setting : replaced.entrySet()) {
                    set(setting.getKey(), setting.getValue(), new LinkedHashMap<>());
                }
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AutogenException("Lost the connection to the database: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} holding the migration lock, watching backend {@code pid} for lock waits. */
    private <T> T locked(Supplier<T> work, int pid) {
        try (MigrationLock lock = MigrationLock.acquire(sink, connection, sql, options.lockWait(), log);
             LockWaitWatch watching = new LockWaitWatch(script == null ? options.monitor() : null, pid, options.effectiveLockTimeout(),
                     options.warn())) {
            watch = watching;
            return work.get();
        } finally {
            watch = null;
        }
    }

    private void set(String name, String value, Map<String, String> replaced) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VersionTableSql.setIfKnown())) {
            statement.setString(1, value);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    replaced.put(name, rs.getString(1));
                }
            }
        }
    }

    private int backendPid() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(VersionTableSql.backendPid())) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Runs one migration in one direction; {@code applied} is what the version table holds before it, as this run knows it. */
    private void run(MigrationFile file, Direction direction, Set<String> applied, List<MigrationFile> doneThisRun) {
        String verb = verb(direction);
        String name = "Migration " + file.revision() + " (" + file.simpleClassName() + ")";
        List<Change> changes;
        try {
            changes = changes(file, direction);
        } catch (AutogenException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new AutogenException(name + " threw " + e + " in its " + verb + "(); none of its steps ran. "
                    + standing(direction, doneThisRun), e);
        }
        String checksum = direction == Direction.UPGRADE ? checksum(file) : null;
        Optional<Pending> pending = pending().filter(p -> p.revision().equals(file.revision()));
        if (pending.isPresent() && direction == Direction.UPGRADE && !checksum.equals(pending.get().checksum())) {
            throw new AutogenException(name + " stopped part-way through its upgrade, and " + file.file() + " was edited since: "
                    + "the rest of its statements are no longer those of the part that ran. Put the file back as it was and run "
                    + "upgrade again to finish it.");
        }
        // a migration that stopped part-way goes on in the form it started in: only the online form commits on the way
        List<StatementPlan.Statement> plan = StatementPlan.of(changes, pending.isPresent() ? Safety.ONLINE : options.safety());
        Run run = new Run(file, direction, checksum, name, plan, doneThisRun, pending);
        if (run.done > plan.size()) {
            throw new AutogenException(name + " stopped part-way through its " + verb + " after " + run.done + " statements, but its "
                    + "online form has " + plan.size() + " now: its file was edited since. Put it back as it was and run " + verb
                    + " again to finish it.");
        }
        log.accept((direction == Direction.UPGRADE ? "Upgrading to " : "Downgrading from ") + file.revision()
                + " (" + file.simpleClassName() + "): " + file.message()
                + (pending.isPresent() ? " (going on at statement " + (run.done + 1) + " of " + plan.size()
                + ", where the last run stopped)" : ""));
        Set<String> now = appliedRevisions();
        if (!now.equals(applied)) {
            throw new AutogenException("The database moved to revision " + String.join(", ", graph.headsOf(now))
                    + " while autogen was running; run the goal again");
        }
        // hazards in context: a constraint added to a table the same migration created cannot fail on rows
        StepNotes.of(changes).forEach(notes -> run.hazards.put(notes.change(), notes.hazard()));
        int i = run.done;
        while (i < plan.size()) {
            StatementPlan.Statement first = plan.get(i);
            int end = i + 1;
            if (first.mode() == StatementPlan.Mode.TRANSACTION) {
                while (end < plan.size() && plan.get(end).mode() == StatementPlan.Mode.TRANSACTION) {
                    end++;
                }
            }
            switch (first.mode()) {
                case AHEAD -> run.ahead(first);
                case NO_TRANSACTION -> run.outside(first, i);
                case BATCHES -> run.batches(first, i);
                case TRANSACTION, OWN_TRANSACTION -> run.inTransaction(plan.subList(i, end), end);
            }
            i = end;
        }
        if (!run.complete) {
            run.inTransaction(List.of(), plan.size());
        }
        if (script != null) {
            script.rows.removeIf(row -> row.revision().equals(file.revision()));
            if (direction == Direction.UPGRADE) {
                script.rows.add(new AppliedMigration(file.revision(), null, checksum, null, null));
            }
        }
    }

    /**
     * One migration in one direction as it runs: its plan, how far it got, and what the version table records of that.
     * A plan without statements outside its transaction is one transaction with the version table's row, as a plain
     * migration; one with such statements commits on the way, and its row says how far it got after each commit.
     */
    private final class Run {
        final MigrationFile file;
        final Direction direction;
        final String checksum;
        final String name;
        final List<StatementPlan.Statement> plan;
        final List<MigrationFile> doneThisRun;
        /** Where the last run stopped, or -1 when this run starts the migration. */
        final int resumedAt;
        final Set<Change> warned = Collections.newSetFromMap(new IdentityHashMap<>());
        final Map<Change, Optional<Hazard>> hazards = new IdentityHashMap<>();
        /** Statements done and committed. */
        int done;
        /** Whether the version table has the migration's row: an upgrade part-way has one, a downgrade has one until it ends. */
        boolean recorded;
        /** Whether that row says the migration is part-way, with {@link #done}. */
        boolean partway;
        boolean complete;
        /** Whether a failed build left an index that only a rerun, finding the migration part-way, drops. */
        boolean leftBehind;

        Run(MigrationFile file, Direction direction, String checksum, String name, List<StatementPlan.Statement> plan,
            List<MigrationFile> doneThisRun, Optional<Pending> pending) {
            this.file = file;
            this.direction = direction;
            this.checksum = checksum;
            this.name = name;
            this.plan = plan;
            this.doneThisRun = doneThisRun;
            this.resumedAt = pending.map(Pending::statementsDone).orElse(-1);
            this.done = Math.max(resumedAt, 0);
            this.partway = pending.isPresent();
            this.recorded = pending.isPresent() || direction == Direction.DOWNGRADE;
        }

        /**
         * An enum label added before anything else, committed on its own (IF NOT EXISTS: a rerun passes it), since a label
         * cannot be used in the transaction that adds it.
         */
        void ahead(StatementPlan.Statement statement) {
            watch.start(name);
            try {
                sink.execute(statement.sql());
            } catch (SQLException e) {
                throw new AutogenException(name + " failed to " + verb(direction) + " before its transaction began" + waitedFor(e)
                        + ". Statement: " + statement.sql() + ". PostgreSQL says: " + said(e) + ". "
                        + standing(direction, doneThisRun), e);
            } finally {
                watch.stop();
            }
        }

        /**
         * Statements that run in one transaction together with the record of progress up to {@code doneAfter}; the whole
         * transaction is tried again when a statement gave up waiting for a lock.
         */
        void inTransaction(List<StatementPlan.Statement> statements, int doneAfter) {
            boolean own = !statements.isEmpty() && statements.get(0).mode() == StatementPlan.Mode.OWN_TRANSACTION;
            int attempts = 1 + options.effectiveLockRetries();
            for (int attempt = 1; ; attempt++) {
                String statement = null;
                try {
                    watch.start(name, !own);
                    sink.execute(VersionTableSql.begin());
                    try {
                        if (own) {
                            // a validation holds SHARE UPDATE EXCLUSIVE, behind which no query of the application waits
                            sink.execute(VersionTableSql.set("lock_timeout", "0", true));
                        }
                        int sent = 0;
                        while (sent < statements.size()) {
                            // statements go together up to the next one with a warning, printed before it runs, and
                            // hand-written SQL, which may answer rows, goes alone
                            warnOnce(statements.get(sent).change());
                            int upTo = sent + 1;
                            while (upTo < statements.size() && together(statements.get(sent)) && together(statements.get(upTo))) {
                                upTo++;
                            }
                            try {
                                sink.executeAll(statements.subList(sent, upTo).stream().map(StatementPlan.Statement::sql).toList());
                            } catch (StatementSink.Refused refused) {
                                statement = refused.statement();
                                throw refused.error();
                            }
                            sent = upTo;
                        }
                        statement = null;
                        record(doneAfter);
                        sink.execute(VersionTableSql.commit());
                        recorded(doneAfter);
                        return;
                    } catch (SQLException | RuntimeException e) {
                        rollback(e);
                        throw e;
                    } finally {
                        watch.stop();
                    }
                } catch (SQLException e) {
                    if (gaveUpOnALock(e) && attempt < attempts) {
                        Duration pause = backoff(attempt);
                        options.warn().accept(name + ("40P01".equals(e.getSQLState()) ? " ran into a deadlock"
                                : waitedFor(e).replaceFirst("^ after waiting", " waited")) + "; its transaction was rolled back "
                                + "and is tried again in " + Durations.describe(pause) + " (attempt " + (attempt + 1) + " of "
                                + attempts + ", autogen.lockRetries).");
                        pause(pause);
                        continue;
                    }
                    throw failure(statement, e, true, attempt, "");
                }
            }
        }

        /**
         * A statement that runs outside any transaction (CONCURRENTLY), at {@code index} in the plan: the version table says
         * the migration is part-way before it runs, so that a rerun after a kill knows to clean up after it.
         */
        void outside(StatementPlan.Statement statement, int index) {
            warnOnce(statement.change());
            QualifiedName built = statement.builtIndex();
            try {
                if (!partway) {
                    record(done);
                    recorded(done);
                }
                if (built != null && index == resumedAt) {
                    IndexState state = indexState(built);
                    if (state.exists() && state.valid()) {
                        log.accept("The index " + built + " is there and valid: the run that stopped had built it.");
                        record(index + 1);
                        recorded(index + 1);
                        return;
                    }
                    if (state.exists()) {
                        log.accept("Dropping the INVALID index " + built + " the build that stopped left behind, to build it again.");
                        withoutLockTimeout(StatementPlan.dropLeftOverIndex(built));
                    }
                }
            } catch (SQLException e) {
                throw failure(null, e, false, 1, "");
            }
            watch.start(name, false);
            try {
                withoutLockTimeout(statement.sql());
            } catch (SQLException e) {
                String cleaned = built == null ? "" : dropInvalid(built);
                throw failure(statement.sql(), e, false, 1, cleaned);
            } finally {
                watch.stop();
            }
            try {
                record(index + 1);
                recorded(index + 1);
            } catch (SQLException e) {
                throw failure(null, e, false, 1, "");
            }
        }

        /**
         * A backfill at {@code index} in the plan: batch after batch, each in a transaction of its own, until no row is left
         * to fill; the version table says the migration is part-way before the first, and a rerun fills the rows left.
         */
        void batches(StatementPlan.Statement statement, int index) {
            warnOnce(statement.change());
            Change.Backfill backfill = (Change.Backfill) statement.change();
            String what = "Backfill of " + backfill.table();
            try {
                if (!partway) {
                    record(done);
                    recorded(done);
                }
                if (script != null) {
                    log.accept(what + ": the next transaction runs again and again while its statement answers true, then while "
                            + "rows are left to fill.");
                    batch(statement);
                } else {
                    long left = remaining(backfill);
                    log.accept(what + ": " + left + " rows to fill, " + backfill.batchSize() + " at a time, each batch committed on its own.");
                    long limit = 2 * ((left + backfill.batchSize() - 1) / backfill.batchSize()) + 10;
                    long batches = 0;
                    long said = System.nanoTime();
                    while (batch(statement) || remaining(backfill) > 0) {
                        batches++;
                        if (batches > limit) {
                            throw new AutogenException(name + " stopped in its backfill of " + backfill.table() + " after " + batches
                                    + " batches, twice as many as the " + left + " rows it found to fill need: the rows it fills are "
                                    + "still selected by \"" + backfill.where() + "\" (its SET must make them unselected), or the "
                                    + "application keeps writing rows it selects. The batches done stay committed; fix the migration "
                                    + "or the application and run " + verb(direction) + " again.");
                        }
                        if (System.nanoTime() - said > BACKFILL_REPORT.toNanos()) {
                            log.accept(what + ": " + batches + " batches of up to " + backfill.batchSize() + " rows committed, "
                                    + remaining(backfill) + " rows left.");
                            said = System.nanoTime();
                        }
                    }
                    log.accept(what + ": done, " + batches + " batches.");
                }
                record(index + 1);
                recorded(index + 1);
            } catch (SQLException e) {
                throw failure(statement.sql(), e, true, 1, "");
            }
        }

        /** One batch in a transaction of its own, tried again when it gave up waiting for a row's lock; answers whether it filled rows. */
        private boolean batch(StatementPlan.Statement statement) throws SQLException {
            int attempts = 1 + options.effectiveLockRetries();
            for (int attempt = 1; ; attempt++) {
                watch.start(name, false);
                try {
                    sink.execute(VersionTableSql.begin());
                    try {
                        boolean filled = sink.test(statement.sql());
                        sink.execute(VersionTableSql.commit());
                        return filled;
                    } catch (SQLException | RuntimeException e) {
                        rollback(e);
                        throw e;
                    }
                } catch (SQLException e) {
                    if (!gaveUpOnALock(e) || attempt >= attempts) {
                        throw e;
                    }
                    pause(backoff(attempt));
                } finally {
                    watch.stop();
                }
            }
        }

        private long remaining(Change.Backfill backfill) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(StatementPlan.backfillRemaining(backfill))) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** After a failed build: drops the INVALID index it left, and says so. */
        private String dropInvalid(QualifiedName index) {
            try {
                IndexState state = indexState(index);
                if (state.exists() && !state.valid()) {
                    withoutLockTimeout(StatementPlan.dropLeftOverIndex(index));
                    return "; the INVALID index " + index + " the build left behind was dropped";
                }
                return "";
            } catch (SQLException e) {
                leftBehind = true;
                return "; the INVALID index " + index + " the build left behind is still there (" + firstLine(e.getMessage())
                        + "): the rerun drops it";
            }
        }

        /** CONCURRENTLY waits for older transactions without holding up the application's queries: as long as it takes. */
        private void withoutLockTimeout(String statement) throws SQLException {
            sink.execute(VersionTableSql.set("lock_timeout", "0", false));
            try {
                sink.execute(statement);
            } finally {
                Duration timeout = options.effectiveLockTimeout();
                sink.execute(VersionTableSql.set("lock_timeout", timeout == null ? "0" : timeout.toMillis() + "ms", false));
            }
        }

        /** Writes that {@code count} statements are done, in the transaction under way or, outside one, on its own. */
        private void record(int count) throws SQLException {
            boolean finished = count == plan.size();
            String revision = file.revision();
            if (direction == Direction.DOWNGRADE) {
                sink.execute(finished ? sql.delete(revision) : sql.updateProgress(revision, "downgrade", count));
            } else if (finished) {
                sink.execute(recorded ? sql.completePending(revision, checksum) : sql.insert(revision, checksum));
            } else {
                sink.execute(recorded ? sql.updateProgress(revision, "upgrade", count) : sql.insertPending(revision, checksum, count));
            }
        }

        /** What {@link #record(int)} wrote is committed. */
        private void recorded(int count) {
            done = count;
            complete = count == plan.size();
            partway = !complete;
            recorded = direction == Direction.UPGRADE || !complete;
        }

        /** Whether {@code statement} may go to the server together with its neighbours: DDL with no warning still to print. */
        private boolean together(StatementPlan.Statement statement) {
            return !(statement.change() instanceof Change.ExecuteSql)
                    && (warned.contains(statement.change()) || hazards.getOrDefault(statement.change(), Optional.empty()).isEmpty());
        }

        private void warnOnce(Change change) {
            if (warned.add(change)) {
                hazards.getOrDefault(change, Optional.empty()).ifPresent(h -> options.warn().accept(h.toString()));
            }
        }

        private AutogenException failure(String statement, SQLException e, boolean rolledBack, int attempts, String cleaned) {
            String verb = verb(direction);
            String waited = waitedFor(e) + (attempts > 1 ? ", in each of " + attempts + " attempts" : "");
            String said = (statement == null ? "" : "Statement: " + statement + ". ") + "PostgreSQL says: " + said(e) + ". ";
            if (done == 0) {
                forgetPartway();
                return new AutogenException(name + " failed to " + verb + (rolledBack ? " and was rolled back" : "") + cleaned + waited
                        + ". " + said + standing(direction, doneThisRun) + notAsRecorded(e, direction), e);
            }
            return new AutogenException(name + " stopped part-way through its " + verb + ": the first " + done + " of its "
                    + plan.size() + " statements are done and recorded in " + sql.table()
                    + (rolledBack ? "; the transaction that failed was rolled back" : "") + cleaned + waited + ". " + said
                    + "Fix the cause and run " + verb + " again: it goes on where it stopped. " + standing(direction, doneThisRun), e);
        }

        /** Nothing of the migration is done: the version table says so, as if it had never started. */
        private void forgetPartway() {
            if (!partway || leftBehind) {
                return;
            }
            try {
                sink.execute(direction == Direction.UPGRADE ? sql.delete(file.revision()) : sql.clearProgress(file.revision()));
                partway = false;
            } catch (SQLException e) {
                // the row says 0 statements done: a rerun starts from the first, as it would without it
            }
        }
    }

    private record IndexState(boolean exists, boolean valid) {
    }

    private IndexState indexState(QualifiedName index) throws SQLException {
        if (script != null) {
            return new IndexState(false, false);
        }
        try (PreparedStatement statement = connection.prepareStatement(StatementPlan.indexState())) {
            statement.setString(1, Identifiers.quote(index));
            statement.setString(2, Identifiers.quote(index));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new IndexState(rs.getBoolean(1), rs.getBoolean(2));
            }
        }
    }

    /** How often a backfill says how far it got. */
    static final Duration BACKFILL_REPORT = Duration.ofSeconds(10);

    /** lock_not_available (lock_timeout) and deadlock_detected: another session was in the way, and may not be next time. */
    private static boolean gaveUpOnALock(SQLException e) {
        return "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** 1 s, 2 s, 4 s ... at most 30 s. */
    static Duration backoff(int attempt) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(attempt - 1, 5)));
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AutogenException("Interrupted while waiting to try a migration's transaction again");
        }
    }

    /**
     * For a statement that found the schema other than the version table says: the database was built another
     * way (ddl-auto, another tool, a version table dropped by hand), or a row records a migration not applied.
     */
    private static String notAsRecorded(SQLException e, Direction direction) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean exists = Set.of("42P07", "42701", "42710", "42P06", "42723").contains(state);
        boolean missing = Set.of("42P01", "42703", "42704", "3F000", "42883").contains(state);
        if (direction == Direction.UPGRADE && exists || direction == Direction.DOWNGRADE && missing) {
            return " The database is not what its version table says: it already has what this migration makes, or lacks "
                    + "what it removes. If the database was built another way (Hibernate's ddl-auto, another tool, a version "
                    + "table dropped by hand), compare it and record the revision it matches with mvn autogen:stamp "
                    + "-Dautogen.target=<revision>, then upgrade.";
        }
        return "";
    }

    /** For a statement that gave up waiting for a lock: who held it. */
    private String waitedFor(SQLException e) {
        if (!"55P03".equals(e.getSQLState())) {
            return "";
        }
        String blocker = watch.blocker();
        return " after waiting " + (options.effectiveLockTimeout() == null ? "" : Durations.describe(options.effectiveLockTimeout()) + " ")
                + "for a lock" + (blocker == null ? "" : " held by " + blocker);
    }

    /** Where the database stands after a failed migration, and what this run committed before it. */
    private String standing(Direction direction, List<MigrationFile> doneThisRun) {
        List<String> at;
        try {
            at = currentHeads();
        } catch (RuntimeException e) {
            return "";
        }
        StringBuilder out = new StringBuilder("The database is at ").append(at.isEmpty() ? "base (no migration applied)"
                : "revision " + at.stream().map(graph::describe).collect(Collectors.joining(" and revision ")));
        if (!doneThisRun.isEmpty()) {
            out.append("; this run ").append(direction == Direction.UPGRADE ? "applied " : "reverted ")
                    .append(doneThisRun.stream().map(MigrationFile::revision).collect(Collectors.joining(", ")))
                    .append(" before it, and ").append(doneThisRun.size() == 1 ? "that stays" : "those stay").append(" committed");
        }
        return out.append('.').toString();
    }

    /**
     * The first line of the server's error, and its hint when it gave one ("You might need to increase
     * max_locks_per_transaction"), read from the driver's ServerErrorMessage when the driver keeps one (pgjdbc does).
     */
    private static String said(SQLException e) {
        String hint = null;
        try {
            Object server = e.getClass().getMethod("getServerErrorMessage").invoke(e);
            Object text = server == null ? null : server.getClass().getMethod("getHint").invoke(server);
            hint = text == null ? null : text.toString().strip();
        } catch (ReflectiveOperationException | RuntimeException notPgjdbc) {
            // another driver: its first line is all there is
        }
        String first = firstLine(e.getMessage());
        return hint == null || hint.isEmpty() ? first : first + " (hint: " + hint.replaceAll("\\.$", "") + ")";
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /**
     * Creates the version table when it is missing (only then: a user who owns it but may not CREATE in its
     * schema still runs), and brings one of the first shape (revision, applied_at) to today's, recording the
     * checksums of the migrations it lists as their files are now.
     */
    private void prepareVersionTable() {
        String doing = "create";
        try {
            Set<String> columns = versionTableColumns();
            if (columns.isEmpty()) {
                sink.execute(sql.create());
                if (script != null) {
                    script.columns = VersionTableSql.COLUMNS;
                }
            } else if (columns.contains("checksum") && !columns.contains("pending")) {
                doing = "add the pending and statements_done columns to";
                sink.execute(sql.addProgressColumns());
                if (script != null) {
                    script.columns = VersionTableSql.COLUMNS;
                }
            } else if (!columns.contains("checksum")) {
                doing = "add the checksum, applied_by and execution_ms columns to";
                List<AppliedMigration> applied = appliedMigrations();
                inTransaction(() -> {
                    sink.execute(sql.addRecordColumns());
                    sink.execute(sql.addProgressColumns());
                    for (AppliedMigration row : applied) {
                        Optional<MigrationFile> file = graph.find(row.revision());
                        if (file.isPresent()) {
                            sink.execute(sql.updateChecksum(row.revision(), checksum(file.get())));
                        }
                    }
                });
                if (script != null) {
                    script.columns = VersionTableSql.COLUMNS;
                    script.rows.replaceAll(row -> new AppliedMigration(row.revision(), row.appliedAt(),
                            graph.find(row.revision()).map(this::checksum).orElse(null), null, null));
                }
                log.accept("The version table " + sql.table() + " now records checksums, who applied each migration "
                        + "and how long it took; the checksums of the " + applied.size()
                        + " migration(s) applied before are those of their files as they are now.");
            }
        } catch (SQLException e) {
            throw new AutogenException("Cannot " + doing + " the version table " + sql.table() + ": " + firstLine(e.getMessage())
                    + ". Run this once as a user that may (the table's owner, with CREATE in schema " + sql.table().schema() + ")", e);
        }
    }

    /** The columns of the version table; none when it does not exist. */
    private Set<String> versionTableColumns() throws SQLException {
        if (script != null) {
            return script.columns;
        }
        Set<String> columns = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.columns())) {
            statement.setString(1, sql.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** What a transaction of the run does, through the sink. */
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} between BEGIN and COMMIT, rolled back when it fails. */
    private void inTransaction(Work work) throws SQLException {
        sink.execute(VersionTableSql.begin());
        try {
            work.run();
            sink.execute(VersionTableSql.commit());
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    /** Ends a failed transaction; a connection lost with it has ended it already. */
    private void rollback(Exception failure) {
        try {
            sink.execute(VersionTableSql.rollback());
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
