package dev.autogen.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which schemas and tables are the model's. Patterns are globs ({@code *}, {@code ?}); a table
 * pattern matches {@code table} or {@code schema.table}. With no include patterns everything is
 * included; an exclude pattern always wins. What is left out stays in the database untouched,
 * and a schema that holds something left out is never dropped.
 */
public record SchemaFilter(List<String> includeSchemas, List<String> excludeSchemas, List<String> includeTables,
                           List<String> excludeTables) {

    public static final SchemaFilter ALL = new SchemaFilter(List.of(), List.of(), List.of(), List.of());

    public SchemaFilter {
        includeSchemas = List.copyOf(includeSchemas);
        excludeSchemas = List.copyOf(excludeSchemas);
        includeTables = List.copyOf(includeTables);
        excludeTables = List.copyOf(excludeTables);
    }

    public boolean includesSchema(String schema) {
        return (includeSchemas.isEmpty() || matchesAny(includeSchemas, schema)) && !matchesAny(excludeSchemas, schema);
    }

    /** Applies to tables, and to sequences and enum types by their names. */
    public boolean includes(QualifiedName name) {
        if (!includesSchema(name.schema())) {
            return false;
        }
        String qualified = name.schema() + "." + name.name();
        boolean included = includeTables.isEmpty() || matchesAny(includeTables, name.name()) || matchesAny(includeTables, qualified);
        return included && !matchesAny(excludeTables, name.name()) && !matchesAny(excludeTables, qualified);
    }

    /** The part of {@code schema} that is the model's; tables left out are kept as unmanaged. */
    public Schema apply(Schema schema) {
        if (equals(ALL)) {
            return schema;
        }
        List<QualifiedName> unmanaged = new ArrayList<>(schema.unmanaged());
        schema.tables().keySet().stream().filter(name -> !includes(name)).forEach(unmanaged::add);
        return Schema.of(
                schema.schemaNames().stream().filter(this::includesSchema).toList(),
                schema.enumTypes().values().stream().filter(type -> includes(type.name())).toList(),
                schema.domains().values().stream().filter(domain -> includes(domain.name())).toList(),
                schema.tables().values().stream().filter(table -> includes(table.name())).toList(),
                schema.sequences().values().stream().filter(sequence -> includes(sequence.name())
                        && (sequence.ownedBy() == null || includes(sequence.ownedBy().table()))).toList(),
                unmanaged).withExtensions(schema.extensions());
    }

    private static boolean matchesAny(List<String> globs, String name) {
        return globs.stream().anyMatch(glob -> glob(glob).matcher(name).matches());
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(glob.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
                .collect(Collectors.joining()));
    }
}
