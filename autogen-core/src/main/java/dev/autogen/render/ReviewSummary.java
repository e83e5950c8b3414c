package dev.autogen.render;

import dev.autogen.change.Change;
import dev.autogen.change.Hazard;
import dev.autogen.change.StepNotes;
import dev.autogen.change.TableImpact;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Markdown a reviewer reads on a pull request (autogen.summary): each migration, each of its
 * steps with the locks it takes on which tables and whether it rewrites, scans or only changes the
 * catalog, and what may fail on existing rows or lose data. Everything it says comes from
 * {@link StepNotes}, as the migration file's comments and the goal's output do.
 */
public final class ReviewSummary {

    /**
     * One migration to review: what its {@code @Revision} says and the steps of both directions.
     *
     * @param onlineUpgrade   the positions (from 0) of the upgrade steps the runner sends in the online form
     *                        (autogen.safety=online): the scan without a lock that blocks writes
     * @param onlineDowngrade the same for the downgrade
     */
    public record Reviewed(String revision, String parent, String message, String created, String className,
                           List<Change> upgrade, List<Change> downgrade, Set<Integer> onlineUpgrade,
                           Set<Integer> onlineDowngrade) {
        public Reviewed {
            upgrade = List.copyOf(upgrade);
            downgrade = List.copyOf(downgrade);
            onlineUpgrade = Set.copyOf(onlineUpgrade);
            onlineDowngrade = Set.copyOf(onlineDowngrade);
        }

        public Reviewed(String revision, String parent, String message, String created, String className,
                        List<Change> upgrade, List<Change> downgrade) {
            this(revision, parent, message, created, className, upgrade, downgrade, Set.of(), Set.of());
        }
    }

    /** What the online form of a step does, as sql.OnlineFormLocksTest holds it to pg_locks. */
    private static final String ONLINE = "**online form** (autogen.safety=online): reads the rows holding SHARE UPDATE "
            + "EXCLUSIVE at most, which reads and writes do not wait behind; what locks the table outright reads no row and "
            + "waits at most autogen.lockTimeout";

    private ReviewSummary() {
    }

    /**
     * @param intro one sentence saying which migrations these are (the one just written, the ones a database has not applied)
     */
    public static String markdown(String intro, List<Reviewed> migrations) {
        StringBuilder out = new StringBuilder("# autogen: migrations to review\n\n").append(intro).append("\n");
        if (migrations.isEmpty()) {
            return out.toString();
        }
        List<StepNotes> allUp = new ArrayList<>();
        long slow = 0;
        long online = 0;
        for (Reviewed m : migrations) {
            List<StepNotes> up = StepNotes.of(m.upgrade());
            allUp.addAll(up);
            for (int i = 0; i < up.size(); i++) {
                if (m.onlineUpgrade().contains(i)) {
                    online++;
                } else if (!up.get(i).slowLocks().isEmpty()) {
                    slow++;
                }
            }
        }
        long hazards = allUp.stream().filter(n -> n.hazard().isPresent()).count();
        out.append("\n").append(count(migrations.size(), "migration")).append(", ").append(count(allUp.size(), "upgrade step"))
                .append(": ").append(hazards == 0 ? "none may fail on existing rows or lose data"
                        : hazards + " need" + (hazards == 1 ? "s" : "") + " a look (may fail on existing rows, lose data or lock a table)")
                .append("; ").append(slow == 0 ? "none holds a lock for a time that grows with a table"
                        : count(slow, "step") + " hold" + (slow == 1 ? "s" : "") + " a lock for a time that grows with a table")
                .append(online == 0 ? "" : "; " + online + " run" + (online == 1 ? "s" : "") + " in the online form, which"
                        + " blocks no write while it reads the rows")
                .append(".\n");
        int number = 1;
        for (Reviewed migration : migrations) {
            migration(out, number++, migration);
        }
        return out.toString();
    }

    private static void migration(StringBuilder out, int number, Reviewed m) {
        out.append("\n## ").append(number).append(". ").append(cell(m.message().isBlank() ? m.className() : m.message()))
                .append("\n\n");
        out.append("Revision `").append(m.revision()).append("`")
                .append(m.parent() == null || m.parent().isEmpty() ? " (the first)" : ", after `" + m.parent() + "`")
                .append(", class `").append(m.className()).append("`")
                .append(m.created() == null || m.created().isEmpty() ? "" : ", created " + m.created()).append(".\n");
        List<StepNotes> up = StepNotes.of(m.upgrade());
        List<StepNotes> down = StepNotes.of(m.downgrade());
        List<Hazard> upHazards = up.stream().flatMap(n -> n.hazard().stream()).toList();
        if (!upHazards.isEmpty()) {
            out.append("\n**Needs a look before it runs on a database with data:**\n\n");
            upHazards.forEach(hazard -> out.append("- **").append(hazard.kind().label()).append("**: ")
                    .append(cell(hazard.detail())).append("\n"));
        }
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < up.size(); i++) {
            if (m.onlineUpgrade().contains(i)) {
                continue;
            }
            for (TableImpact impact : up.get(i).slowLocks()) {
                slow.add(impact + " (step " + (i + 1) + ")");
            }
        }
        if (!slow.isEmpty()) {
            out.append("\n**Blocks the application for a time that grows with the table:**\n\n");
            slow.forEach(line -> out.append("- ").append(cell(line)).append("\n"));
        }
        out.append("\n");
        steps(out, "upgrade step", up, m.onlineUpgrade());
        long downHazards = down.stream().filter(n -> n.hazard().isPresent()).count();
        out.append("\n<details><summary>downgrade: ").append(count(down.size(), "step"))
                .append(downHazards == 0 ? "" : ", " + downHazards + " that may fail on existing rows or lose data")
                .append("</summary>\n\n");
        steps(out, "downgrade step", down, m.onlineDowngrade());
        out.append("\n</details>\n");
    }

    private static void steps(StringBuilder out, String heading, List<StepNotes> steps, Set<Integer> online) {
        if (steps.isEmpty()) {
            out.append("No steps.\n");
            return;
        }
        out.append("| # | ").append(heading).append(" | lock, on which table, and for how long | on existing rows |\n")
                .append("|---:|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            StepNotes step = steps.get(i);
            out.append("| ").append(i + 1).append(" | ").append(cell(step.change().describe())).append(" | ")
                    .append(online.contains(i) ? ONLINE + "<br>plain form: " + locks(step) : locks(step)).append(" | ")
                    .append(step.hazard().map(h -> "**" + h.kind().label() + "**: " + cell(h.detail())).orElse(""))
                    .append(" |\n");
        }
    }

    private static String locks(StepNotes step) {
        Optional<List<TableImpact>> impacts = step.impacts();
        if (impacts.isEmpty()) {
            return "not analysed: hand-written SQL";
        }
        if (impacts.get().isEmpty()) {
            return "no table lock";
        }
        return impacts.get().stream().map(impact -> cell(impact.lock().sqlName() + " on " + impact.table() + " ("
                        + impact.lock().blocks() + "), " + (step.newTables().contains(impact.table())
                        ? "a table this migration creates: no rows yet" : impact.work().words())))
                .collect(Collectors.joining("<br>"));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Text in a table cell or list item: one line, no column break, nothing read as HTML. */
    private static String cell(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace("|", "\\|")
                .replace("<", "&lt;");
    }
}
