package dev.autogen.diff;

import dev.autogen.change.Change;
import dev.autogen.change.Change.AddColumn;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AddEnumValue;
import dev.autogen.change.Change.AlterDomain;
import dev.autogen.change.Change.CreateDomain;
import dev.autogen.change.Change.DropDomain;
import dev.autogen.change.Change.AlterColumnGenerated;
import dev.autogen.change.Change.CreateCast;
import dev.autogen.change.Change.CreateEnumType;
import dev.autogen.change.Change.DropCast;
import dev.autogen.change.Change.DropEnumType;
import dev.autogen.change.Change.TypeUsage;
import dev.autogen.change.Change.ReplaceEnumType;
import dev.autogen.change.Change.SetSequenceOwner;
import dev.autogen.change.Change.AlterColumnDefault;
import dev.autogen.change.Change.AlterColumnIdentity;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.AlterColumnType;
import dev.autogen.change.Change.AlterSequence;
import dev.autogen.change.Change.CreateIndex;
import dev.autogen.change.Change.CreateSchema;
import dev.autogen.change.Change.CreateSequence;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.change.Change.DropColumn;
import dev.autogen.change.Change.DropConstraint;
import dev.autogen.change.Change.DropIndex;
import dev.autogen.change.Change.DropSchema;
import dev.autogen.change.Change.DropSequence;
import dev.autogen.change.Change.DropTable;
import dev.autogen.change.Change.RenameConstraint;
import dev.autogen.change.Change.RenameIndex;
import dev.autogen.change.Change.SetColumnComment;
import dev.autogen.change.Change.SetTableComment;
import dev.autogen.schema.Column;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Index;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.sql.Identifiers;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Compares the schema a database has with the schema the entities want, and returns the changes
 * that turn the first into the second, in an order PostgreSQL accepts. A pure function of two values.
 *
 * <p>Constraints and indexes are matched by what they mean; a match under another name becomes a
 * rename, so the names end up being the target's.
 */
public final class SchemaDiff {

    /** The order in which kinds of steps run, so that every step finds what it needs. */
    private enum Phase {
        CREATE_SCHEMAS, TYPES, SEQUENCES, DROP_FOREIGN_KEYS, RELEASE_SEQUENCES, DROP_INDEXES, DROP_CONSTRAINTS,
        DROP_COLUMNS, DROP_TABLES, CREATE_TABLES, ADD_COLUMNS, ALTER_COLUMNS, OWN_SEQUENCES, ADD_CONSTRAINTS,
        CREATE_INDEXES, ADD_FOREIGN_KEYS, DROP_SEQUENCES, DROP_DOMAINS, DROP_TYPES, DROP_SCHEMAS
    }

    private final Map<Phase, List<Change>> phases = new EnumMap<>(Phase.class);

    private SchemaDiff() {
        for (Phase phase : Phase.values()) {
            phases.put(phase, new ArrayList<>());
        }
    }

    public static List<Change> compare(Schema current, Schema target) {
        SchemaDiff diff = new SchemaDiff();
        diff.compareSchemas(current, target);
        List<Change> result = new ArrayList<>();
        diff.phases.values().forEach(result::addAll);
        return List.copyOf(result);
    }

    private void add(Phase phase, Change change) {
        phases.get(phase).add(change);
    }

    private void compareSchemas(Schema current, Schema target) {
        for (String schema : target.schemaNames()) {
            if (!current.schemaNames().contains(schema)) {
                add(Phase.CREATE_SCHEMAS, new CreateSchema(schema));
            }
        }
        for (String schema : current.schemaNames()) {
            boolean holdsOthers = current.unmanaged().stream().anyMatch(other -> other.schema().equals(schema));
            if (!target.schemaNames().contains(schema) && !holdsOthers) {
                add(Phase.DROP_SCHEMAS, new DropSchema(schema));
            }
        }
        compareEnumTypes(current, target);
        compareDomains(current, target);
        for (Sequence wanted : target.sequences().values()) {
            Sequence existing = current.sequences().get(wanted.name());
            if (existing == null) {
                add(Phase.SEQUENCES, new CreateSequence(wanted));
                if (wanted.ownedBy() != null) {
                    add(Phase.OWN_SEQUENCES, new SetSequenceOwner(wanted.name(), null, wanted.ownedBy()));
                }
                continue;
            }
            if (!existing.options().equals(wanted.options())) {
                add(Phase.SEQUENCES, new AlterSequence(existing, wanted));
            }
            if (!Objects.equals(existing.ownedBy(), wanted.ownedBy())) {
                // the old owner may be a column that goes away: release first, own again once columns exist
                if (existing.ownedBy() != null) {
                    add(Phase.RELEASE_SEQUENCES, new SetSequenceOwner(wanted.name(), existing.ownedBy(), null));
                }
                if (wanted.ownedBy() != null) {
                    add(Phase.OWN_SEQUENCES, new SetSequenceOwner(wanted.name(), null, wanted.ownedBy()));
                }
            }
        }
        for (Sequence existing : current.sequences().values()) {
            if (!target.sequences().containsKey(existing.name())) {
                if (existing.ownedBy() != null) {
                    add(Phase.RELEASE_SEQUENCES, new SetSequenceOwner(existing.name(), existing.ownedBy(), null));
                }
                add(Phase.DROP_SEQUENCES, new DropSequence(existing.name(), existing));
            }
        }
        for (Table wanted : target.tables().values()) {
            Table existing = current.tables().get(wanted.name());
            if (existing == null) {
                createTable(wanted);
            } else {
                compareTables(existing, wanted);
            }
        }
        for (Table existing : current.tables().values()) {
            if (!target.tables().containsKey(existing.name())) {
                dropTable(existing);
            }
        }
    }

    private void compareEnumTypes(Schema current, Schema target) {
        for (EnumType wanted : target.enumTypes().values()) {
            EnumType existing = current.enumTypes().get(wanted.name());
            if (existing == null) {
                add(Phase.TYPES, new CreateEnumType(wanted));
                continue;
            }
            boolean replaced = false;
            if (!existing.labels().equals(wanted.labels())) {
                List<TypeUsage> usages = usages(current, existing.name());
                if (isSubsequence(existing.labels(), wanted.labels())) {
                    // labels only added, order kept: ALTER TYPE ... ADD VALUE, one label at a time
                    EnumType step = existing;
                    for (String label : wanted.labels()) {
                        if (!step.labels().contains(label)) {
                            List<String> labels = new ArrayList<>(wanted.labels());
                            List<String> known = new ArrayList<>(step.labels());
                            known.add(label);
                            labels.retainAll(known);
                            EnumType next = step.withLabels(labels);
                            add(Phase.TYPES, new AddEnumValue(step, next, usages));
                            step = next;
                        }
                    }
                } else {
                    add(Phase.TYPES, new ReplaceEnumType(existing, wanted, usages));
                    replaced = true;
                }
            }
            if (!replaced) {
                existing.casts().stream().filter(cast -> !wanted.casts().contains(cast))
                        .forEach(cast -> add(Phase.TYPES, new DropCast(cast)));
                wanted.casts().stream().filter(cast -> !existing.casts().contains(cast))
                        .forEach(cast -> add(Phase.TYPES, new CreateCast(cast)));
            }
        }
        for (EnumType existing : current.enumTypes().values()) {
            if (!target.enumTypes().containsKey(existing.name())) {
                add(Phase.DROP_TYPES, new DropEnumType(existing.name(), existing));
            }
        }
    }

    private void compareDomains(Schema current, Schema target) {
        for (Domain wanted : target.domains().values()) {
            Domain existing = current.domains().get(wanted.name());
            if (existing == null) {
                add(Phase.TYPES, new CreateDomain(wanted));
            } else if (!existing.equals(wanted)) {
                add(Phase.TYPES, new AlterDomain(existing, wanted, usages(current, existing.name())));
            }
        }
        for (Domain existing : current.domains().values()) {
            if (!target.domains().containsKey(existing.name())) {
                add(Phase.DROP_DOMAINS, new DropDomain(existing.name(), existing));
            }
        }
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int at = 0;
        for (String label : whole) {
            if (at < part.size() && part.get(at).equals(label)) {
                at++;
            }
        }
        return at == part.size();
    }

    /** The columns of {@code schema} typed by {@code typeName} or by an array of it. */
    /** The columns whose type is {@code type} or an array of it. */
    private static List<TypeUsage> usages(Schema schema, QualifiedName type) {
        // column types are as format_type prints them with only pg_catalog on the search path: quoted, schema-qualified
        String typeName = Identifiers.quote(type);
        List<TypeUsage> usages = new ArrayList<>();
        for (Table table : schema.tables().values()) {
            for (Column column : table.columns()) {
                if (column.type().equals(typeName) || column.type().equals(typeName + "[]")) {
                    usages.add(new TypeUsage(table.name(), column.name(), column.type().endsWith("[]"), column.defaultValue()));
                }
            }
        }
        return usages;
    }

    private void createTable(Table table) {
        add(Phase.CREATE_TABLES, new CreateTable(table));
        table.indexes().forEach(index -> add(Phase.CREATE_INDEXES, new CreateIndex(table.name(), index)));
        table.foreignKeys().forEach(fk -> add(Phase.ADD_FOREIGN_KEYS, new AddConstraint(table.name(), fk)));
    }

    private void dropTable(Table table) {
        table.foreignKeys().forEach(fk -> add(Phase.DROP_FOREIGN_KEYS, new DropConstraint(table.name(), fk.name(), fk)));
        table.indexes().forEach(index -> add(Phase.DROP_INDEXES, new DropIndex(table.name(), index.name(), index)));
        add(Phase.DROP_TABLES, new DropTable(table.name(), table.withoutForeignKeysAndIndexes()));
    }

    private void compareTables(Table current, Table target) {
        QualifiedName table = target.name();
        for (Column wanted : target.columns()) {
            Column existing = current.column(wanted.name()).orElse(null);
            if (existing != null && existing.generatedAlwaysAs() == null && wanted.generatedAlwaysAs() != null) {
                // PostgreSQL cannot make a plain column generated in place: the change re-creates it as wanted
                add(Phase.ALTER_COLUMNS, new AlterColumnGenerated(table, existing, wanted));
            } else if (existing == null) {
                add(Phase.ADD_COLUMNS, new AddColumn(table, wanted));
            } else {
                compareColumns(table, existing, wanted);
            }
        }
        for (Column existing : current.columns()) {
            if (target.column(existing.name()).isEmpty()) {
                add(Phase.DROP_COLUMNS, new DropColumn(table, existing.name(), existing));
            }
        }
        if (!Objects.equals(current.comment(), target.comment())) {
            add(Phase.ALTER_COLUMNS, new SetTableComment(table, current.comment(), target.comment()));
        }
        compareConstraints(table, current.inlineConstraints(), target.inlineConstraints(), Phase.DROP_CONSTRAINTS,
                Phase.ADD_CONSTRAINTS);
        compareConstraints(table, List.copyOf(current.foreignKeys()), List.copyOf(target.foreignKeys()),
                Phase.DROP_FOREIGN_KEYS, Phase.ADD_FOREIGN_KEYS);
        compareIndexes(table, current.indexes(), target.indexes());
    }

    private void compareColumns(QualifiedName table, Column current, Column target) {
        String name = target.name();
        if (!Objects.equals(current.generatedAlwaysAs(), target.generatedAlwaysAs())) {
            add(Phase.ALTER_COLUMNS, new AlterColumnGenerated(table, current,
                    current.generatedAlwaysAs(target.generatedAlwaysAs())));
        }
        if (current.identity() != null && target.identity() == null) {
            add(Phase.ALTER_COLUMNS, new AlterColumnIdentity(table, name, current.identity(), null,
                    current.identityOptionsOrDefaults(), null));
        }
        boolean defaultChanges = !Objects.equals(current.defaultValue(), target.defaultValue());
        AlterColumnType typeChange = current.type().equals(target.type()) ? null
                : new AlterColumnType(table, name, current.type(), target.type());
        // PostgreSQL casts a column's default along with the column, and refuses when the types are of
        // different families: such a default is dropped before the cast and set again after it
        boolean dropDefault = current.defaultValue() != null
                && (defaultChanges && target.defaultValue() == null || typeChange != null && typeChange.converts());
        if (dropDefault) {
            add(Phase.ALTER_COLUMNS, new AlterColumnDefault(table, name, current.defaultValue(), null));
        }
        if (typeChange != null) {
            add(Phase.ALTER_COLUMNS, typeChange);
        }
        if (current.nullable() != target.nullable()) {
            add(Phase.ALTER_COLUMNS, new AlterColumnNullable(table, name, target.nullable()));
        }
        if (target.defaultValue() != null && (defaultChanges || dropDefault)) {
            add(Phase.ALTER_COLUMNS, new AlterColumnDefault(table, name, dropDefault ? null : current.defaultValue(),
                    target.defaultValue()));
        }
        if (target.identity() != null && (!target.identity().equals(current.identity())
                || !Objects.equals(current.identityOptions(), target.identityOptions()))) {
            add(Phase.ALTER_COLUMNS, new AlterColumnIdentity(table, name, current.identity(), target.identity(),
                    current.identity() == null ? null : current.identityOptionsOrDefaults(), target.identityOptionsOrDefaults()));
        }
        if (!Objects.equals(current.comment(), target.comment())) {
            add(Phase.ALTER_COLUMNS, new SetColumnComment(table, name, current.comment(), target.comment()));
        }
    }

    private void compareConstraints(QualifiedName table, List<Constraint> current, List<Constraint> target,
                                    Phase dropPhase, Phase addPhase) {
        match(current, target, Constraint::name, SchemaDiff::identical, Constraint::sameMeaning, new Matches<>() {
            public void renamed(Constraint from, Constraint to) {
                add(Phase.ALTER_COLUMNS, new RenameConstraint(table, from.name(), to.name()));
            }

            public void added(Constraint wanted, Constraint replaced) {
                add(wanted instanceof ForeignKey ? Phase.ADD_FOREIGN_KEYS : addPhase, new AddConstraint(table, wanted, replaced));
            }

            public void dropped(Constraint existing, Constraint replacement) {
                add(existing instanceof ForeignKey ? Phase.DROP_FOREIGN_KEYS : dropPhase,
                        new DropConstraint(table, existing.name(), existing, replacement));
            }
        });
    }

    private void compareIndexes(QualifiedName table, List<Index> current, List<Index> target) {
        match(current, target, Index::name, Index::equals, Index::sameMeaning, new Matches<>() {
            public void renamed(Index from, Index to) {
                add(Phase.ALTER_COLUMNS, new RenameIndex(table, from.name(), to.name()));
            }

            public void added(Index wanted, Index replaced) {
                add(Phase.CREATE_INDEXES, new CreateIndex(table, wanted, replaced));
            }

            public void dropped(Index existing, Index replacement) {
                add(Phase.DROP_INDEXES, new DropIndex(table, existing.name(), existing, replacement));
            }
        });
    }

    /** The same constraint: equal, or a check of the same name whose condition is the same AND-ed terms in another order. */
    private static boolean identical(Constraint existing, Constraint wanted) {
        return existing.equals(wanted) || existing instanceof CheckConstraint check && wanted instanceof CheckConstraint other
                && check.name().equals(other.name()) && check.sameCondition(other);
    }

    /** What became of each object; {@code replaced} and {@code replacement} pair a drop and an add under one name. */
    private interface Matches<T> {
        void renamed(T from, T to);

        void added(T wanted, T replaced);

        void dropped(T existing, T replacement);
    }

    /**
     * Pairs current and target objects: first the identical ones, then those that mean the same
     * under another name (renamed); the rest is dropped and added.
     */
    private static <T> T sameName(java.util.Collection<T> objects, Function<T, String> name, String wanted) {
        return objects.stream().filter(o -> name.apply(o).equals(wanted)).findFirst().orElse(null);
    }

    private static <T> void match(List<T> current, List<T> target, Function<T, String> name,
                                  BiPredicate<T, T> identical, BiPredicate<T, T> sameMeaning, Matches<T> matches) {
        Set<T> unmatchedCurrent = new LinkedHashSet<>(current);
        List<T> unmatchedTarget = new ArrayList<>();
        for (T wanted : target) {
            if (!unmatchedCurrent.remove(wanted)) {
                T same = unmatchedCurrent.stream().filter(existing -> identical.test(existing, wanted)).findFirst().orElse(null);
                if (same == null) {
                    unmatchedTarget.add(wanted);
                } else {
                    unmatchedCurrent.remove(same);
                }
            }
        }
        for (T wanted : unmatchedTarget) {
            T renamed = unmatchedCurrent.stream().filter(existing -> sameMeaning.test(existing, wanted)).findFirst().orElse(null);
            if (renamed != null && target.stream().noneMatch(t -> name.apply(t).equals(name.apply(renamed)))) {
                unmatchedCurrent.remove(renamed);
                matches.renamed(renamed, wanted);
            } else {
                matches.added(wanted, sameName(unmatchedCurrent, name, name.apply(wanted)));
            }
        }
        unmatchedCurrent.forEach(existing -> matches.dropped(existing,
                sameName(unmatchedTarget, name, name.apply(existing))));
    }
}
