package dev.autogen.diff;

import dev.autogen.schema.Column;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.Index;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What two or more branches of the history both change, each compared with the schema of the revisions they
 * share: the same object created in two branches (the second CREATE fails), dropped in two, dropped in one and
 * changed in another, or changed differently (the branch that runs last wins). A pure function of schemas.
 */
public final class BranchConflicts {

    private BranchConflicts() {
    }

    /** One object two branches both change: what it is, and what each branch makes of it (null: dropped or absent). */
    public record Conflict(String object, String what, Map<String, String> byBranch) {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(object).append(": ").append(what);
            byBranch.forEach((branch, value) -> out.append("; ").append(branch).append(": ").append(value == null ? "dropped" : value));
            return out.toString();
        }
    }

    /**
     * @param common   the schema of the revisions every branch follows
     * @param branches each branch's name (its head) and the schema its head has
     */
    public static List<Conflict> of(Schema common, Map<String, Schema> branches) {
        Map<String, Item> before = items(common);
        Map<String, Map<String, Item>> after = new LinkedHashMap<>();
        branches.forEach((name, schema) -> after.put(name, items(schema)));
        Map<String, Item> all = new LinkedHashMap<>(before);
        after.values().forEach(all::putAll);
        List<Conflict> conflicts = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        for (Map.Entry<String, Item> entry : all.entrySet()) {
            String key = entry.getKey();
            if (reported.stream().anyMatch(parent -> Objects.equals(entry.getValue().parent(), parent))) {
                continue;
            }
            Item base = before.get(key);
            Map<String, Item> changed = new LinkedHashMap<>();
            after.forEach((branch, items) -> {
                Item now = items.get(key);
                if (!Objects.equals(base == null ? null : base.value(), now == null ? null : now.value())) {
                    changed.put(branch, now);
                }
            });
            if (changed.size() < 2) {
                continue;
            }
            long dropped = changed.values().stream().filter(Objects::isNull).count();
            long distinct = changed.values().stream().map(item -> item == null ? null : item.value()).distinct().count();
            String what;
            if (base == null) {
                what = "created in " + changed.size() + " branches" + (distinct > 1 ? ", differently" : "")
                        + " (the second CREATE fails)";
            } else if (dropped == changed.size()) {
                what = "dropped in " + changed.size() + " branches (the second DROP fails)";
            } else if (dropped > 0) {
                what = "dropped in one branch and changed in another (the change fails, or the drop)";
            } else if (distinct > 1) {
                what = "changed differently (the branch that runs last wins)";
            } else {
                continue;
            }
            Map<String, String> byBranch = new LinkedHashMap<>();
            changed.forEach((branch, item) -> byBranch.put(branch, item == null ? null : item.shown()));
            conflicts.add(new Conflict(key, what, byBranch));
            reported.add(key);
        }
        return conflicts;
    }

    /** One object of a schema: its value as compared, how it is shown, and the object it belongs to (a column's table). */
    private record Item(Object value, String shown, String parent) {
    }

    private static Map<String, Item> items(Schema schema) {
        Map<String, Item> items = new LinkedHashMap<>();
        schema.enumTypes().forEach((name, type) -> items.put("enum type " + name, new Item(type, "labels " + type.labels(), null)));
        schema.domains().forEach((name, domain) -> items.put("domain " + name, new Item(domain, domain.baseType(), null)));
        schema.sequences().forEach((name, sequence) -> items.put("sequence " + name,
                new Item(sequence.withName(name), sequence.type() + " increment " + sequence.increment(), null)));
        for (Table table : schema.tables().values()) {
            String tableKey = "table " + table.name();
            items.put(tableKey, new Item(table.name(), "columns " + table.columns().stream().map(Column::name).toList(), null));
            if (table.comment() != null) {
                items.put("comment of " + tableKey, new Item(table.comment(), table.comment(), tableKey));
            }
            for (Column column : table.columns()) {
                items.put("column " + table.name() + "." + column.name(), new Item(column, describe(column), tableKey));
            }
            for (Constraint constraint : table.constraints()) {
                items.put(constraint.kind() + " " + constraint.name() + " of " + tableKey, new Item(constraint, constraint.toString(), tableKey));
            }
            for (Index index : table.indexes()) {
                items.put("index " + index.name() + " of " + tableKey, new Item(index, (index.isUnique() ? "unique " : "")
                        + index.method() + " " + index.keys() + (index.where() == null ? "" : " WHERE " + index.where()), tableKey));
            }
        }
        return items;
    }

    /** "character varying(300) NOT NULL DEFAULT 'x'". */
    private static String describe(Column column) {
        return column.type() + (column.nullable() ? "" : " NOT NULL")
                + (column.defaultValue() == null ? "" : " DEFAULT " + column.defaultValue())
                + (column.identity() == null ? "" : " " + column.identity())
                + (column.generatedAlwaysAs() == null ? "" : " GENERATED ALWAYS AS (" + column.generatedAlwaysAs() + ")");
    }
}
