package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.change.StepNotes;
import dev.autogen.config.Configuration;
import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.MissingFromExtension;
import dev.autogen.db.ScratchAdmin;
import dev.autogen.db.ScratchAdmin.ScratchDatabase;
import dev.autogen.db.ServerShortage;
import dev.autogen.config.Rename;
import dev.autogen.diff.AsWritten;
import dev.autogen.diff.BranchConflicts;
import dev.autogen.diff.Renames;
import dev.autogen.diff.SchemaDiff;
import dev.autogen.introspect.Introspector;
import dev.autogen.render.MigrationRenderer;
import dev.autogen.render.MigrationRenderer.MigrationSource;
import dev.autogen.render.ReviewSummary;
import dev.autogen.runner.MigrationRunner;
import dev.autogen.sql.Safety;
import dev.autogen.sql.StatementPlan;
import dev.autogen.runner.StatementSink;
import dev.autogen.schema.Schema;
import dev.autogen.schema.WrittenText;
import dev.autogen.script.Migration;
import dev.autogen.script.JavaSyntax;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.Operations;
import dev.autogen.script.Revision;
import dev.autogen.script.RevisionGraph;
import dev.autogen.targetschema.Reprinter;
import dev.autogen.targetschema.TargetSchema;
import dev.autogen.targetschema.WrittenTextMatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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
    private static final String HIBERNATE_FROM_CACHE = "Hibernate's DDL";

    private final Configuration settings;
    private final Log log;
    /**
     * What the goal works out of the project's files alone (the migrations' headers and checksums), kept without the
     * scratch server in its key: check-migrations, which has none, reads the same entries.
     */
    private final SchemaCache filesCache;
    /** The migration files' digests, each file read once per goal (forgotten when the goal writes one). */
    private final java.util.Map<Path, String> fileDigests = new java.util.concurrent.ConcurrentHashMap<>();
    /** The class path's contents, once worked out (null: not yet). */
    private Optional<ClassPathContents.Digests> classPathContents;
    /** The migrations' checksums the goal's runners share (null: none asked for yet), and how many the cache held. */
    private Map<String, String> checksums;
    private int checksumsKnown;
    /** Whether the goal keeps the checksums in the cache: a goal that digests the class path anyway. */
    private volatile boolean checksumsKeyed;

    public Autogen(Configuration settings, Log log) {
        this.settings = settings;
        this.log = log;
        this.filesCache = SchemaCache.in(settings.cacheDirectory(), "");
    }

    /** The outcome of {@link #revision}: the changes found and the file written, if any. */
    public record RevisionResult(List<Change> changes, Optional<Path> file) {
    }

    /**
     * Writes a migration that follows every head and has no steps, joining the branches. Before it writes, the
     * branches are replayed on scratch databases, each compared with the revisions they share, and the objects two
     * of them change in conflicting ways are named; check, after the merge, says what the entities still need.
     */
    public Optional<Path> merge(String message) {
        RevisionGraph graph = migrations();
        List<String> heads = graph.heads();
        if (heads.size() < 2) {
            log.info("Nothing to merge: " + (heads.isEmpty() ? "there is no migration" : "one head, " + describe(graph, heads.get(0)))
                    + ". Nothing written.");
            return Optional.empty();
        }
        ZonedDateTime now = ZonedDateTime.now(settings.clock()).truncatedTo(ChronoUnit.SECONDS);
        String text = message == null || message.isBlank() ? "merge " + String.join(" and ", heads) : message.strip();
        String className = "M" + CLASS_TIME.format(now) + slug(text);
        List<BranchConflicts.Conflict> conflicts = timed("merge", () -> branchConflicts(graph, heads));
        String revision = HexFormat.of().formatHex(randomBytes());
        MigrationSource source = new MigrationSource(settings.migrationsPackage(), className, revision, "", text,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now), List.of(), heads);
        String java = render(source);
        requireJava(source, java);
        Path file = settings.migrationsDirectory().resolve(className + ".java");
        try {
            Files.writeString(file, java, StandardCharsets.UTF_8);
            fileDigests.clear();
        } catch (IOException e) {
            throw new AutogenException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        List<String> declared = migrations().find(revision)
                .map(MigrationFile::parents).orElse(List.of());
        if (!declared.equals(heads)) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new AutogenException("The migration template of " + settings.templatesDirectory() + " writes no parents "
                    + "element, so a merge would lose its parents; nothing was written. Write @Revision(..., {{parentElement}}, ...) "
                    + "in it instead of parent = {{parentLiteral}}.");
        }
        for (BranchConflicts.Conflict conflict : conflicts) {
            log.warn("Both branches change " + conflict);
        }
        log.info("Wrote " + file + ": the merge of " + describe(graph, heads) + ", with no steps; upgrade runs "
                + String.join(", then ", heads.stream().map(h -> "the branch of " + h).toList())
                + " in the order history shows, then the merge.");
        if (!conflicts.isEmpty()) {
            log.warn(conflicts.size() + (conflicts.size() == 1 ? " object is" : " objects are") + " changed by both branches"
                    + " (listed above). Fix the migration of one branch where a step would fail (one that no shared database "
                    + "has applied yet), then run mvn autogen:check: it replays both branches and the merge, and lists what "
                    + "the entities still need, which mvn autogen:revision writes.");
        }
        return Optional.of(file);
    }

    /** The objects two heads' branches both change, each branch replayed on a scratch database next to the revisions they share. */
    private List<BranchConflicts.Conflict> branchConflicts(RevisionGraph graph, List<String> heads) {
        Set<String> shared = null;
        for (String head : heads) {
            Set<String> upTo = new LinkedHashSet<>(graph.upTo(List.of(head)).stream().map(MigrationFile::revision).toList());
            if (shared == null) {
                shared = upTo;
            } else {
                shared.retainAll(upTo);
            }
        }
        List<String> sharedHeads = graph.headsOf(shared);
        log.info("Replaying the revisions the branches share (" + (sharedHeads.isEmpty() ? "none" : String.join(", ", sharedHeads))
                + ") and each branch into scratch databases, to compare what each branch changes");
        ScratchAdmin scratch = new ScratchAdmin(requireScratch());
        Schema common = replayed(scratch, graph, sharedHeads, "merge-base");
        Map<String, Schema> branches = new LinkedHashMap<>();
        for (String head : heads) {
            branches.put("branch of " + describe(graph, head), replayed(scratch, graph, List.of(head), "merge-branch"));
        }
        return BranchConflicts.of(common, branches);
    }

    /** The schema of {@code revisions} and what they follow, replayed on a scratch database. */
    private Schema replayed(ScratchAdmin scratch, RevisionGraph graph, List<String> revisions, String name) {
        Introspector introspector = new Introspector(table -> table.equals(settings.versionTable()));
        try (ScratchDatabase replay = scratch.create(name); Connection connection = replay.connect()) {
            if (!revisions.isEmpty()) {
                replaying(() -> replayRunner(connection, graph, replay.spec()).upgrade(revisions));
            }
            return settings.filter().apply(introspector.read(connection, Introspector.userSchemas(connection)));
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the replayed schema: " + e.getMessage(), e);
        }
    }

    /** The history as the files give it, none of it known to be applied, because {@code why}. */
    private List<MigrationFile> historyOfFiles(RevisionGraph graph, String why) {
        print(graph, List.of(), null);
        writeSummary(graph.isEmpty() ? "There is no migration." : "Every migration, in the order `autogen:upgrade` runs"
                + " them: " + why + ", so none is known to be applied.", reviewed(graph.ordered()));
        return graph.ordered();
    }

    /** Compares the entities with the migrations (or the live database) and writes a migration for the difference. */
    public RevisionResult revision(String message) {
        checksumsKeyed = true;
        RevisionGraph graph = migrations();
        // a new migration follows the one head: two are merged first
        graph.head();
        // the file's name is settled before the diff, which may take a while
        ZonedDateTime now = ZonedDateTime.now(settings.clock()).truncatedTo(ChronoUnit.SECONDS);
        String text = message == null ? "" : message.strip();
        String className = "M" + CLASS_TIME.format(now) + slug(text);
        Comparison comparison = diff(graph, true, true);
        // the database the migrations were replayed into, when the proof starts from it, is dropped whatever happens
        try (ScratchDatabase replayed = comparison.replayed()) {
            return write(graph, className, text, now, comparison);
        }
    }

    /** The migration for what the diff found, proven and written; none when it found nothing. */
    private RevisionResult write(RevisionGraph graph, String className, String text, ZonedDateTime now, Comparison comparison) {
        List<Change> changes = comparison.changes();
        if (changes.isEmpty()) {
            log.info("No changes: the " + currentSideName() + " already " + matchVerb() + " the entities. Nothing written.");
            writeSummary("No changes: the " + currentSideName() + " already " + matchVerb() + " the entities, so "
                    + "`autogen:revision` wrote no migration.", List.of());
            return new RevisionResult(changes, Optional.empty());
        }
        String revision = HexFormat.of().formatHex(randomBytes());
        Map<Change, String> renameHints = new LinkedHashMap<>();
        Renames.guesses(changes).forEach(guess -> renameHints.put(guess.dropped(), renameHint(guess)));
        MigrationSource source = new MigrationSource(settings.migrationsPackage(), className, revision,
                graph.head(), text, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now), changes, List.of(), renameHints);
        String java = timed("rendering", () -> render(source));
        Path file = settings.migrationsDirectory().resolve(className + ".java");
        Proven proven = prove(graph, file, source, java, comparison);
        Migration compiled = proven.migration();
        try {
            Files.createDirectories(settings.migrationsDirectory());
            Files.writeString(file, java, StandardCharsets.UTF_8);
            fileDigests.clear();
        } catch (IOException e) {
            throw new AutogenException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        if (proven.replayed() != null) {
            // the proof upgraded the migrations replayed with the new one: what a check replays them to next
            SchemaCache cache = SchemaCache.in(settings.cacheDirectory(), settings.scratchKind());
            String replayKey = replayKey(cache, false);
            remember(cache, replayKey, new SchemaCache.Replayed(proven.replayed(), WrittenText.NONE));
            if (cache.isOn()) {
                // and the key of its print, as a check keeps it: the check after a revision reads no schema either
                Schema filtered = settings.filter().apply(proven.replayed());
                remember(cache, replayedPrintKey(cache, replayKey), new SchemaCache.ReplayedPrint(
                        printKey(cache, filtered), filtered.unmanaged(), proven.replayed().extensions()));
            }
        }
        Revision declared = compiled.getClass().getAnnotation(Revision.class);
        if (declared != null) {
            // the next goal reads what the file declares from its compiled class, not by parsing it again
            MigrationHeaders.remember(settings.migrationsDirectory(), filesCache,
                    MigrationFile.declared(declared, compiled.getClass().getName(), file));
        }
        report(changes);
        writeSummary("The migration `autogen:revision` wrote to `" + file.getFileName() + "`" + (settings.prove()
                        ? ", proven on a scratch database (upgrade, downgrade, upgrade)." : ", compiled, not proven."),
                List.of(reviewed(revision, graph.head(), text, source.created(), className, changes, Change.inverseOf(changes))));
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
        checksumsKeyed = true;
        RevisionGraph graph = migrations();
        graph.head();
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
        Renames.guesses(changes).forEach(guess -> message.append("\n").append(renameHint(guess)));
        message.append("\nRun mvn autogen:revision -Dmessage=\"...\" and commit the migration it writes.");
        throw new AutogenException(message.toString());
    }

    /** Applies migrations up to {@code target} ("head" or a revision id) on the live database. */
    public List<MigrationFile> upgrade(String target) {
        RevisionGraph graph = migrations();
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
        RevisionGraph graph = migrations();
        return onDatabase(requireDatabase(), graph, runner -> {
            List<MigrationFile> reverted = runner.downgrade(target);
            log.info(reverted.isEmpty() ? "Nothing to revert." : "Downgraded to " + describe(graph, runner.currentHeads()) + ".");
            return reverted;
        });
    }

    /**
     * The revision the live database is at, or null at base. A database that took two branches not yet merged
     * is at both; the first is answered, and both are printed.
     */
    public String current() {
        RevisionGraph graph = migrations();
        List<String> current = onDatabase(requireDatabase(), graph, runner -> {
            List<String> at = runner.currentHeads();
            String hint = adoptionHint(runner, at.isEmpty() ? null : at.get(0));
            if (!hint.isEmpty()) {
                log.warn(hint + ".");
            }
            runner.pending().ifPresent(p -> log.warn("Migration " + describe(graph, p.revision()) + " stopped part-way through its "
                    + (p.direction() == MigrationRunner.Direction.UPGRADE ? "upgrade" : "downgrade") + " (" + p.statementsDone()
                    + " statements of its online form done and committed): run mvn autogen:"
                    + (p.direction() == MigrationRunner.Direction.UPGRADE ? "upgrade" : "downgrade") + " again to finish it."));
            return at;
        });
        List<String> heads = graph.heads();
        String where = heads.equals(current) ? heads.size() == 1 ? " (head)" : " (the heads)"
                : heads.isEmpty() ? "" : heads.size() == 1 ? "; head is " + heads.get(0) : "; heads are " + String.join(" and ", heads);
        log.info((current.size() > 1 ? "Current revisions: " : "Current revision: ") + describe(graph, current) + where);
        if (heads.size() > 1) {
            log.warn(graph.twoHeads(heads) + ": join them with mvn autogen:merge -Dmessage=\"...\".");
        }
        return current.isEmpty() ? null : current.get(0);
    }

    /** The heads of the history: one, or more while branches are not merged. */
    public List<String> heads() {
        RevisionGraph graph = migrations();
        List<String> heads = graph.heads();
        if (heads.isEmpty()) {
            log.info("No migrations in " + settings.migrationsDirectory());
        }
        for (String head : heads) {
            MigrationFile m = graph.find(head).orElseThrow();
            log.info(head + " (head), " + m.message() + "  [" + m.simpleClassName() + ", " + m.created() + "]");
        }
        if (heads.size() > 1) {
            log.warn(graph.twoHeads(heads) + ": revision, check and upgrade refuse to run until a merge joins them: "
                    + "mvn autogen:merge -Dmessage=\"...\".");
        }
        return heads;
    }

    /**
     * The migrations from newest to oldest; with a database, whether each is applied (when, by whom, how
     * long it took, and whether its file still has the checksum it was applied with) or pending.
     */
    public List<MigrationFile> history() {
        RevisionGraph graph = migrations();
        if (graph.isEmpty()) {
            log.info("No migrations in " + settings.migrationsDirectory());
        }
        if (settings.database() == null) {
            return historyOfFiles(graph, "no database was given (autogen.url, DATABASE_URL or spring.datasource)");
        }
        Connection connection;
        try {
            connection = settings.database().connect();
        } catch (AutogenException e) {
            if (settings.databaseNamed()) {
                throw e;
            }
            // the application's own database, taken without being asked for: the files' history is worth having without it
            log.warn(e.getMessage() + (e.getMessage().endsWith(".") ? "" : ".")
                    + " Listing the migrations without what it has applied.");
            return historyOfFiles(graph, "the application's database " + settings.database().displayUrl()
                    + " could not be reached");
        }
        return onConnection(connection, settings.database(), graph, runner -> {
            Map<String, MigrationRunner.AppliedMigration> applied = new LinkedHashMap<>();
            runner.appliedMigrations().forEach(row -> applied.put(row.revision(), row));
            List<MigrationFile> pending = graph.ordered().stream().filter(m -> !applied.containsKey(m.revision())).toList();
            writeSummary(pending.isEmpty() ? "Nothing to review: " + settings.database().displayUrl()
                    + " has applied every migration." : (pending.size() == 1 ? "The migration " : "The " + pending.size()
                    + " migrations ") + settings.database().displayUrl() + " has not applied, in the order `autogen:upgrade`"
                    + " runs them.", reviewed(pending));
            List<String> current = graph.headsOf(applied.keySet().stream().filter(r -> graph.find(r).isPresent()).toList());
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
            result.add(reviewed(file.revision(), String.join(", ", file.parents()), file.message(), file.created(),
                    file.simpleClassName(), up.changes(), down.changes()));
        }
        return result;
    }

    private ReviewSummary.Reviewed reviewed(String revision, String parent, String message, String created, String className,
                                           List<Change> upgrade, List<Change> downgrade) {
        return new ReviewSummary.Reviewed(revision, parent, message, created, className, upgrade, downgrade,
                onlineSteps(upgrade), onlineSteps(downgrade));
    }

    /** The positions of the steps the runner sends outside the migration's one transaction: their online form. */
    private Set<Integer> onlineSteps(List<Change> steps) {
        Set<Integer> online = new java.util.TreeSet<>();
        for (StatementPlan.Statement statement : StatementPlan.of(steps, settings.safety())) {
            if (statement.mode() == StatementPlan.Mode.OWN_TRANSACTION || statement.mode() == StatementPlan.Mode.NO_TRANSACTION) {
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i) == statement.change()) {
                        online.add(i);
                    }
                }
            }
        }
        return online;
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

    /**
     * One line per migration, newest first; a history with branches gets their lanes drawn in front, as
     * git log --graph draws them: {@code *} the migration, {@code |} a branch going on beside it.
     */
    private void print(RevisionGraph graph, List<String> current, java.util.function.Function<MigrationFile, String> state) {
        List<MigrationFile> newestFirst = new ArrayList<>(graph.ordered());
        java.util.Collections.reverse(newestFirst);
        List<String> heads = graph.heads();
        boolean line = graph.ordered().stream().noneMatch(m -> m.isMerge() || graph.children(m.revision()).size() > 1)
                && heads.size() <= 1;
        List<String> lanes = new ArrayList<>();
        for (MigrationFile m : newestFirst) {
            String marks = (heads.contains(m.revision()) ? " (head)" : "")
                    + (current.contains(m.revision()) ? " (current)" : "")
                    + (m.isMerge() ? " (merge)" : "") + (graph.children(m.revision()).size() > 1 ? " (branch point)" : "");
            String text = (m.isFirst() ? "<base>" : String.join(", ", m.parents())) + " -> " + m.revision() + marks + ", "
                    + m.message() + "  [" + m.simpleClassName() + ", " + m.created() + "]" + (state == null ? "" : "  " + state.apply(m));
            if (line) {
                log.info(text);
                continue;
            }
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                if (lanes.get(i).equals(m.revision())) {
                    at.add(i);
                }
            }
            if (at.isEmpty()) {
                lanes.add(m.revision());
                at.add(lanes.size() - 1);
            }
            int column = at.get(0);
            if (at.size() > 1) {
                // branches that started here join their lane
                log.info(lanesLine(lanes.size(), i -> at.subList(1, at.size()).contains(i) ? "/" : "|"));
                for (int i = at.size() - 1; i > 0; i--) {
                    lanes.remove((int) at.get(i));
                }
            }
            log.info(lanesLine(lanes.size(), i -> i == column ? "*" : "|") + " " + text);
            if (m.isFirst()) {
                lanes.remove(column);
            } else {
                lanes.set(column, m.parents().get(0));
                for (int p = 1; p < m.parents().size(); p++) {
                    lanes.add(column + p, m.parents().get(p));
                }
                if (m.isMerge()) {
                    int merged = m.parents().size() - 1;
                    log.info(lanesLine(lanes.size(), i -> i > column && i <= column + merged ? "\\" : "|"));
                }
            }
        }
    }

    private static String lanesLine(int lanes, java.util.function.IntFunction<String> mark) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lanes; i++) {
            out.append(i == 0 ? "" : " ").append(mark.apply(i));
        }
        return out.toString();
    }

    /**
     * Writes the statements upgrade (or downgrade) would send to go from {@code from} to {@code target}, in the order
     * it sends them, version table, lock and transactions included, to {@code output} or the log, changing no
     * database: the runner runs with a sink that writes its statements down. {@code from}: "current" (the version
     * table of the live database, only read), "base" (a database never migrated: the version table is created) or a
     * revision id (a database at that revision); {@code target}: "head", a revision id, "base" or "-N". A target the
     * database at {@code from} has applied, base or -N, is a downgrade. Returns the script.
     */
    public String sql(String from, String target, Path output) {
        RevisionGraph graph = migrations();
        String start = from == null || from.isBlank() ? "current" : from.strip();
        String to = target == null || target.isBlank() ? "head" : target.strip();
        java.util.function.Function<MigrationFile, Migration> loader = MigrationRunner.classLoading(settings.classLoader());
        MigrationRunner.Recorded recorded;
        String startsAt;
        if (start.equals("current")) {
            ConnectionSpec database = requireDatabase();
            recorded = onDatabase(database, graph, MigrationRunner::recorded);
            startsAt = "the version table of " + database.displayUrl() + " as it is now";
        } else if (start.equals("base")) {
            recorded = new MigrationRunner.Recorded(Set.of(), List.of());
            startsAt = "base (a database never migrated)";
        } else {
            MigrationFile at = graph.find(start).orElseThrow(() -> new AutogenException("Unknown revision " + start
                    + " in autogen.from: no migration file in " + settings.migrationsDirectory() + " declares it; give "
                    + "current, base or a revision id"));
            recorded = MigrationRunner.recordedAt(graph.upTo(List.of(at.revision())), loader);
            startsAt = "revision " + describe(graph, at.revision());
        }
        Set<String> applied = recorded.rows().stream().map(MigrationRunner.AppliedMigration::revision)
                .collect(java.util.stream.Collectors.toSet());
        boolean downgrade = to.equals("base") || to.matches("-\\d+") || applied.contains(to);
        StringBuilder script = new StringBuilder();
        String table = settings.versionTable().toString();
        script.append("-- autogen:sql: the statements autogen:").append(downgrade ? "downgrade" : "upgrade")
                .append(" sends, in order, to take a database from ").append(startsAt).append(" to ").append(to)
                .append(" (version table ").append(table).append(").\n")
                .append("-- The runner takes the advisory lock, runs each migration in its own transaction with its row in the\n")
                .append("-- version table, and releases the lock. Left out: its reads of the version table, and the session\n")
                .append("-- settings it saves and restores around the run.\n");
        if (settings.safety() == Safety.ONLINE) {
            script.append("-- Online form (autogen.safety=online): on tables that existed before a migration, indexes are built\n")
                    .append("-- CONCURRENTLY outside its transaction and constraints validated in transactions of their own; such a\n")
                    .append("-- migration commits on the way, its row in the version table saying how far it got.\n");
        }
        MigrationRunner runner = MigrationRunner.script(graph, settings.versionTable(), loader,
                message -> script.append("\n-- ").append(message.replace("\n", "\n-- ")).append('\n'), recorded, new StatementSink() {
                    public void execute(String sql) {
                        script.append(sql).append(";\n");
                    }

                    public boolean test(String sql) {
                        execute(sql);
                        return true;
                    }
                }, options(settings.safety()));
        List<MigrationFile> ran = downgrade ? runner.downgrade(to) : runner.upgrade(to);
        if (ran.isEmpty()) {
            script.append("\n-- Nothing to ").append(downgrade ? "revert" : "apply").append(": the database would be at ")
                    .append(to).append(" already.\n");
        }
        String text = script.toString();
        if (output != null) {
            try {
                if (output.getParent() != null) {
                    Files.createDirectories(output.getParent());
                }
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AutogenException("Cannot write " + output + ": " + e.getMessage(), e);
            }
            log.info("Wrote the SQL of " + ran.size() + (ran.size() == 1 ? " migration" : " migrations") + " ("
                    + (downgrade ? "downgrade" : "upgrade") + " from " + start + " to " + to + ") to " + output
                    + "; no database was changed.");
        } else {
            text.lines().forEach(log::info);
        }
        return text;
    }

    /**
     * Records {@code target} ("head", a revision id or "base") as the revision the live database is at, without
     * running anything: for a database built another way. Refuses, with the differences, a database that does
     * not have that revision's schema (the migrations up to it replayed on a scratch database), unless forced.
     */
    public String stamp(String target, boolean force) {
        RevisionGraph graph = migrations();
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
                replaying(() -> replayRunner(replayed, graph, replay.spec()).upgrade(revision));
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
        RevisionGraph graph = migrations();
        return onDatabase(requireDatabase(), graph, runner -> {
            List<MigrationFile> repaired = runner.repair();
            log.info(repaired.isEmpty() ? "Every applied migration has the checksum it was applied with; nothing to repair."
                    : "Recorded " + repaired.size() + " new checksum(s).");
            return repaired;
        });
    }

    /** The migrations' history as their files declare it (parsed only where an earlier run did not parse the same bytes). */
    private RevisionGraph migrations() {
        return MigrationHeaders.read(settings.migrationsDirectory(), filesCache, this::fileDigest);
    }

    /** The digest of a migration file's bytes: read once per goal, for the history, the replay's key and Hibernate's. */
    private String fileDigest(Path file) {
        return fileDigests.computeIfAbsent(file.toAbsolutePath(), MigrationHeaders::digest);
    }

    /** The changes that turn the current side (live database or replayed migrations) into the entities' schema. */
    public List<Change> diff() {
        return diff(migrations(), false).changes();
    }

    /** The migration file for {@code source}, as the template renders it; {@link #requireJava} says whether it is Java. */
    private String render(MigrationSource source) {
        return new MigrationRenderer(settings.templatesDirectory()).render(source);
    }

    /**
     * Refuses a rendered migration that is not Java at all: the template's fault, said as such. A migration that is
     * compiled is checked only when javac rejects it, so that a large one is not parsed twice.
     */
    private void requireJava(MigrationSource source, String java) {
        String className = source.packageName() + "." + source.className();
        JavaSyntax.parse(URI.create("string:///" + className.replace('.', '/') + ".java"), java).problem().ifPresent(problem -> {
            String where = settings.templatesDirectory() == null ? "autogen's template" : "the template in " + settings.templatesDirectory();
            throw new AutogenException("The migration rendered from " + where + " for " + source.className()
                    + " is not valid Java (" + problem.message() + " at line " + problem.line() + ", column " + problem.column()
                    + "); nothing was written. Fix the template.");
        });
    }

    /**
     * What the diff found, and the two sides as it compared them; {@code replayed}, when not null, the scratch database
     * the migrations were replayed into for it, kept for the proof, whose owner drops it.
     */
    private record Comparison(List<Change> changes, Schema current, Schema target, ScratchDatabase replayed) {
    }

    /**
     * The compiled migration, and the schema its proof's upgrade left when the proof started from the migrations
     * replayed (null when it started from a live database's schema, or did not run).
     */
    private record Proven(Migration migration, Schema replayed) {
    }

    /**
     * Compiles the rendered migration against the project's class path and, unless autogen.prove=false,
     * runs it on a scratch database holding the current side; either failing writes nothing.
     */
    private Proven prove(RevisionGraph graph, Path file, MigrationSource source, String java, Comparison comparison) {
        String className = source.packageName() + "." + source.className();
        try {
            Migration migration;
            try {
                migration = timed("compiling", () -> MigrationCompiler.compile(className, java, settings.classLoader()));
            } catch (MigrationNotProven e) {
                requireJava(source, java);
                throw e;
            }
            if (settings.prove()) {
                MigrationFile written = new MigrationFile(source.revision(), graph.isEmpty() ? "" : graph.head(),
                        source.message(), source.created(), className, file);
                boolean live = settings.database() != null;
                Schema upgraded = new Proof(new ScratchAdmin(requireScratch()), settings.filter(), settings.versionTable(),
                        log::warn, log::timing).prove(graph, MigrationRunner.classLoading(settings.classLoader()),
                        new Proof.Candidate(written, migration), live, comparison.current(), comparison.target(),
                        comparison.replayed());
                return new Proven(migration, live ? null : upgraded);
            }
            return new Proven(migration, null);
        } catch (MigrationNotProven e) {
            throw notProven(source.className(), e);
        }
    }

    /** What to say of a migration whose proof broke: a scratch server short of a resource, else a defect. */
    static AutogenException notProven(String className, MigrationNotProven e) {
        return ServerShortage.of(e).map(shortage -> new AutogenException("The migration " + className + " could not be proven: "
                + "the scratch PostgreSQL " + shortage + " Nothing was written.", e))
                .orElseGet(() -> new AutogenException("The migration " + className + " failed its proof at " + e.step() + ": "
                        + e.how() + ". Nothing was written. This is a defect of autogen (or of the project's own template): "
                        + "please report it with the entities; -Dautogen.prove=false writes the file without running it.", e));
    }

    private Comparison diff(RevisionGraph graph, boolean requireHead) {
        return diff(graph, requireHead, false);
    }

    /** @param spellCurrent whether the changes are to be written to a file, the current side in its own text */
    private Comparison diff(RevisionGraph graph, boolean requireHead, boolean spellCurrent) {
        SchemaCache cache = SchemaCache.in(settings.cacheDirectory(), settings.scratchKind());
        // added to by the threads that look things up, said in the order of the pipeline
        List<String> fromCache = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Booted> hibernate = hibernate(cache, fromCache);
        java.util.concurrent.atomic.AtomicReference<ScratchDatabase> replayed = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            return diff(graph, requireHead, spellCurrent, hibernate, cache, fromCache, replayed);
        } catch (RuntimeException | Error e) {
            // nothing of the goal runs on after it has failed
            settle(hibernate);
            dropQuietly(replayed.get(), e);
            throw e;
        }
    }

    /** Drops a scratch database after {@code failure}, to which a failure to drop it is added. */
    private static void dropQuietly(ScratchDatabase database, Throwable failure) {
        if (database != null) {
            try {
                database.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Hibernate's DDL and expressions for the entities: read from the cache when the class path holds what it held
     * when an earlier run booted Hibernate, with the same settings; otherwise Hibernate boots, as CPU work of this
     * JVM that runs while the database side is replayed or read.
     */
    private CompletableFuture<Booted> hibernate(SchemaCache cache, List<String> fromCache) {
        if (cache.isOn() && !cache.holdsAny("booted")) {
            // a first run (a fresh clone, a clean build): nothing to find, so Hibernate boots at once and the scratch
            // server starts beside it; the key that keeps the result is worked out while they do
            startScratchInBackground();
            CompletableFuture<Optional<String>> key = inParallel("cache-key", () -> timed("cache", () -> hibernateKey(cache)));
            return inParallel("hibernate-boot", () -> boot(cache, key));
        }
        // looked up while the goal goes on to connect to the database or read the migrations
        return inParallel("hibernate", () -> {
            Optional<String> known = cache.isOn() ? timed("cache", () -> hibernateKey(cache)) : Optional.empty();
            if (known.isPresent()) {
                String key = known.get();
                // what a diff with nothing to change needs; the DDL itself is read only when the entities' schema is built
                Optional<SchemaCache.HibernateSummary> summary = timed("cache", () -> cache.get(summaryKey(cache, key),
                        SchemaCache.HibernateSummary.class));
                if (summary.isPresent()) {
                    fromCache.add(HIBERNATE_FROM_CACHE);
                    cache.touch(key);
                    return new Booted(summary.get().digest(), summary.get().schemas(), () -> timed("cache",
                            () -> cache.get(key, TargetSchema.Hibernate.class)).orElseGet(() -> boot(cache,
                            CompletableFuture.completedFuture(known)).full()));
                }
                Optional<TargetSchema.Hibernate> cached = timed("cache", () -> cache.get(key, TargetSchema.Hibernate.class));
                if (cached.isPresent()) {
                    fromCache.add(HIBERNATE_FROM_CACHE);
                    Booted booted = booted(cache, cached.get());
                    remember(cache, summaryKey(cache, key), new SchemaCache.HibernateSummary(booted.digest(), booted.schemas()));
                    return booted;
                }
                // classes changed since Hibernate last booted: most often entities, whose schema is then built on the
                // scratch server, so it starts while Hibernate boots
                startScratchInBackground();
            }
            return boot(cache, CompletableFuture.completedFuture(known));
        });
    }

    /** Boots Hibernate on the entities and keeps what it wrote, and its summary, under {@code key}, when there is one. */
    private Booted boot(SchemaCache cache, CompletableFuture<Optional<String>> key) {
        Booted booted;
        try {
            booted = booted(cache, TargetSchema.hibernate(settings.classLoader(), settings.entities(),
                    settings.hibernateSettings(), log::timing));
        } catch (RuntimeException | Error e) {
            settle(key);
            throw e;
        }
        await(key).ifPresent(k -> {
            remember(cache, k, booted.full());
            remember(cache, summaryKey(cache, k), new SchemaCache.HibernateSummary(booted.digest(), booted.schemas()));
        });
        return booted;
    }

    private static String summaryKey(SchemaCache cache, String hibernateKey) {
        return cache.key("booted", List.of(hibernateKey));
    }

    private static Booted booted(SchemaCache cache, TargetSchema.Hibernate hibernate) {
        String digest = cache.key("ddl", List.of(String.join("\n;\n", hibernate.ddl()), canonical(hibernate.text())));
        return new Booted(digest, hibernate.schemas(), () -> hibernate);
    }

    /**
     * Hibernate's DDL and expressions as a diff uses them: known by a digest of both and the schemas the mapping names,
     * and read whole (from the cache, or by booting Hibernate again) only when the entities' schema is to be built.
     */
    private static final class Booted {
        private final String digest;
        private final java.util.SortedSet<String> schemas;
        private final java.util.function.Supplier<TargetSchema.Hibernate> load;
        private TargetSchema.Hibernate loaded;

        Booted(String digest, java.util.SortedSet<String> schemas, java.util.function.Supplier<TargetSchema.Hibernate> load) {
            this.digest = digest;
            this.schemas = schemas;
            this.load = load;
        }

        String digest() {
            return digest;
        }

        java.util.SortedSet<String> schemas() {
            return schemas;
        }

        synchronized TargetSchema.Hibernate full() {
            if (loaded == null) {
                loaded = load.get();
            }
            return loaded;
        }
    }

    /** What the class path holds, but the migrations' classes, and those apart: worked out once per goal. */
    private synchronized Optional<ClassPathContents.Digests> classPathContents() {
        if (classPathContents == null) {
            java.util.function.Predicate<String> migrationClasses;
            try {
                // the files that declare a @Revision, as the history was read
                Set<String> names = new java.util.HashSet<>();
                migrations().ordered().forEach(m -> names.add(m.file().getFileName().toString().replaceFirst("\\.java$", "")));
                migrationClasses = ClassPathContents.migrationClasses(names, settings.migrationsPackage());
            } catch (AutogenException e) {
                // a history that does not read: what it would be is refused elsewhere; its files are scanned
                migrationClasses = ClassPathContents.migrationClasses(settings.migrationsDirectory(), settings.migrationsPackage());
            }
            classPathContents = ClassPathContents.of(settings.classLoader(), migrationClasses);
        }
        return classPathContents;
    }

    /**
     * The migrations' checksums by revision, which the runners of this goal share: each is worked out once, by running
     * the migration's upgrade() and downgrade() (a quarter of a second for a migration of 1,000 tables). A goal that
     * digests the class path anyway (check and revision, for Hibernate's DDL) keeps them in the cache under the class
     * path's contents, with which a migration's class, and what it calls, are the same; another goal would spend more
     * on that digest than it saves.
     */
    private synchronized Map<String, String> checksums() {
        if (checksums == null) {
            checksums = new java.util.concurrent.ConcurrentHashMap<>();
            checksumsKey().flatMap(key -> filesCache.get(key, SchemaCache.Checksums.class))
                    .ifPresent(known -> checksums.putAll(known.byRevision()));
            checksumsKnown = checksums.size();
        }
        return checksums;
    }

    /** Keeps the checksums this goal worked out for the next goal on the same classes. */
    public synchronized void keepChecksums() {
        if (checksums != null && checksums.size() > checksumsKnown) {
            java.util.SortedMap<String, String> byRevision = new java.util.TreeMap<>(checksums);
            checksumsKey().ifPresent(key -> remember(filesCache, key, new SchemaCache.Checksums(byRevision)));
            checksumsKnown = byRevision.size();
        }
    }

    private Optional<String> checksumsKey() {
        return !filesCache.isOn() || !checksumsKeyed ? Optional.empty() : classPathContents()
                .map(classPath -> filesCache.key("checksums", List.of(classPath.rest(), classPath.leftOut())));
    }

    /**
     * What Hibernate's boot reads: the class path's contents (but the migrations' classes), the entities asked for, the
     * settings given, and the system properties Hibernate reads itself. Empty when one of them cannot be said, and Hibernate boots.
     */
    private Optional<String> hibernateKey(SchemaCache cache) {
        Optional<String> entities = settings.entities().identity();
        if (entities.isEmpty()) {
            return Optional.empty();
        }
        return classPathContents().map(ClassPathContents.Digests::rest).map(classPath -> {
            java.util.TreeMap<String, String> system = new java.util.TreeMap<>();
            System.getProperties().stringPropertyNames().stream()
                    .filter(GoalEntry::isHibernateSystemProperty)
                    .forEach(name -> system.put(name, System.getProperty(name)));
            java.util.TreeMap<String, String> given = new java.util.TreeMap<>();
            settings.hibernateSettings().forEach((name, value) -> given.put(name, String.valueOf(value)));
            return cache.key("hibernate", List.of(classPath, entities.get(), given.toString(), system.toString()));
        });
    }

    /** @param replayed set to the database the migrations were replayed into, when it is kept for the proof */
    private Comparison diff(RevisionGraph graph, boolean requireHead, boolean spellCurrent,
                            CompletableFuture<Booted> hibernate, SchemaCache cache, List<String> fromCache,
                            java.util.concurrent.atomic.AtomicReference<ScratchDatabase> replayed) {
        if (!cache.isOn()) {
            // every side is built on scratch databases: the server starts while Hibernate boots
            startScratchInBackground();
        }
        Entities target;
        Schema current;
        WrittenText currentText = WrittenText.NONE;
        // the live database's schema as first read, and PostgreSQL's print of it when that was started early
        Schema early = null;
        CompletableFuture<Schema> earlyReprint = CompletableFuture.completedFuture(null);
        // the live database's print recalled from an earlier run that read the same catalog, and what to remember
        Schema recalledPrint = null;
        SchemaCache.LiveRead recalled = null;
        // the key the live database's print is remembered under: PostgreSQL's digest of what was read (null: it is not)
        String liveKey = null;
        // the key the print of the replayed migrations is remembered under (null: it is not)
        String replayPrintKey = null;
        Introspector introspector = new Introspector(name -> name.equals(settings.versionTable()));
        if (settings.database() != null) {
            // the version table is checked on a connection of its own while Hibernate boots and the database is read
            CompletableFuture<Void> atHead = requireHead ? inParallel("version-table", () -> {
                requireHead(graph);
                return null;
            }) : CompletableFuture.completedFuture(null);
            CompletableFuture<Entities> building = CompletableFuture.completedFuture(null);
            try (Connection connection = settings.database().connect()) {
                // the entities' schema is built with the extensions the database has, for columns of their types
                Map<String, String> extensions;
                Booted booted;
                try {
                    extensions = Introspector.extensions(connection);
                    booted = await(hibernate);
                } catch (SQLException | RuntimeException | Error e) {
                    // a database behind the migrations is what to say first, also when the entities do not boot
                    await(atHead);
                    throw e;
                }
                building = inParallel("target", () -> target(cache, booted, extensions, fromCache, spellCurrent));
                // the database is read while the entities' schema is built, in the schemas it will most likely have
                Set<String> likely = new java.util.TreeSet<>(booted.schemas());
                likely.addAll(extensions.values());
                likely.add("public");
                Schema read = null;
                try {
                    if (cache.isOn() && cache.holdsAny("live")) {
                        // PostgreSQL digests what the read would bring: a catalog an earlier run read is not read again
                        String digest = timedSql("introspection", () -> Introspector.digest(connection, likely));
                        String key = liveKey(cache, digest, extensions, likely);
                        recalled = timed("cache", () -> cache.get(key, SchemaCache.LiveRead.class)).orElse(null);
                    }
                    if (recalled == null) {
                        // the digest of the rows read comes with them: what is remembered is what was read
                        Introspector.Digested digested = timedSql("introspection", () -> introspector.readDigested(connection, likely));
                        read = digested.schema();
                        liveKey = cache.isOn() ? liveKey(cache, digested.digest(), read.extensions(), likely) : null;
                    }
                } finally {
                    // also refuses applied migrations whose files were edited since
                    await(atHead);
                }
                if (read != null) {
                    // PostgreSQL's print of the database is made while the entities' schema is still being built
                    Schema filteredRead = settings.filter().apply(read);
                    if (cache.get(printKey(cache, filteredRead), Schema.class).isEmpty()) {
                        early = read;
                        earlyReprint = inParallel("reprint", () -> timed("reprint", () -> reprinter().reprint(filteredRead)));
                    }
                }
                target = await(building);
                if (recalled != null && !(recalled.printKey().equals(target.printKey()) && settings.renames().isEmpty())) {
                    // the print is read only when the entities' is another: the same print means nothing to change
                    String printKey = recalled.printKey();
                    recalledPrint = timed("cache", () -> cache.get(printKey, Schema.class)).orElse(null);
                    if (recalledPrint == null) {
                        // remembered, but gone since: the database is read after all
                        recalled = null;
                        Introspector.Digested digested = timedSql("introspection", () -> introspector.readDigested(connection, likely));
                        read = digested.schema();
                        liveKey = cache.isOn() ? liveKey(cache, digested.digest(), read.extensions(), likely) : null;
                    }
                }
                Set<String> schemas = new java.util.TreeSet<>(target.schemaNames());
                schemas.add("public");
                if (!schemas.equals(likely)) {
                    // the entities' schemas were not the likely ones: what was read or recalled is not the current side
                    settle(earlyReprint);
                    early = null;
                    recalled = null;
                    recalledPrint = null;
                    liveKey = null;
                    current = timedSql("introspection", () -> introspector.read(connection, schemas));
                } else {
                    current = recalled != null ? null : read;
                }
            } catch (SQLException e) {
                settle(building, atHead, earlyReprint);
                throw new AutogenException("Cannot read the schema of " + settings.database() + ": " + e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                settle(building, atHead, earlyReprint);
                throw e;
            }
        } else {
            String replayKey = replayKey(cache, spellCurrent);
            replayPrintKey = cache.isOn() ? replayedPrintKey(cache, replayKey) : null;
            Entities indexed = null;
            // the entities' schema built for a print that turned out another: used again when built with the extensions
            // the migrations install
            Entities entitiesBuilt = null;
            Map<String, String> builtWith = null;
            List<String> builtFromCache = java.util.Collections.synchronizedList(new ArrayList<>());
            if (replayPrintKey != null && settings.renames().isEmpty()) {
                // what the migrations' print was when they last replayed: the same as the entities' means nothing to
                // change, and neither schema is read
                String indexKey = replayPrintKey;
                Optional<SchemaCache.ReplayedPrint> index = timed("cache", () -> cache.get(indexKey, SchemaCache.ReplayedPrint.class));
                if (index.isPresent()) {
                    entitiesBuilt = target(cache, await(hibernate), index.get().extensions(), builtFromCache, spellCurrent);
                    builtWith = index.get().extensions();
                    if (index.get().printKey().equals(entitiesBuilt.printKey())) {
                        fromCache.add("the migrations' schema");
                        fromCache.addAll(builtFromCache);
                        indexed = entitiesBuilt;
                        recalled = new SchemaCache.LiveRead(index.get().printKey(), index.get().unmanaged());
                    }
                }
            }
            if (indexed != null) {
                target = indexed;
                current = null;
            } else {
                CompletableFuture<Entities> speculative = null;
                List<String> speculativeCache = java.util.Collections.synchronizedList(new ArrayList<>());
                Optional<SchemaCache.Replayed> cached = timed("cache", () -> cache.get(replayKey, SchemaCache.Replayed.class));
                if (cached.isPresent()) {
                    current = cached.get().schema();
                    currentText = cached.get().text();
                    fromCache.add("the migrations' schema");
                } else {
                    // the entities' schema is built while the migrations replay, as if they install no extension: most
                    // projects' do not, and when they do it is built again with them
                    speculative = entitiesBuilt != null ? null : hibernate.thenCompose(booted -> inParallel("target",
                            () -> target(cache, booted, Map.of(), speculativeCache, spellCurrent, true)));
                    ScratchDatabase replay = scratchAdmin().create("replay");
                    try (Connection connection = replay.connect()) {
                        if (!graph.isEmpty()) {
                            log.info("Replaying " + graph.ordered().size() + " migration(s) into a scratch database");
                            replaying(() -> timed("replay",
                                    () -> replayRunner(connection, graph, replay.spec()).upgrade("head")));
                        }
                        current = timedSql("introspection", () -> introspector.read(connection, Introspector.userSchemas(connection)));
                        if (spellCurrent && !graph.isEmpty()) {
                            // which text of the migrations became which object, for the steps that take one away
                            Schema replayedSchema = current;
                            currentText = timedSql("written text", () -> WrittenTextMatcher.match(connection, replayedSchema,
                                    MigrationText.of(graph, runner(connection, graph, replay.spec()))));
                        }
                    } catch (SQLException e) {
                        settle(speculative);
                        replay.close();
                        throw new AutogenException("Cannot read the replayed schema: " + e.getMessage(), e);
                    } catch (RuntimeException | Error e) {
                        settle(speculative);
                        replay.close();
                        // the migrations may be right, and the scratch server too small for them
                        Optional<AutogenException> shortage = ServerShortage.stopped("replay the migrations", e);
                        if (shortage.isPresent()) {
                            throw shortage.get();
                        }
                        throw e;
                    }
                    if (spellCurrent && settings.prove()) {
                        // the migrations as the proof of a new one starts from them: not replayed a second time
                        replayed.set(replay);
                    } else {
                        replay.close();
                    }
                    SchemaCache.Replayed built = new SchemaCache.Replayed(current, currentText);
                    remember(cache, replayKey, built);
                }
                if (entitiesBuilt != null && current.extensions().equals(builtWith)) {
                    target = entitiesBuilt;
                    fromCache.addAll(builtFromCache);
                } else if (speculative != null && current.extensions().isEmpty()) {
                    try {
                        target = await(speculative);
                    } catch (AutogenException refused) {
                        if (!MissingFromExtension.isMissingObject(refused)) {
                            throw refused;
                        }
                        // built on a guess, it did not ask which extension has what the scratch database lacks: now it does
                        target = target(cache, await(hibernate), Map.of(), fromCache, spellCurrent);
                    }
                    fromCache.addAll(speculativeCache);
                } else {
                    if (speculative != null) {
                        settle(speculative);
                    }
                    target = target(cache, await(hibernate), current.extensions(), fromCache, spellCurrent);
                }
            }
        }
        Schema unfilteredCurrent = current;
        current = current == null ? null : settings.filter().apply(current);
        Entities entities = target;
        // the entities' schema as compared: needed when its print is not in the cache, or there is something to change
        java.util.function.Supplier<Schema> wanted = new java.util.function.Supplier<>() {
            private Schema filtered;

            @Override
            public synchronized Schema get() {
                if (filtered == null) {
                    filtered = settings.filter().apply(entities.full().schema());
                }
                return filtered;
            }
        };
        java.util.SortedSet<dev.autogen.schema.QualifiedName> unmanaged = current == null ? recalled.unmanaged() : current.unmanaged();
        if (!unmanaged.isEmpty()) {
            log.info("Not compared (views, and tables left out by configuration): " + unmanaged.stream()
                    .map(Object::toString).collect(java.util.stream.Collectors.joining(", ")));
        }
        Schema filteredCurrent = current;
        String currentKey = current == null ? recalled.printKey() : printKey(cache, filteredCurrent);
        String targetKey = target.printKey() != null ? target.printKey() : printKey(cache, wanted.get());
        if (current == null && recalledPrint == null) {
            // the live database's settled print is the entities' own: nothing to change, and neither print is read
            fromCache.add("PostgreSQL's print of both sides");
            sayFromCache(fromCache);
            return new Comparison(List.of(), null, null, replayed.get());
        }
        Schema alreadyRecalled = recalledPrint;
        Optional<Schema> cachedCurrent = alreadyRecalled != null ? Optional.of(alreadyRecalled)
                : timed("cache", () -> cache.get(currentKey, Schema.class));
        Optional<Schema> cachedTarget = timed("cache", () -> cache.get(targetKey, Schema.class));
        // the two sides are reprinted on scratch databases of their own, at the same time
        CompletableFuture<Schema> reprintingTarget = cachedTarget.isPresent() ? CompletableFuture.completedFuture(cachedTarget.get())
                : inParallel("reprint", () -> timed("reprint", () -> reprinter().reprint(wanted.get())));
        Schema reprintedCurrent;
        try {
            if (cachedCurrent.isPresent()) {
                reprintedCurrent = cachedCurrent.get();
            } else if (early != null && early == unfilteredCurrent) {
                reprintedCurrent = await(earlyReprint);
            } else {
                settle(earlyReprint);
                reprintedCurrent = timed("reprint", () -> reprinter().reprint(filteredCurrent));
            }
        } catch (RuntimeException | Error e) {
            settle(reprintingTarget, earlyReprint);
            throw e;
        }
        Schema reprintedTarget = await(reprintingTarget);
        if (cachedCurrent.isEmpty() || cachedTarget.isEmpty()) {
            remember(cache, currentKey, reprintedCurrent);
            remember(cache, targetKey, reprintedTarget);
        }
        if (target.printKey() == null && cache.isOn()) {
            remember(cache, target.printIndex(), new SchemaCache.EntitiesPrint(targetKey, target.schemaNames()));
        }
        if (liveKey != null && recalledPrint == null) {
            remember(cache, liveKey, new SchemaCache.LiveRead(currentKey, unmanaged));
        }
        if (replayPrintKey != null && unfilteredCurrent != null) {
            remember(cache, replayPrintKey, new SchemaCache.ReplayedPrint(currentKey, unmanaged, unfilteredCurrent.extensions()));
        }
        if (cachedCurrent.isPresent() && cachedTarget.isPresent()) {
            fromCache.add("PostgreSQL's print of both sides");
        } else if (cachedCurrent.isPresent() || cachedTarget.isPresent()) {
            fromCache.add("PostgreSQL's print of the " + (cachedCurrent.isPresent() ? "current side" : "entities' schema"));
        }
        sayFromCache(fromCache);
        WrittenText writtenCurrent = currentText;
        // compared as PostgreSQL prints both sides; written as Hibernate wrote the target
        // renames the user named run first; the diff then starts from the current side as they leave it
        List<Change> renames = settings.renames().isEmpty() ? List.of()
                : Renames.resolve(settings.renames().stream().map(Autogen::rename).toList(), reprintedCurrent, reprintedTarget);
        Schema renamedCurrent = renames.isEmpty() ? reprintedCurrent
                : timed("reprint", () -> reprinter().reprint(reprintedCurrent, renames));
        List<Change> changes = timed("diff", () -> {
            List<Change> all = new ArrayList<>(renames);
            List<Change> found = SchemaDiff.compare(renamedCurrent, reprintedTarget);
            if (!found.isEmpty()) {
                all.addAll(AsWritten.spell(found, renamedCurrent, writtenCurrent, reprintedTarget, entities.written()));
            }
            return List.copyOf(all);
        });
        return new Comparison(changes, reprintedCurrent, reprintedTarget, replayed.get());
    }

    /** Says in one line what the goal found in the cache, in the order of the pipeline. */
    private void sayFromCache(List<String> fromCache) {
        if (!fromCache.isEmpty()) {
            List<String> said = new ArrayList<>(fromCache);
            // Hibernate's DDL is looked up on a thread of its own, and comes first whenever it was found
            said.sort(Comparator.comparing(found -> !found.equals(HIBERNATE_FROM_CACHE)));
            log.info("Unchanged since an earlier run, read from " + settings.cacheDirectory() + ": " + String.join(", ", said));
        }
    }

    /**
     * The key under which a live database's print is remembered: PostgreSQL's digest of what the introspection of
     * {@code schemas} reads, the extensions, and what decides how it is read and filtered (the version table left out,
     * the filter).
     */
    private String liveKey(SchemaCache cache, String digest, Map<String, String> extensions, Set<String> schemas) {
        return cache.key("live", List.of(digest, new java.util.TreeMap<>(extensions).toString(), new java.util.TreeSet<>(schemas).toString(),
                String.valueOf(settings.versionTable()), settings.filter().toString()));
    }

    /**
     * Refuses a live database that is not at the newest migration, or whose applied migrations' files were edited
     * since: a revision or check against it would compare the wrong schema.
     */
    private void requireHead(RevisionGraph graph) {
        try (Connection connection = settings.database().connect()) {
            String at = runner(connection, graph, settings.database()).current();
            if (!java.util.Objects.equals(at, graph.head())) {
                throw new AutogenException("The database " + settings.database() + " is at " + describe(graph, at)
                        + " but the newest migration is " + graph.head() + ": run mvn autogen:upgrade first"
                        + Optional.of(adoptionHint(runner(connection, graph, settings.database()), at))
                        .filter(hint -> !hint.isEmpty()).map(hint -> ". " + hint).orElse(""));
            }
        } catch (SQLException e) {
            throw new AutogenException("Cannot read the schema of " + settings.database() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The entities' schema as a diff uses it. When an earlier run remembered the key of its settled print and its
     * schemas' names, that is all a diff with nothing to change needs, and the schema itself is read from the cache (or
     * built again) only when asked for.
     */
    private static final class Entities {
        private final java.util.function.Supplier<TargetSchema> load;
        private final java.util.function.Supplier<TargetSchema> loadWithText;
        private final java.util.SortedSet<String> schemaNames;
        private final String printKey;
        private final String printIndex;
        private TargetSchema loaded;

        /**
         * @param loadWithText the schema with Hibernate's expressions matched to what they became, asked for only when
         *                     changes are spelled and {@code load} did not match them
         * @param printKey     the key of the settled print's cache entry, null when no run remembered it
         */
        Entities(java.util.function.Supplier<TargetSchema> load, java.util.function.Supplier<TargetSchema> loadWithText,
                 java.util.SortedSet<String> schemaNames, String printKey, String printIndex) {
            this.load = load;
            this.loadWithText = loadWithText;
            this.schemaNames = schemaNames;
            this.printKey = printKey;
            this.printIndex = printIndex;
        }

        synchronized TargetSchema full() {
            if (loaded == null) {
                loaded = load.get();
            }
            return loaded;
        }

        /** Which object each of Hibernate's expressions became, matched now when the schema was built without. */
        synchronized WrittenText written() {
            if (!full().hasWrittenText()) {
                loaded = loadWithText.get();
            }
            return loaded.written();
        }

        java.util.SortedSet<String> schemaNames() {
            return schemaNames;
        }

        String printKey() {
            return printKey;
        }

        /** The key under which the print's key is remembered. */
        String printIndex() {
            return printIndex;
        }
    }

    /**
     * The entities' schema: built on a scratch database, unless an earlier run built it from the same DDL.
     *
     * @param writtenText whether Hibernate's expressions are matched to what they became at once: a migration to write
     *                    spells them; a comparison that writes none matches them only when it finds something to change
     */
    private Entities target(SchemaCache cache, Booted hibernate, Map<String, String> extensions,
                            List<String> fromCache, boolean writtenText) {
        return target(cache, hibernate, extensions, fromCache, writtenText, false);
    }

    /** @param speculative whether the extensions are a guess, made before the migrations' replay says which they are */
    private Entities target(SchemaCache cache, Booted hibernate, Map<String, String> extensions,
                            List<String> fromCache, boolean writtenText, boolean speculative) {
        String key = cache.key("target", List.of(extensions.toString(), hibernate.digest()));
        String printIndex = cache.key("entities", List.of(key, settings.filter().toString()));
        Optional<SchemaCache.EntitiesPrint> remembered = timed("cache", () -> cache.get(printIndex, SchemaCache.EntitiesPrint.class));
        if (remembered.isPresent()) {
            fromCache.add("the entities' schema");
            cache.touch(key);
            return new Entities(() -> built(cache, key, hibernate, extensions, new ArrayList<>(), writtenText, speculative),
                    () -> built(cache, key, hibernate, extensions, new ArrayList<>(), true, speculative),
                    remembered.get().schemaNames(), remembered.get().printKey(), printIndex);
        }
        TargetSchema schema = built(cache, key, hibernate, extensions, fromCache, writtenText, speculative);
        return new Entities(() -> schema, () -> built(cache, key, hibernate, extensions, new ArrayList<>(), true, speculative),
                schema.schema().schemaNames(), null, printIndex);
    }

    /** @param writtenText whether the schema is to come with Hibernate's expressions matched to what they became */
    private TargetSchema built(SchemaCache cache, String key, Booted hibernate, Map<String, String> extensions,
                               List<String> fromCache, boolean writtenText, boolean speculative) {
        Optional<TargetSchema> cached = timed("cache", () -> cache.get(key, TargetSchema.class))
                .filter(schema -> schema.hasWrittenText() || !writtenText);
        if (cached.isPresent()) {
            fromCache.add("the entities' schema");
            return cached.get();
        }
        TargetSchema built = TargetSchema.build(scratchAdmin(), hibernate.full(), extensions, log::timing, writtenText,
                !speculative);
        remember(cache, key, built);
        return built;
    }

    /** Hibernate's expressions in one order, whatever the order of the maps they came in. */
    private static String canonical(Map<dev.autogen.schema.QualifiedName, dev.autogen.schema.WrittenText.Candidates> text) {
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(text).forEach((table, candidates) -> out.append(table).append(candidates.checks())
                .append(new java.util.TreeMap<>(candidates.defaults())).append(new java.util.TreeMap<>(candidates.generated()))
                .append('\n'));
        return out.toString();
    }

    /** The key of the migrations' replayed schema, with the text of each object ({@code spelled}) or without. */
    /**
     * The key PostgreSQL's settled print of {@code schema} is kept under: the indexes of both sides name prints by it, so
     * that equal keys mean nothing to change.
     */
    private static String printKey(SchemaCache cache, Schema schema) {
        return cache.key("reprint", List.of(schema.toString()));
    }

    /** The key of what the migrations replayed under {@code replayKey} came to as printed, under the filter. */
    private String replayedPrintKey(SchemaCache cache, String replayKey) {
        return cache.key("replayed-print", List.of(replayKey, settings.filter().toString()));
    }

    private String replayKey(SchemaCache cache, boolean spelled) {
        return cache.key(spelled ? "replay-spelled" : "replay", replayKeyParts());
    }

    /**
     * What the replayed schema depends on: the version table's name and every file in the migrations directory,
     * by name and content. A migration that calls the project's other classes is keyed by its own source only.
     */
    private List<String> replayKeyParts() {
        List<String> parts = new ArrayList<>();
        parts.add(settings.versionTable().toString());
        Path directory = settings.migrationsDirectory();
        if (directory != null && Files.isDirectory(directory)) {
            try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    parts.add(directory.relativize(file).toString());
                    // by a digest of its bytes: a migration of 10,000 tables is 14 MB of text, not worth decoding here
                    parts.add(fileDigest(file));
                }
            } catch (IOException | UncheckedIOException e) {
                throw new AutogenException("Cannot read the migrations in " + directory + ": " + e.getMessage(), e);
            }
        }
        return parts;
    }

    /**
     * Runs {@code upgrade} of migrations replayed on a scratch database. A migration that fails there is said as the
     * scratch database's, whose "database is at" is not the project's; a scratch server short of a resource, as that.
     */
    private void replaying(Runnable upgrade) {
        try {
            upgrade.run();
        } catch (AutogenException e) {
            Optional<AutogenException> shortage = ServerShortage.stopped("replay the migrations", e);
            if (shortage.isPresent()) {
                throw shortage.get();
            }
            // a database whose extension was installed outside the migrations, by a DBA say, is not one they rebuild
            String extension = MissingFromExtension.of(e, scratchAdmin()).map(missing -> " " + missing.says()
                    + ", and no migration before it creates it: make " + missing.step() + " that migration's first step, and"
                    + " its reverse its downgrade's last (README, Extensions).").orElse("");
            throw new AutogenException("Cannot replay the migrations on a scratch database: " + e.getMessage() + extension, e);
        }
    }

    /** Starts the scratch server on a thread of its own; a failure is reported to the step that needs the server. */
    private void startScratchInBackground() {
        inParallel("scratch-start", () -> {
            try {
                return settings.scratch();
            } catch (RuntimeException e) {
                return null;
            }
        });
    }

    private ScratchAdmin scratchAdmin() {
        return new ScratchAdmin(requireScratch());
    }

    private Reprinter reprinter() {
        return new Reprinter(scratchAdmin(), log::warn);
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

    /** Keeps {@code value} in the cache under {@code key}, its time reported as the cache's. */
    private void remember(SchemaCache cache, String key, java.io.Serializable value) {
        timed("cache", () -> {
            cache.put(key, value);
            return null;
        });
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

    /** Waits until each of {@code work} has ended, whatever its outcome: nothing of a goal runs on after it has failed. */
    private static void settle(CompletableFuture<?>... work) {
        for (CompletableFuture<?> each : work) {
            each.exceptionally(error -> null).join();
        }
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
        return onConnection(database.connect(), database, graph, work);
    }

    /** Runs {@code work} with a runner on {@code connection}, opened on {@code database}, closing it after. */
    private <T> T onConnection(Connection connection, ConnectionSpec database, RevisionGraph graph,
                               java.util.function.Function<MigrationRunner, T> work) {
        try (connection) {
            return work.apply(runner(connection, graph, database));
        } catch (SQLException e) {
            throw new AutogenException("Lost the connection to " + database + ": " + e.getMessage(), e);
        }
    }

    /** A runner on {@code connection}; {@code database} opens the second connection that watches for lock waits. */
    private MigrationRunner runner(Connection connection, RevisionGraph graph, ConnectionSpec database) {
        return runner(connection, graph, database, settings.safety());
    }

    /**
     * A runner that replays the migrations into a scratch database, which nobody else uses: the plain form, each
     * transaction's statements sent in batches.
     */
    private MigrationRunner replayRunner(Connection connection, RevisionGraph graph, ConnectionSpec database) {
        return MigrationRunner.onScratch(connection, graph, settings.versionTable(),
                MigrationRunner.classLoading(settings.classLoader()), log::info, options(Safety.PLAIN).withMonitor(database::connect)
                        .withChecksums(checksums()));
    }

    private MigrationRunner runner(Connection connection, RevisionGraph graph, ConnectionSpec database, Safety safety) {
        return new MigrationRunner(connection, graph, settings.versionTable(),
                MigrationRunner.classLoading(settings.classLoader()), log::info, options(safety).withMonitor(database::connect)
                        .withChecksums(checksums()));
    }

    /** How the runner behaves around other sessions, as configured, in the form {@code safety}. */
    private MigrationRunner.Options options(Safety safety) {
        return MigrationRunner.Options.defaults().withLockWait(settings.lockWait()).withLockTimeout(settings.lockTimeout())
                .withWarn(log::warn).withSafety(safety).withLockRetries(settings.lockRetries())
                .withStatementTimeout(settings.statementTimeout());
    }

    private static Change rename(Rename rename) {
        return rename.column() == null ? new Change.RenameTable(rename.table(), rename.to())
                : new Change.RenameColumn(rename.table(), rename.column(), rename.to());
    }

    /** What the goal's output and the migration file say about a drop and an add that look like a rename. */
    private static String renameHint(Renames.Guess guess) {
        return "LOOKS LIKE A RENAME of " + Renames.fromTo(guess.rename()) + ": to keep "
                + (guess.rename() instanceof Change.RenameSequence ? "its value" : "the data") + ", write "
                + MigrationRenderer.call(guess.rename()) + " in place of the drop and the add, or run revision with "
                + "-Dautogen.renames=" + Renames.spelled(guess.rename());
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
        Renames.guesses(changes).forEach(guess -> log.warn(renameHint(guess)));
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

    /** "base (no migration applied)", "aaa (M1_Create)", or "aaa (M2_A) and bbb (M3_B)" for a database on two branches. */
    private static String describe(RevisionGraph graph, List<String> revisions) {
        if (revisions.isEmpty()) {
            return describe(graph, (String) null);
        }
        return revisions.stream().map(r -> describe(graph, r)).collect(java.util.stream.Collectors.joining(" and "));
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
