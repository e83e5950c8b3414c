package dev.autogen.runner;

import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.schema.QualifiedName;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.sql.Identifiers;
import dev.autogen.sql.PostgresSql;

import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies and reverts migrations on one database. Each migration runs in its own transaction
 * together with its version-table update, so a failed statement leaves both as they were.
 */
public final class MigrationRunner {

    /** What a migration contributes in one direction. */
    public enum Direction { UPGRADE, DOWNGRADE }

    private final Connection connection;
    private final RevisionGraph graph;
    private final VersionTable versionTable;
    private final Function<MigrationFile, Migration> loader;
    private final Consumer<String> log;

    public MigrationRunner(Connection connection, RevisionGraph graph, QualifiedName versionTable,
                           Function<MigrationFile, Migration> loader, Consumer<String> log) {
        this.connection = connection;
        this.graph = graph;
        this.versionTable = new VersionTable(versionTable);
        this.loader = loader;
        this.log = log;
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

    /** The revision the database is at, or null at base. */
    public String current() {
        try {
            List<String> applied = versionTable.applied(connection);
            for (String revision : applied) {
                graph.indexOf(revisionKnown(revision));
            }
            String current = null;
            int highest = -1;
            for (String revision : applied) {
                int index = graph.indexOf(revision);
                if (index > highest) {
                    highest = index;
                    current = revision;
                }
            }
            if (applied.size() != highest + 1) {
                throw new AutogenException("The version table " + versionTable.name() + " records revisions " + applied
                        + ", which are not the first " + applied.size() + " migrations in order. Repair the table by hand.");
            }
            return current;
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the version table " + versionTable.name() + ": " + e.getMessage(), e);
        }
    }

    private String revisionKnown(String revision) {
        if (graph.find(revision).isEmpty()) {
            throw new AutogenException("The database is at revision " + revision
                    + ", which no migration file declares. Restore that migration file, or point autogen.url at the right database.");
        }
        return revision;
    }

    /** Applies migrations up to and including {@code target} ("head" or a revision id); returns those applied. */
    public List<MigrationFile> upgrade(String target) {
        versionTable.create(connection);
        int from = graph.indexOf(current());
        int to = target == null || target.equals("head") ? graph.ordered().size() - 1 : graph.indexOf(target);
        if (to < from) {
            throw new AutogenException("Revision " + target + " is older than the current revision "
                    + graph.ordered().get(from).revision() + ": use autogen:downgrade to go back");
        }
        List<MigrationFile> applied = new ArrayList<>();
        for (int i = from + 1; i <= to; i++) {
            MigrationFile file = graph.ordered().get(i);
            run(file, Direction.UPGRADE);
            applied.add(file);
        }
        return applied;
    }

    /**
     * Reverts migrations down to {@code target}: "-N" steps back, "base" for all, or a revision id
     * that stays applied. Returns the migrations reverted.
     */
    public List<MigrationFile> downgrade(String target) {
        versionTable.create(connection);
        int from = graph.indexOf(current());
        int to;
        if (target == null || target.isBlank()) {
            throw new AutogenException("Say how far to downgrade: -Dautogen.target=-1, -N, base or a revision id");
        } else if (target.equals("base")) {
            to = -1;
        } else if (target.matches("-\\d+")) {
            to = from - Integer.parseInt(target.substring(1));
            if (to < -1) {
                throw new AutogenException("Cannot go back " + target.substring(1) + " migrations: only " + (from + 1) + " are applied");
            }
        } else {
            to = graph.indexOf(target);
            if (to > from) {
                throw new AutogenException("Revision " + target + " is not applied yet: use autogen:upgrade to go forward");
            }
        }
        List<MigrationFile> reverted = new ArrayList<>();
        for (int i = from; i > to; i--) {
            MigrationFile file = graph.ordered().get(i);
            run(file, Direction.DOWNGRADE);
            reverted.add(file);
        }
        return reverted;
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

    private void run(MigrationFile file, Direction direction) {
        List<Change> changes = changes(file, direction);
        String verb = direction == Direction.UPGRADE ? "upgrade" : "downgrade";
        log.accept((direction == Direction.UPGRADE ? "Upgrading to " : "Downgrading from ") + file.revision()
                + " (" + file.simpleClassName() + "): " + file.message());
        String statement = null;
        // a label added to an enum type cannot be used in the transaction that adds it, so leading
        // ADD VALUE steps run first, each committed on its own (they are IF NOT EXISTS: a re-run passes them)
        int leading = 0;
        while (leading < changes.size() && changes.get(leading) instanceof Change.AddEnumValue) {
            leading++;
        }
        try (Statement jdbc = connection.createStatement()) {
            if (leading > 0 && !connection.getAutoCommit()) {
                connection.commit();
                connection.setAutoCommit(true);
            }
            for (Change change : changes.subList(0, leading)) {
                for (String sql : PostgresSql.statements(change)) {
                    statement = sql;
                    jdbc.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new AutogenException("Migration " + file.revision() + " (" + file.simpleClassName() + ") failed to "
                    + verb + " before its transaction began; the database stays at its previous revision. Statement: "
                    + statement + ". PostgreSQL says: " + firstLine(e.getMessage()), e);
        }
        changes = changes.subList(leading, changes.size());
        statement = null;
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement jdbc = connection.createStatement()) {
                versionTable.lock(connection);
                String current = current();
                String expected = direction == Direction.UPGRADE ? (file.isFirst() ? null : file.parent()) : file.revision();
                if (!java.util.Objects.equals(current, expected)) {
                    throw new AutogenException("The database moved to revision " + current
                            + " while autogen was running; run the goal again");
                }
                for (Change change : changes) {
                    for (String sql : PostgresSql.statements(change)) {
                        statement = sql;
                        jdbc.execute(sql);
                    }
                }
                statement = null;
                if (direction == Direction.UPGRADE) {
                    versionTable.insert(connection, file.revision());
                } else {
                    versionTable.delete(connection, file.revision());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new AutogenException("Migration " + file.revision() + " (" + file.simpleClassName() + ") failed to "
                    + verb + " and was rolled back; the database stays at its previous revision. "
                    + (statement == null ? "" : "Statement: " + statement + ". ") + "PostgreSQL says: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** The table that records which revisions are applied: one row per applied migration. */
    static final class VersionTable {
        private final QualifiedName name;

        VersionTable(QualifiedName name) {
            this.name = name;
        }

        QualifiedName name() {
            return name;
        }

        private String sqlName() {
            return Identifiers.quote(name);
        }

        void create(Connection connection) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + sqlName()
                        + " (revision character varying(64) NOT NULL PRIMARY KEY,"
                        + " applied_at timestamp with time zone NOT NULL DEFAULT now())");
            } catch (SQLException e) {
                throw new AutogenException("Cannot create the version table " + name + ": " + e.getMessage(), e);
            }
        }

        List<String> applied(Connection connection) throws SQLException {
            List<String> result = new ArrayList<>();
            try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, sqlName());
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return result;
                    }
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT revision FROM " + sqlName() + " ORDER BY applied_at, revision")) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
            return result;
        }

        // one runner at a time: a second one waits here, then sees the revision the first one left
        void lock(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + sqlName() + " IN SHARE ROW EXCLUSIVE MODE");
            }
        }

        void insert(Connection connection, String revision) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + sqlName() + " (revision) VALUES (?)")) {
                statement.setString(1, revision);
                statement.executeUpdate();
            }
        }

        void delete(Connection connection, String revision) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + sqlName() + " WHERE revision = ?")) {
                statement.setString(1, revision);
                statement.executeUpdate();
            }
        }
    }
}
