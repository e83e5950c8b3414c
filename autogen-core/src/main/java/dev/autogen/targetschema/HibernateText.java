package dev.autogen.targetschema;

import dev.autogen.entity.HibernateModel;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.WrittenText.Candidates;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.mapping.CheckConstraint;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The expressions Hibernate writes into its DDL, read from its metamodel: check constraints of
 * tables and columns, column defaults and generation expressions, by the table they belong to.
 */
public final class HibernateText {

    private HibernateText() {
    }

    public static Map<QualifiedName, Candidates> of(HibernateModel model) {
        Map<QualifiedName, Candidates> result = new LinkedHashMap<>();
        for (Namespace namespace : model.metadata().getDatabase().getNamespaces()) {
            Identifier schema = namespace.getPhysicalName().schema();
            for (Table table : namespace.getTables()) {
                if (!table.isPhysicalTable()) {
                    continue;
                }
                List<String> checks = new ArrayList<>();
                table.getChecks().stream().map(CheckConstraint::getConstraint).forEach(checks::add);
                Map<String, String> defaults = new HashMap<>();
                Map<String, String> generated = new HashMap<>();
                for (Column column : table.getColumns()) {
                    column.getCheckConstraints().stream().map(CheckConstraint::getConstraint).forEach(checks::add);
                    // the anonymous checks of a column go into one CHECK, joined as Hibernate's exporter joins them
                    List<String> anonymous = column.getCheckConstraints().stream().filter(CheckConstraint::isAnonymous)
                            .map(CheckConstraint::getConstraintInParens).toList();
                    if (anonymous.size() > 1) {
                        checks.add(String.join(" and ", anonymous));
                    }
                    if (column.getSqlType() != null) {
                        checks.addAll(checksIn(column.getSqlType()));
                    }
                    String name = fold(column.getName(), column.isQuoted());
                    if (column.getDefaultValue() != null) {
                        defaults.put(name, column.getDefaultValue());
                    }
                    if (column.getGeneratedAs() != null) {
                        generated.put(name, column.getGeneratedAs());
                    }
                }
                if (!checks.isEmpty() || !defaults.isEmpty() || !generated.isEmpty()) {
                    result.put(new QualifiedName(schema == null ? "public" : fold(schema.getText(), schema.isQuoted()),
                            fold(table.getName(), table.isQuoted())), new Candidates(checks, defaults, generated));
                }
            }
        }
        return result;
    }

    /**
     * The conditions of the CHECK clauses an author wrote into a column definition
     * ({@code columnDefinition = "integer check (stars between 1 and 5)"}): each parenthesised text
     * after the word CHECK. Only candidates: PostgreSQL decides which, if any, became a constraint.
     */
    static List<String> checksIn(String columnDefinition) {
        List<String> found = new ArrayList<>();
        String lower = columnDefinition.toLowerCase(Locale.ROOT);
        for (int i = 0; i < columnDefinition.length(); i++) {
            char c = columnDefinition.charAt(i);
            if (c == '\'' || c == '"') {
                int end = columnDefinition.indexOf(c, i + 1);
                i = end < 0 ? columnDefinition.length() : end;
            } else if (lower.startsWith("check", i) && (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1)))) {
                int open = i + "check".length();
                while (open < columnDefinition.length() && Character.isWhitespace(columnDefinition.charAt(open))) {
                    open++;
                }
                int close = open < columnDefinition.length() && columnDefinition.charAt(open) == '(' ? matching(columnDefinition, open) : -1;
                if (close > 0) {
                    found.add(columnDefinition.substring(open + 1, close).strip());
                    i = close;
                }
            }
        }
        return found;
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1; quoted text does not count. */
    private static int matching(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    // PostgreSQL folds unquoted identifiers to lower case
    private static String fold(String name, boolean quoted) {
        return quoted ? name : name.toLowerCase(Locale.ROOT);
    }
}
