package dev.autogen;

import dev.autogen.runner.MigrationRunner;
import dev.autogen.script.MigrationClasses;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.RevisionGraph;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An application's migrations over its DataSource, from one line of Java:
 * <pre>{@code
 * Migrations.configure().dataSource(dataSource).migrations("com.example.migrations").load().upgrade();
 * }</pre>
 * The migration classes are found on the class path by their package; each operation takes one connection
 * for its whole run. upgrade, downgrade and stamp hold the session-level migration lock on the version table,
 * as the Maven goals do, so two application instances that start together apply each migration once.
 */
public final class Migrations {

    private final MigrationSettings settings;
    private final RevisionGraph graph;

    Migrations(MigrationSettings settings) {
        this.settings = settings;
        this.graph = MigrationClasses.find(settings.classLoader(), settings.migrationsPackage());
    }

    /** Settings, one call at a time, then {@link MigrationSettings.Builder#load()}. */
    public static MigrationSettings.Builder configure() {
        return new MigrationSettings.Builder();
    }

    public MigrationSettings settings() {
        return settings;
    }

    /** The migrations found on the class path, from base to head. */
    public List<MigrationFile> migrations() {
        return graph.ordered();
    }

    /** The newest revision the application was built with. */
    public String head() {
        return graph.head();
    }

    /** Applies every pending migration; returns those applied. */
    public List<MigrationFile> upgrade() {
        return upgrade("head");
    }

    /** Applies the migrations up to and including {@code target} ("head" or a revision id); returns those applied. */
    public List<MigrationFile> upgrade(String target) {
        return onDatabase((runner, database) -> {
            List<MigrationFile> applied = runner.upgrade(target == null || target.isBlank() ? "head" : target.strip());
            settings.log().accept(applied.isEmpty() ? database + " is at " + where(runner.currentHeads()) + "; nothing to apply."
                    : "Upgraded " + database + " to " + describe(applied.get(applied.size() - 1).revision()) + ".");
            return applied;
        });
    }

    /** Reverts migrations down to {@code target}: "-1", "-N" steps, "base", or a revision id that stays applied. */
    public List<MigrationFile> downgrade(String target) {
        return onDatabase((runner, database) -> {
            List<MigrationFile> reverted = runner.downgrade(target == null ? null : target.strip());
            settings.log().accept(reverted.isEmpty() ? "Nothing to revert on " + database + "."
                    : "Downgraded " + database + " to " + where(runner.currentHeads()) + ".");
            return reverted;
        });
    }

    /**
     * Records {@code target} ("head", "base" or a revision id) as the revision the database is at, without running
     * anything. Unlike mvn autogen:stamp, which first compares the database with that revision's schema on a scratch
     * database, this trusts the caller: adopt a database with the Maven goal, and stamp from here only what is known.
     */
    public void stamp(String target) {
        String revision = revision(target, "stamp");
        onDatabase((runner, database) -> {
            runner.stamp(revision);
            settings.log().accept("Stamped " + database + " at " + describe(revision) + " in " + settings.versionTable()
                    + " without running anything.");
            return null;
        });
    }

    /**
     * The revision the database is at, or null at base. Refuses a version table that records a revision none of
     * the migration classes declares, or an applied migration whose steps were edited since.
     */
    public String current() {
        return onDatabase((runner, database) -> runner.current());
    }

    /** Refuses, in one line, a database that is not at the head, or whose applied migrations were edited or are unknown. */
    public void validate() {
        validate("head");
    }

    /** As {@link #validate()}, for a database that should be at {@code target} ("head" or a revision id). */
    public void validate(String target) {
        String wanted = revision(target, "validate");
        List<String> wantedHeads = wanted == null ? List.of() : List.of(wanted);
        onDatabase((runner, database) -> {
            List<String> at = runner.currentHeads();
            if (at.equals(wantedHeads)) {
                return null;
            }
            Set<String> applied = new HashSet<>();
            graph.upTo(at).forEach(m -> applied.add(m.revision()));
            List<MigrationFile> expected = graph.upTo(wantedHeads);
            String where = where(at);
            if (expected.stream().map(MigrationFile::revision).collect(Collectors.toSet()).containsAll(applied)) {
                List<MigrationFile> pending = expected.stream().filter(m -> !applied.contains(m.revision())).toList();
                throw new AutogenException("The database " + database + " is at " + where + ", behind "
                        + describe(wanted) + " that this application was built with: " + pending.size()
                        + (pending.size() == 1 ? " migration is" : " migrations are") + " not applied ("
                        + pending.stream().map(MigrationFile::simpleClassName).collect(Collectors.joining(", "))
                        + "). Apply them first (from a deployment job, with mvn autogen:upgrade, or with autogen.on-start=upgrade).");
            }
            throw new AutogenException("The database " + database + " is at " + where + ", which holds migrations that "
                    + describe(wanted) + ", the one this application expects, does not: start the version of the "
                    + "application that has them, or downgrade the database.");
        });
    }

    /** "head" (or nothing), "base" or a revision id, as a revision id; null for base. */
    private String revision(String target, String operation) {
        String name = target == null || target.isBlank() ? "head" : target.strip();
        if (name.equals("head")) {
            return graph.head();
        }
        if (name.equals("base")) {
            return null;
        }
        return graph.find(name).map(MigrationFile::revision).orElseThrow(() -> new AutogenException("Cannot " + operation
                + " " + name + ": no migration class in package " + settings.migrationsPackage() + " declares that revision"));
    }

    private interface Work<T> {
        T run(MigrationRunner runner, String database);
    }

    private <T> T onDatabase(Work<T> work) {
        try (Connection connection = settings.dataSource().getConnection()) {
            Supplier<Connection> monitor = () -> {
                try {
                    return settings.dataSource().getConnection();
                } catch (SQLException e) {
                    throw new AutogenException("Cannot open a second connection: " + e.getMessage(), e);
                }
            };
            MigrationRunner runner = new MigrationRunner(connection, graph, settings.versionTable(),
                    MigrationRunner.classLoading(settings.classLoader()), settings.log(), options().withMonitor(monitor));
            return work.run(runner, database(connection));
        } catch (SQLException e) {
            throw new AutogenException("Cannot connect to the database: " + firstLine(e.getMessage()), e);
        }
    }

    /** How the runner behaves around other sessions, as the settings say; without the second connection. */
    MigrationRunner.Options options() {
        return MigrationRunner.Options.defaults().withLockWait(settings.lockWait()).withLockTimeout(settings.lockTimeout())
                .withSafety(settings.safety()).withLockRetries(settings.lockRetries())
                .withStatementTimeout(settings.statementTimeout()).withWarn(settings.warn());
    }

    /** The database's JDBC URL without its parameters, which may hold a password. */
    private static String database(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        if (url == null) {
            return "the database";
        }
        int parameters = url.indexOf('?');
        return parameters < 0 ? url : url.substring(0, parameters);
    }

    /** Where a database stands: base, one revision, or the heads of branches it took but did not merge. */
    private String where(List<String> heads) {
        if (heads.size() > 1) {
            return "the heads " + heads.stream().map(this::describe).collect(Collectors.joining(" and ")) + " of branches not yet merged";
        }
        return describe(heads.isEmpty() ? null : heads.get(0));
    }

    private String describe(String revision) {
        if (revision == null) {
            return "base (no migration applied)";
        }
        return "revision " + graph.find(revision).map(m -> revision + " (" + m.simpleClassName() + ")").orElse(revision);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
