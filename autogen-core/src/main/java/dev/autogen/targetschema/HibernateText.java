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

    // PostgreSQL folds unquoted identifiers to lower case
    private static String fold(String name, boolean quoted) {
        return quoted ? name : name.toLowerCase(Locale.ROOT);
    }
}
