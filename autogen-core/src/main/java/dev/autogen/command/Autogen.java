package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.change.StepNotes;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.diff.AsWritten;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.introspect.Introspector;
import dev.autogen.render.MigrationRenderer;
import dev.autogen.render.MigrationRenderer.MigrationSource;
import dev.autogen.render.ReviewSummary;
import dev.autogen.runner.MigrationRunner;
import dev.autogen.schema.Schema;
import dev.autogen.schema.WrittenText;
import dev.autogen.script.Migration;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.MigrationSources;
import dev.autogen.script.Operations;
import dev.autogen.script.RevisionGraph;
import dev.autogen.targetschema.Reprinter;
import dev.autogen.targetschema.TargetSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The goals, as a user runs them: revision, check, upgrade, downgrade, current, history. The
 * Maven plugin and tests call these; nothing here knows about Maven.
 */
public final class Autogen {

    private static final DateTimeFormatter CLASS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Configuration settings;
    private final Log log;

    public Autogen(Configuration settings, Log log) {
        this.settings = settings;
        this.log = log;
    }

    /** The outcome of {@link #revision}: the changes found and the file written, if any. */
    public record RevisionResult(List<Change> changes, Optional<Path> file) {
    }

    /** Compares the entities with the migrations (or the live database) and writes a migration for the difference. */
    public RevisionResult revision(String message) {
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        // the file's name is settled before the diff, which may take a while
        ZonedDateTime now = ZonedDateTime.now(settings.clock()).truncatedTo(ChronoUnit.SECONDS);
        String text = message == null ? "" : message.strip();
        String className = "M" + CLASS_TIME.format(now) + slug(text);
        Comparison comparison = diff(graph, true);
        List<Change> changes = comparison.changes();
        if (changes.isEmpty()) {
            log.info("No changes: the " + currentSideName() + " already " + matchVerb() + " the entities. Nothing written.");
            writeSummary("No changes: the " + currentSideName() + " already " + matchVerb() + " the entities, so "
                    + "`autogen:revision` wrote no migration.", List.of());
            return new RevisionResult(changes, Optional.empty());
        }
        String revision = HexFormat.of().formatHex(randomBytes());
        MigrationSource source = new MigrationSource(settings.migrationsPackage(), className, revision,
                graph.head(), text, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now), changes);
        String java = timed("rendering", () -> new MigrationRenderer(settings.templatesDirectory()).render(source));
        Path file = settings.migrationsDirectory().resolve(className + ".java");
        prove(source, java, comparison);
        try {
            Files.createDirectories(settings.migrationsDirectory());
            Files.writeString(file, java, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AutogenException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        report(changes);
        writeSummary("The migration `autogen:revision` wrote to `" + file.getFileName() + "`" + (settings.prove()
                        ? ", proven on a scratch database (upgrade, downgrade, upgrade)." : ", compiled, not proven."),
                List.of(new ReviewSummary.Reviewed(revision, graph.head(), text, source.created(), className, changes,
                        Change.inverseOf(changes))));
        log.info("Wrote " + file + (settings.prove() ? " (proven: upgrade, downgrade and upgrade again on a scratch database"
                + " leave nothing to change)" : " (compiled, not proven: autogen.prove=false)"));
        return new RevisionResult(changes, Optional.of(file));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Fails with the list of differences when the entities and the migrations (or live database) differ. */
    public List<Change> check() {
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        // a live database behind the migrations needs an upgrade, not a migration for what the files already hold
        List<Change> changes = diff(graph, true).changes();
        if (changes.isEmpty()) {
            log.info("The " + currentSideName() + " " + matchVerb() + " the entities.");
            return changes;
        }
        StringBuilder message = new StringBuilder("Model drift: the entities differ from the ").append(currentSideName())
                .append(" (").append(changes.size()).append(changes.size() == 1 ? " change" : " changes").append("):");
        for (Change change : changes) {
            message.append("\n  - ").append(change.describe());
        }
        message.append("\nRun mvn autogen:revision -Dmessage=\"...\" and commit the migration it writes.");
        throw new AutogenException(message.toString());
    }

    /** Applies migrations up to {@code target} ("head" or a revision id) on the live database. */
    public List<MigrationFile> upgrade(String target) {
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        return onDatabase(requireDatabase(), graph, runner -> {
            List<MigrationFile> applied = runner.upgrade(target);
            log.info(applied.isEmpty() ? "Already at " + describe(graph, graph.head()) + "; nothing to apply."
                    : "Upgraded to " + describe(graph, applied.get(applied.size() - 1).revision()) + ".");
            return applied;
        });
    }

    /** Reverts migrations on the live database down to {@code target}: -1, -N, base or a revision id. */
    public List<MigrationFile> downgrade(String target) {
        if (target == null || target.isBlank()) {
            throw new AutogenException("Say how far to downgrade: -Dautogen.target=-1, -N, base or a revision id");
        }
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        return onDatabase(requireDatabase(), graph, runner -> {
            List<MigrationFile> reverted = runner.downgrade(target);
            log.info(reverted.isEmpty() ? "Nothing to revert." : "Downgraded to " + describe(graph, runner.current()) + ".");
            return reverted;
        });
    }

    /** The revision the live database is at, or null at base. */
    public String current() {
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        String current = onDatabase(requireDatabase(), graph, runner -> {
            String at = runner.current();
            String hint = adoptionHint(runner, at);
            if (!hint.isEmpty()) {
                log.warn(hint + ".");
            }
            return at;
        });
        String head = graph.head();
        log.info("Current revision: " + describe(graph, current)
                + (current != null && current.equals(head) ? " (head)" : head == null ? "" : "; head is " + head));
        return current;
    }

    /**
     * The migrations from newest to oldest; with a database, whether each is applied (when, by whom, how
     * long it took, and whether its file still has the checksum it was applied with) or pending.
     */
    public List<MigrationFile> history() {
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        if (graph.isEmpty()) {
            log.info("No migrations in " + settings.migrationsDirectory());
        }
        if (settings.database() == null) {
            print(graph, null, null);
            writeSummary(graph.isEmpty() ? "There is no migration." : "Every migration, in the order `autogen:upgrade` runs"
                    + " them: no database was given (autogen.url, DATABASE_URL or spring.datasource), so none is known to be"
                    + " applied.", reviewed(graph.ordered()));
            return graph.ordered();
        }
        return onDatabase(settings.database(), graph, runner -> {
            Map<String, MigrationRunner.AppliedMigration> applied = new LinkedHashMap<>();
            runner.appliedMigrations().forEach(row -> applied.put(row.revision(), row));
            List<MigrationFile> pending = graph.ordered().stream().filter(m -> !applied.containsKey(m.revision())).toList();
            writeSummary(pending.isEmpty() ? "Nothing to review: " + settings.database().displayUrl()
                    + " has applied every migration." : (pending.size() == 1 ? "The migration " : "The " + pending.size()
                    + " migrations ") + settings.database().displayUrl() + " has not applied, in the order `autogen:upgrade`"
                    + " runs them.", reviewed(pending));
            String current = applied.keySet().stream().filter(r -> graph.find(r).isPresent())
                    .max(java.util.Comparator.comparingInt(graph::indexOf)).orElse(null);
            print(graph, current, row -> {
                MigrationRunner.AppliedMigration record = applied.get(row.revision());
                if (record == null) {
                    return "pending";
                }
                String checksum;
                try {
                    checksum = record.checksum() == null ? "checksum not recorded"
                            : record.checksum().equals(runner.checksum(row)) ? "checksum matches"
                            : "EDITED since applied (review, then mvn autogen:repair)";
                } catch (AutogenException e) {
                    checksum = "checksum unknown: " + e.getMessage();
                }
                return "applied " + record.appliedAt().toInstant().truncatedTo(ChronoUnit.SECONDS)
                        + (record.appliedBy() == null ? "" : " by " + record.appliedBy())
                        + (record.executionMs() == null ? "" : " in " + record.executionMs() + " ms") + ", " + checksum;
            });
            applied.keySet().stream().filter(r -> graph.find(r).isEmpty()).forEach(r -> log.warn("The version table records "
                    + r + ", which no migration file declares: restore its file, or point autogen.url at the right database."));
            return graph.ordered();
        });
    }

    /** Both directions of each migration, as its compiled class builds them. */
    private List<ReviewSummary.Reviewed> reviewed(List<MigrationFile> migrations) {
        if (settings.summary() == null) {
            return List.of();
        }
        java.util.function.Function<MigrationFile, Migration> loading = MigrationRunner.classLoading(settings.classLoader());
        List<ReviewSummary.Reviewed> result = new ArrayList<>();
        for (MigrationFile file : migrations) {
            Migration migration = loading.apply(file);
            Operations up = new Operations();
            Operations down = new Operations();
            migration.upgrade(up);
            migration.downgrade(down);
            result.add(new ReviewSummary.Reviewed(file.revision(), file.parent(), file.message(), file.created(),
                    file.simpleClassName(), up.changes(), down.changes()));
        }
        return result;
    }

    /** Writes the Markdown review summary when autogen.summary names a file. */
    private void writeSummary(String intro, List<ReviewSummary.Reviewed> migrations) {
        Path file = settings.summary();
        if (file == null) {
            return;
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, ReviewSummary.markdown(intro, migrations), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AutogenException("Cannot write the review summary " + file + ": " + e.getMessage(), e);
        }
        log.info("Review summary: " + file + " (" + (migrations.size() == 1 ? "1 migration" : migrations.size() + " migrations") + ")");
    }

    private void print(RevisionGraph graph, String current, java.util.function.Function<MigrationFile, String> state) {
        List<MigrationFile> newestFirst = new ArrayList<>(graph.ordered());
        java.util.Collections.reverse(newestFirst);
        for (MigrationFile m : newestFirst) {
            String marks = (m.revision().equals(graph.head()) ? " (head)" : "")
                    + (m.revision().equals(current) ? " (current)" : "");
            log.info((m.isFirst() ? "<base>" : m.parent()) + " -> " + m.revision() + marks + ", " + m.message()
                    + "  [" + m.simpleClassName() + ", " + m.created() + "]" + (state == null ? "" : "  " + state.apply(m)));
        }
    }

    /**
     * Records {@code target} ("head", a revision id or "base") as the revision the live database is at, without
     * running anything: for a database built another way. Refuses, with the differences, a database that does
     * not have that revision's schema (the migrations up to it replayed on a scratch database), unless forced.
     */
    public String stamp(String target, boolean force) {
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        ConnectionSpec database = requireDatabase();
        String revision;
        if (target == null || target.isBlank()) {
            throw new AutogenException("Say which revision the database is at: -Dautogen.target=head, base or a revision id");
        } else if (target.equals("base")) {
            revision = null;
        } else if (target.equals("head")) {
            if (graph.isEmpty()) {
                throw new AutogenException("There is no migration to stamp: write the first one with mvn autogen:revision");
            }
            revision = graph.head();
        } else {
            revision = graph.find(target).orElseThrow(() -> new AutogenException("Unknown revision " + target
                    + ": no migration file in " + settings.migrationsDirectory() + " declares it")).revision();
        }
        List<Change> differences = stampDifferences(graph, revision, database);
        if (!differences.isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (Change change : differences) {
                list.append("\n  - ").append(change.describe());
            }
            String what = "The database " + database + " differs from the schema of " + describe(graph, revision) + " ("
                    + differences.size() + (differences.size() == 1 ? " change" : " changes") + " would make it match):" + list;
            if (!force) {
                throw new AutogenException(what + "\nMake the database match, stamp the revision it does match, or, when "
                        + "the differences are meant to stay, stamp anyway with -Dautogen.force=true.");
            }
            log.warn(what + "\nStamping anyway (autogen.force).");
        }
        onDatabase(database, graph, runner -> {
            runner.stamp(revision);
            return null;
        });
        log.info("Stamped " + database.url() + " at " + describe(graph, revision) + ": recorded in " + settings.versionTable()
                + " without running anything; nothing else in the database was touched.");
        return revision;
    }

    /** What would turn the live database into {@code revision}'s schema, the migrations up to it replayed on a scratch database. */
    private List<Change> stampDifferences(RevisionGraph graph, String revision, ConnectionSpec database) {
        ScratchAdmin scratch = new ScratchAdmin(requireScratch());
        Introspector introspector = new Introspector(name -> name.equals(settings.versionTable()));
        Schema live;
        Schema wanted;
        try (Connection connection = database.connect(); ScratchDatabase replay = scratch.create("stamp");
             Connection replayed = replay.connect()) {
            if (revision != null) {
                log.info("Replaying the migrations up to " + revision + " into a scratch database");
                runner(replayed, graph, replay.spec()).upgrade(revision);
            }
            Set<String> schemas = new LinkedHashSet<>(Introspector.userSchemas(connection));
            schemas.addAll(Introspector.userSchemas(replayed));
            live = settings.filter().apply(introspector.read(connection, schemas));
            wanted = settings.filter().apply(introspector.read(replayed, schemas));
        } catch (SQLException e) {
            throw new AutogenException("Cannot compare " + database + " with the migrations: " + e.getMessage(), e);
        }
        Reprinter reprinter = new Reprinter(scratch, log::warn);
        return SchemaDiff.compare(reprinter.reprint(live), reprinter.reprint(wanted));
    }

    /** For a database at base that has tables: it was built another way, and stamp is how to adopt it; empty otherwise. */
    private static String adoptionHint(MigrationRunner runner, String at) {
        if (at != null) {
            return "";
        }
        int tables = runner.otherTables();
        return tables == 0 ? "" : "The database has " + tables + (tables == 1 ? " table" : " tables") + " but records no "
                + "migration as applied: if it was built another way (Hibernate's ddl-auto, another tool, a version table "
                + "dropped by hand), adopt it with mvn autogen:stamp -Dautogen.target=<the revision it matches>";
    }

    /** Records the checksums of applied migrations as their files are now, after the edits were reviewed. */
    public List<MigrationFile> repair() {
        RevisionGraph graph = MigrationSources.read(settings.migrationsDirectory());
        return onDatabase(requireDatabase(), graph, runner -> {
            List<MigrationFile> repaired = runner.repair();
            log.info(repaired.isEmpty() ? "Every applied migration has the checksum it was applied with; nothing to repair."
                    : "Recorded " + repaired.size() + " new checksum(s).");
            return repaired;
        });
    }

    /** The changes that turn the current side (live database or replayed migrations) into the entities' schema. */
    public List<Change> diff() {
        return diff(MigrationSources.read(settings.migrationsDirectory()), false).changes();
    }

    /** What the diff found, and the two sides as it compared them. */
    private record Comparison(List<Change> changes, Schema current, Schema target) {
    }

    /**
     * Compiles the rendered migration against the project's class path and, unless autogen.prove=false,
     * runs it on a scratch database holding the current side; either failing writes nothing.
     */
    private void prove(MigrationSource source, String java, Comparison comparison) {
        String className = source.packageName() + "." + source.className();
        try {
            Migration migration = timed("compiling", () -> MigrationCompiler.compile(className, java, settings.classLoader()));
            if (settings.prove()) {
                timed("proof", () -> {
                    new Proof(new ScratchAdmin(requireScratch()), settings.filter(), log::warn)
                            .prove(migration, comparison.current(), comparison.target());
                    return null;
                });
            }
        } catch (MigrationNotProven e) {
            throw new AutogenException("The migration " + source.className() + " failed its proof at " + e.step() + ": "
                    + e.how() + ". Nothing was written. This is a defect of autogen (or of the project's own template): "
                    + "please report it with the entities; -Dautogen.prove=false writes the file without running it.", e);
        }
    }

    private Comparison diff(RevisionGraph graph, boolean requireHead) {
        // Hibernate's boot is CPU work of this JVM: it runs while the database side is replayed or read
        CompletableFuture<TargetSchema.Hibernate> hibernate = inParallel("hibernate-boot", () -> TargetSchema.hibernate(
                settings.classLoader(), settings.entities(), settings.hibernateSettings(), log::timing));
        try {
            return diff(graph, requireHead, hibernate);
        } catch (RuntimeException | Error e) {
            // nothing of the goal runs on after it has failed
            hibernate.exceptionally(error -> null).join();
            throw e;
        }
    }

    private Comparison diff(RevisionGraph graph, boolean requireHead, CompletableFuture<TargetSchema.Hibernate> hibernate) {
        ScratchAdmin scratch = new ScratchAdmin(requireScratch());
        TargetSchema target;
        Schema current;
        Introspector introspector = new Introspector(name -> name.equals(settings.versionTable()));
        if (settings.database() != null) {
            try (Connection connection = settings.database().connect()) {
                if (requireHead) {
                    // also refuses applied migrations whose files were edited since
                    String at = runner(connection, graph, settings.database()).current();
                    if (!java.util.Objects.equals(at, graph.head())) {
                        throw new AutogenException("The database " + settings.database() + " is at " + describe(graph, at)
                                + " but the newest migration is " + graph.head() + ": run mvn autogen:upgrade first"
                                + Optional.of(adoptionHint(runner(connection, graph, settings.database()), at))
                                .filter(hint -> !hint.isEmpty()).map(hint -> ". " + hint).orElse(""));
                    }
                }
                // the entities' schema is built with the extensions the database has, for columns of their types
                target = TargetSchema.build(scratch, await(hibernate), Introspector.extensions(connection), log::timing);
                Set<String> schemas = new LinkedHashSet<>(target.schema().schemaNames());
                schemas.add("public");
                current = timedSql("introspection", () -> introspector.read(connection, schemas));
            } catch (SQLException e) {
                throw new AutogenException("Cannot read the schema of " + settings.database() + ": " + e.getMessage(), e);
            }
        } else {
            try (ScratchDatabase replay = scratch.create("replay"); Connection connection = replay.connect()) {
                if (!graph.isEmpty()) {
                    log.info("Replaying " + graph.ordered().size() + " migration(s) into a scratch database");
                    timed("replay", () -> runner(connection, graph, replay.spec()).upgrade("head"));
                }
                current = timedSql("introspection", () -> introspector.read(connection, Introspector.userSchemas(connection)));
            } catch (SQLException e) {
                throw new AutogenException("Cannot read the replayed schema: " + e.getMessage(), e);
            }
            target = TargetSchema.build(scratch, await(hibernate), current.extensions(), log::timing);
        }
        Reprinter reprinter = new Reprinter(scratch, log::warn);
        current = settings.filter().apply(current);
        Schema wanted = settings.filter().apply(target.schema());
        if (!current.unmanaged().isEmpty()) {
            log.info("Not compared (views, and tables left out by configuration): " + current.unmanaged().stream()
                    .map(Object::toString).collect(java.util.stream.Collectors.joining(", ")));
        }
        Schema filteredCurrent = current;
        // the two sides are re-created on scratch databases of their own, at the same time
        CompletableFuture<Schema> reprintingTarget = inParallel("reprint", () -> timed("reprint", () -> reprinter.reprint(wanted)));
        Schema reprintedCurrent;
        try {
            reprintedCurrent = timed("reprint", () -> reprinter.reprint(filteredCurrent));
        } catch (RuntimeException | Error e) {
            reprintingTarget.exceptionally(error -> null).join();
            throw e;
        }
        Schema reprintedTarget = await(reprintingTarget);
        WrittenText written = target.written();
        // compared as PostgreSQL prints both sides; written as Hibernate wrote the target
        List<Change> changes = timed("diff", () -> AsWritten.spell(SchemaDiff.compare(reprintedCurrent, reprintedTarget),
                reprintedTarget, written));
        return new Comparison(changes, reprintedCurrent, reprintedTarget);
    }

    /** Work of one phase on a database, its time reported to the log (autogen.timings). */
    private interface Phase<T> {
        T run() throws SQLException;
    }

    private <T> T timedSql(String phase, Phase<T> work) throws SQLException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            log.timing(phase, System.nanoTime() - start);
        }
    }

    private <T> T timed(String phase, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            log.timing(phase, System.nanoTime() - start);
        }
    }

    /** Runs {@code work} on a thread of its own, with the project's class loader, while the caller goes on. */
    private <T> CompletableFuture<T> inParallel(String name, java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "autogen-" + name);
        thread.setContextClassLoader(settings.classLoader());
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new AutogenException(cause.getMessage(), cause);
        }
    }

    /** Runs {@code work} with a runner on the live database, closing the connection after it. */
    private <T> T onDatabase(ConnectionSpec database, RevisionGraph graph, java.util.function.Function<MigrationRunner, T> work) {
        try (Connection connection = database.connect()) {
            return work.apply(runner(connection, graph, database));
        } catch (SQLException e) {
            throw new AutogenException("Lost the connection to " + database + ": " + e.getMessage(), e);
        }
    }

    /** A runner on {@code connection}; {@code database} opens the second connection that watches for lock waits. */
    private MigrationRunner runner(Connection connection, RevisionGraph graph, ConnectionSpec database) {
        MigrationRunner.Options options = MigrationRunner.Options.defaults().withLockWait(settings.lockWait())
                .withLockTimeout(settings.lockTimeout()).withWarn(log::warn).withMonitor(database::connect);
        return new MigrationRunner(connection, graph, settings.versionTable(),
                MigrationRunner.classLoading(settings.classLoader()), log::info, options);
    }

    private void report(List<Change> changes) {
        log.info("Changes (" + changes.size() + "):");
        List<StepNotes> notes = StepNotes.of(changes);
        for (StepNotes step : notes) {
            log.info("  - " + step.change().describe());
            step.locksLine().ifPresent(line -> log.info("      " + line));
        }
        List<Hazard> hazards = notes.stream().flatMap(step -> step.hazard().stream()).toList();
        for (Hazard hazard : hazards) {
            log.warn(hazard.toString());
        }
    }

    private String currentSideName() {
        return settings.database() == null ? "migrations" : "database " + settings.database().displayUrl();
    }

    /** "the migrations match", "the database matches". */
    private String matchVerb() {
        return settings.database() == null ? "match" : "matches";
    }

    private ConnectionSpec requireDatabase() {
        if (settings.database() == null) {
            throw new AutogenException("No database given: set -Dautogen.url=jdbc:postgresql://host:port/database "
                    + "(with autogen.user and autogen.password) or the DATABASE_URL environment variable");
        }
        return settings.database();
    }

    private ConnectionSpec requireScratch() {
        if (settings.scratch() == null) {
            throw new IllegalStateException("no scratch server configured");
        }
        return settings.scratch();
    }

    private static String describe(RevisionGraph graph, String revision) {
        if (revision == null) {
            return "base (no migration applied)";
        }
        return graph.find(revision).map(m -> revision + " (" + m.simpleClassName() + ")").orElse(revision);
    }

    /** The longest slug a class name gets: file names stay far below the 255 bytes file systems allow. */
    static final int SLUG_LENGTH = 60;

    /**
     * "add order status" becomes "_AddOrderStatus": a Java identifier part that reads like the message,
     * cut at {@value #SLUG_LENGTH} characters however long the message or its words.
     */
    static String slug(String message) {
        StringBuilder out = new StringBuilder();
        for (String word : message.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
            if (out.length() >= SLUG_LENGTH) {
                out.setLength(SLUG_LENGTH);
                break;
            }
        }
        return out.isEmpty() ? "" : "_" + out;
    }
}
