package dev.autogen.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything autogen compares in one database: the PostgreSQL schemas (namespaces) in play, and
 * the tables and sequences in them. A value: two databases in the same state give equal values.
 */
public record Schema(SortedSet<String> schemaNames, SortedMap<QualifiedName, Table> tables,
                     SortedMap<QualifiedName, Sequence> sequences) {

    public Schema {
        schemaNames = Collections.unmodifiableSortedSet(new TreeSet<>(schemaNames));
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableSortedMap(new TreeMap<>(sequences));
    }

    public static Schema of(Collection<String> schemaNames, Collection<Table> tables, Collection<Sequence> sequences) {
        TreeMap<QualifiedName, Table> tableMap = new TreeMap<>();
        tables.forEach(t -> tableMap.put(t.name(), t));
        TreeMap<QualifiedName, Sequence> sequenceMap = new TreeMap<>();
        sequences.forEach(s -> sequenceMap.put(s.name(), s));
        return new Schema(new TreeSet<>(schemaNames), tableMap, sequenceMap);
    }

    /** This schema with column positions ignored, for comparing databases that reached a state by different paths. */
    public Schema withColumnsByName() {
        TreeMap<QualifiedName, Table> byName = new TreeMap<>();
        tables.forEach((name, table) -> byName.put(name, table.withColumnsByName()));
        return new Schema(schemaNames, byName, sequences);
    }
}
