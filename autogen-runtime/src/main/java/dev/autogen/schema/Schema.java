package dev.autogen.schema;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything autogen compares in one database: the PostgreSQL schemas (namespaces) in play, and
 * the enum types, domains, tables and sequences in them. A value: two databases in the same state give equal values.
 */
public record Schema(SortedSet<String> schemaNames, SortedMap<QualifiedName, EnumType> enumTypes,
                     SortedMap<QualifiedName, Domain> domains, SortedMap<QualifiedName, Table> tables,
                     SortedMap<QualifiedName, Sequence> sequences, SortedSet<QualifiedName> unmanaged,
                     SortedMap<String, String> extensions) implements java.io.Serializable {

    public Schema {
        schemaNames = Collections.unmodifiableSortedSet(new TreeSet<>(schemaNames));
        enumTypes = Collections.unmodifiableSortedMap(new TreeMap<>(enumTypes));
        domains = Collections.unmodifiableSortedMap(new TreeMap<>(domains));
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        sequences = Collections.unmodifiableSortedMap(new TreeMap<>(sequences));
        unmanaged = Collections.unmodifiableSortedSet(new TreeSet<>(unmanaged));
        extensions = Collections.unmodifiableSortedMap(new TreeMap<>(extensions));
    }

    public static Schema of(Collection<String> schemaNames, Collection<Table> tables, Collection<Sequence> sequences) {
        return of(schemaNames, java.util.List.of(), tables, sequences, java.util.List.of());
    }

    /**
     * @param unmanaged views, materialized views and tables left out by configuration: present, never
     *                  compared, created or dropped; a schema that holds one is not the model's alone
     */
    public static Schema of(Collection<String> schemaNames, Collection<EnumType> enumTypes, Collection<Table> tables,
                            Collection<Sequence> sequences, Collection<QualifiedName> unmanaged) {
        return of(schemaNames, enumTypes, java.util.List.of(), tables, sequences, unmanaged);
    }

    public static Schema of(Collection<String> schemaNames, Collection<EnumType> enumTypes, Collection<Domain> domains,
                            Collection<Table> tables, Collection<Sequence> sequences, Collection<QualifiedName> unmanaged) {
        TreeMap<QualifiedName, Domain> domainMap = new TreeMap<>();
        domains.forEach(d -> domainMap.put(d.name(), d));
        TreeMap<QualifiedName, EnumType> enumMap = new TreeMap<>();
        enumTypes.forEach(e -> enumMap.put(e.name(), e));
        TreeMap<QualifiedName, Table> tableMap = new TreeMap<>();
        tables.forEach(t -> tableMap.put(t.name(), t));
        TreeMap<QualifiedName, Sequence> sequenceMap = new TreeMap<>();
        sequences.forEach(s -> sequenceMap.put(s.name(), s));
        return new Schema(new TreeSet<>(schemaNames), enumMap, domainMap, tableMap, sequenceMap, new TreeSet<>(unmanaged),
                new TreeMap<>());
    }

    /** This schema with column positions ignored, for comparing databases that reached a state by different paths. */
    public Schema withColumnsByName() {
        TreeMap<QualifiedName, Table> byName = new TreeMap<>();
        tables.forEach((name, table) -> byName.put(name, table.withColumnsByName()));
        return new Schema(schemaNames, enumTypes, domains, byName, sequences, unmanaged, extensions);
    }

    /**
     * The same schema with the extensions the database has installed (name to schema): they are not
     * the model's, but objects of theirs, such as a citext column, need them wherever the schema is built.
     */
    public Schema withExtensions(java.util.Map<String, String> extensions) {
        return new Schema(schemaNames, enumTypes, domains, tables, sequences, unmanaged, new TreeMap<>(extensions));
    }
}
