package dev.autogen.sql;

import dev.autogen.schema.QualifiedName;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Quotes identifiers the way PostgreSQL's quote_ident does: only when they need it. */
public final class Identifiers {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** Keywords that are not unreserved in PostgreSQL 17 (pg_get_keywords() where catcode <> 'U'). */
    private static final Set<String> KEYWORDS = loadKeywords();

    private Identifiers() {
    }

    public static String quote(String identifier) {
        if (PLAIN.matcher(identifier).matches() && !KEYWORDS.contains(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String quote(QualifiedName name) {
        return quote(name.schema()) + "." + quote(name.name());
    }

    public static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Set<String> loadKeywords() {
        try (var in = Identifiers.class.getResourceAsStream("keywords.txt");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
