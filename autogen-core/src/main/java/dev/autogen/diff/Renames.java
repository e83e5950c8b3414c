package dev.autogen.diff;

import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.change.Change.AddColumn;
import dev.autogen.change.Change.CreateSequence;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.change.Change.DropColumn;
import dev.autogen.change.Change.DropSequence;
import dev.autogen.change.Change.DropTable;
import dev.autogen.change.Change.RenameColumn;
import dev.autogen.change.Change.RenameSequence;
import dev.autogen.change.Change.RenameTable;
import dev.autogen.schema.Column;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Renames, which a diff cannot tell from a drop and an add: the ones a diff's changes look like
 * ({@link #guesses}), and the ones a user names (autogen.renames), checked against the two sides and
 * completed with the sequences that follow a renamed table ({@link #resolve}).
 *
 * <p>Names on the left of a rename are always the current side's: a column is named by the table it
 * is in before any table is renamed. Columns are renamed first, then tables, then sequences.
 */
public final class Renames {

    private Renames() {
    }

    /** A rename that {@code dropped} and {@code added} look like. */
    public record Guess(Change rename, Change dropped, Change added) {
    }

    /**
     * The renames {@code changes} look like: in one table, a column dropped and one added of the same type;
     * a table dropped and one created in the same schema with the same columns; a sequence dropped and one
     * created in the same schema with the same options. Only pairs with no other candidate on either side.
     */
    public static List<Guess> guesses(List<Change> changes) {
        List<Guess> result = new ArrayList<>();
        List<DropColumn> droppedColumns = of(changes, DropColumn.class).stream()
                .filter(d -> d.definition() != null && d.definition().generatedAlwaysAs() == null).toList();
        List<AddColumn> addedColumns = of(changes, AddColumn.class).stream()
                .filter(a -> a.column().generatedAlwaysAs() == null).toList();
        pairs(droppedColumns, addedColumns, (d, a) -> d.table().equals(a.table())
                && d.definition().type().equals(a.column().type()))
                .forEach((d, a) -> result.add(new Guess(new RenameColumn(d.table(), d.column(), a.column().name()), d, a)));
        List<DropTable> droppedTables = of(changes, DropTable.class).stream().filter(d -> d.definition() != null).toList();
        pairs(droppedTables, of(changes, CreateTable.class), (d, c) -> d.name().schema().equals(c.table().name().schema())
                && columns(d.definition()).equals(columns(c.table())))
                .forEach((d, c) -> result.add(new Guess(new RenameTable(d.name(), c.table().name().name()), d, c)));
        List<DropSequence> droppedSequences = of(changes, DropSequence.class).stream().filter(d -> d.definition() != null).toList();
        pairs(droppedSequences, of(changes, CreateSequence.class), (d, c) -> d.name().schema().equals(c.sequence().name().schema())
                && sameOptions(d.definition(), c.sequence()))
                .forEach((d, c) -> result.add(new Guess(new RenameSequence(d.name(), c.sequence().name().name()), d, c)));
        return List.copyOf(result);
    }

    /**
     * The renames to make before the rest of the diff: {@code requested} (RenameColumn, RenameTable, or a
     * RenameTable that names a sequence, which becomes a RenameSequence), each checked against the two
     * sides, and for each renamed table the sequences named after it ({@code old_seq}, {@code old_id_seq})
     * that the target has under the new name: dropped and created again, they would count from the start
     * and hand out keys the table already holds.
     *
     * @throws AutogenException in one line, for a rename that does not match the difference
     */
    public static List<Change> resolve(List<Change> requested, Schema current, Schema target) {
        List<Change> columns = new ArrayList<>();
        List<Change> tables = new ArrayList<>();
        List<Change> sequences = new ArrayList<>();
        Map<QualifiedName, QualifiedName> tableRenames = new LinkedHashMap<>();
        for (Change rename : requested) {
            if (rename instanceof RenameTable t) {
                QualifiedName to = t.renamed();
                if (!current.tables().containsKey(t.table()) && current.sequences().containsKey(t.table())) {
                    sequences.add(checkSequence(new RenameSequence(t.table(), t.to()), current, target));
                    continue;
                }
                require(current.tables().containsKey(t.table()), t, "there is no table " + t.table());
                require(!current.tables().containsKey(to), t, "table " + to + " exists already");
                require(target.tables().containsKey(to), t, "the entities have no table " + to);
                require(!target.tables().containsKey(t.table()), t, "the entities still have table " + t.table());
                tableRenames.put(t.table(), to);
                tables.add(t);
            }
        }
        for (Change rename : requested) {
            if (rename instanceof RenameColumn c) {
                Table table = current.tables().get(c.table());
                require(table != null, c, "there is no table " + c.table());
                require(table.column(c.from()).isPresent(), c, c.table() + " has no column " + c.from() + " (it has "
                        + table.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
                require(table.column(c.to()).isEmpty(), c, c.table() + " has a column " + c.to() + " already");
                Table wanted = target.tables().get(tableRenames.getOrDefault(c.table(), c.table()));
                require(wanted != null, c, "the entities have no table " + tableRenames.getOrDefault(c.table(), c.table()));
                require(wanted.column(c.to()).isPresent(), c, "the entities have no column " + c.to() + " in " + wanted.name());
                require(wanted.column(c.from()).isEmpty(), c, "the entities still have column " + c.from() + " in " + wanted.name());
                columns.add(c);
            } else if (!(rename instanceof RenameTable)) {
                throw new IllegalArgumentException("not a rename: " + rename);
            }
        }
        Set<QualifiedName> named = sequences.stream().map(s -> ((RenameSequence) s).sequence()).collect(Collectors.toSet());
        tableRenames.forEach((from, to) -> {
            for (Sequence sequence : current.sequences().values()) {
                String name = sequence.name().name();
                QualifiedName follows = new QualifiedName(to.schema(), to.name() + name.substring(Math.min(name.length(),
                        from.name().length())));
                if (sequence.name().schema().equals(from.schema()) && name.startsWith(from.name() + "_")
                        && !named.contains(sequence.name()) && !target.sequences().containsKey(sequence.name())
                        && target.sequences().containsKey(follows) && !current.sequences().containsKey(follows)) {
                    sequences.add(new RenameSequence(sequence.name(), follows.name()));
                }
            }
        });
        List<Change> result = new ArrayList<>(columns);
        result.addAll(tables);
        result.addAll(sequences);
        return List.copyOf(result);
    }

    /**
     * The foreign keys of the table {@code renamed} after {@code renames}, from those of the table it was
     * before them in {@code before}: their columns, referenced table and referenced columns renamed.
     */
    public static List<ForeignKey> foreignKeysAfter(Schema before, QualifiedName renamed, List<Change> renames) {
        QualifiedName was = renamed;
        for (Change rename : renames) {
            if (rename instanceof RenameTable t && t.renamed().equals(renamed)) {
                was = t.table();
            }
        }
        Table table = before.tables().get(was);
        if (table == null) {
            return List.of();
        }
        QualifiedName owner = was;
        return table.foreignKeys().stream().map(fk -> {
            List<String> columns = fk.columns().stream().map(c -> columnAfter(owner, c, renames)).toList();
            List<String> referenced = fk.referencedColumns().stream()
                    .map(c -> columnAfter(fk.referencedTable(), c, renames)).toList();
            return new ForeignKey(fk.name(), columns, tableAfter(fk.referencedTable(), renames), referenced, fk.onUpdate(),
                    fk.onDelete(), fk.deferrable(), fk.initiallyDeferred());
        }).toList();
    }

    private static String columnAfter(QualifiedName table, String column, List<Change> renames) {
        for (Change rename : renames) {
            if (rename instanceof RenameColumn c && c.table().equals(table) && c.from().equals(column)) {
                return c.to();
            }
        }
        return column;
    }

    private static QualifiedName tableAfter(QualifiedName table, List<Change> renames) {
        for (Change rename : renames) {
            if (rename instanceof RenameTable t && t.table().equals(table)) {
                return t.renamed();
            }
        }
        return table;
    }

    private static Change checkSequence(RenameSequence s, Schema current, Schema target) {
        require(!current.sequences().containsKey(s.renamed()), s, "sequence " + s.renamed() + " exists already");
        require(target.sequences().containsKey(s.renamed()), s, "the entities have no sequence " + s.renamed());
        require(!target.sequences().containsKey(s.sequence()), s, "the entities still have sequence " + s.sequence());
        return s;
    }

    private static void require(boolean condition, Change rename, String why) {
        if (!condition) {
            throw new AutogenException("autogen.renames names " + spelled(rename) + ", which does not match the difference: "
                    + why + ". Name what the database (or the migrations) has on the left, what the entities want on the right.");
        }
    }

    /** "public.books.author to public.books.writer": what a rename renames, and to what. */
    public static String fromTo(Change rename) {
        if (rename instanceof RenameColumn c) {
            return c.table() + "." + c.from() + " to " + c.table() + "." + c.to();
        }
        if (rename instanceof RenameTable t) {
            return "table " + t.table() + " to " + t.renamed();
        }
        if (rename instanceof RenameSequence s) {
            return "sequence " + s.sequence() + " to " + s.renamed();
        }
        throw new IllegalArgumentException("not a rename: " + rename);
    }

    /** A rename as autogen.renames spells it: {@code public.books.author:writer}, {@code public.old_table:new_table}. */
    public static String spelled(Change rename) {
        if (rename instanceof RenameColumn c) {
            return c.table() + "." + c.from() + ":" + c.to();
        }
        if (rename instanceof RenameTable t) {
            return t.table() + ":" + t.to();
        }
        if (rename instanceof RenameSequence s) {
            return s.sequence() + ":" + s.to();
        }
        throw new IllegalArgumentException("not a rename: " + rename);
    }

    private static boolean sameOptions(Sequence a, Sequence b) {
        return a.type().equals(b.type()) && a.start() == b.start() && a.increment() == b.increment()
                && a.minValue() == b.minValue() && a.maxValue() == b.maxValue() && a.cache() == b.cache()
                && a.cycles() == b.cycles();
    }

    private static Map<String, String> columns(Table table) {
        Map<String, String> result = new LinkedHashMap<>();
        table.columns().forEach(c -> result.put(c.name(), c.type()));
        return result;
    }

    private static <T> List<T> of(List<Change> changes, Class<T> kind) {
        return changes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The pairs in which each side has exactly one candidate on the other. */
    private static <A, B> Map<A, B> pairs(List<A> left, List<B> right, BiPredicate<A, B> matches) {
        Map<A, B> result = new LinkedHashMap<>();
        for (A a : left) {
            List<B> candidates = right.stream().filter(b -> matches.test(a, b)).toList();
            if (candidates.size() == 1 && left.stream().filter(other -> matches.test(other, candidates.get(0))).count() == 1) {
                result.put(a, candidates.get(0));
            }
        }
        return result;
    }
}
