package dev.autogen.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table with what belongs to it. Columns keep their position; constraints and indexes are
 * sorted by name, so two tables built from the same database state are equal.
 */
public record Table(
        QualifiedName name,
        List<Column> columns,
        PrimaryKey primaryKey,
        List<UniqueConstraint> uniqueConstraints,
        List<CheckConstraint> checks,
        List<ForeignKey> foreignKeys,
        List<Index> indexes,
        String comment) implements java.io.Serializable {

    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        uniqueConstraints = sorted(uniqueConstraints, Comparator.comparing(UniqueConstraint::name));
        checks = sorted(checks, Comparator.comparing(CheckConstraint::name));
        foreignKeys = sorted(foreignKeys, Comparator.comparing(ForeignKey::name));
        indexes = sorted(indexes, Comparator.comparing(Index::name));
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** A table from the elements a CREATE TABLE lists; foreign keys and indexes are added separately. */
    public static Table of(QualifiedName name, String comment, List<? extends TableElement> elements) {
        Elements byKind = new Elements();
        for (TableElement element : elements) {
            if (element instanceof Column c) {
                byKind.columns.add(c);
            } else {
                ((Constraint) element).accept(byKind);
            }
        }
        return new Table(name, byKind.columns, byKind.primaryKey, byKind.uniques, byKind.checks, byKind.foreignKeys,
                List.of(), comment);
    }

    /** The elements of a CREATE TABLE, sorted by kind. */
    private static final class Elements implements Constraint.Visitor<Void> {
        final List<Column> columns = new ArrayList<>();
        PrimaryKey primaryKey;
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();

        public Void visitPrimaryKey(PrimaryKey constraint) {
            primaryKey = constraint;
            return null;
        }

        public Void visitUniqueConstraint(UniqueConstraint constraint) {
            uniques.add(constraint);
            return null;
        }

        public Void visitCheckConstraint(CheckConstraint constraint) {
            checks.add(constraint);
            return null;
        }

        public Void visitForeignKey(ForeignKey constraint) {
            foreignKeys.add(constraint);
            return null;
        }
    }

    public Table comment(String comment) {
        return new Table(name, columns, primaryKey, uniqueConstraints, checks, foreignKeys, indexes, comment);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Primary key, unique and check constraints: the ones CREATE TABLE writes inline. */
    public List<Constraint> inlineConstraints() {
        List<Constraint> result = new ArrayList<>();
        if (primaryKey != null) {
            result.add(primaryKey);
        }
        result.addAll(uniqueConstraints);
        result.addAll(checks);
        return result;
    }

    public List<Constraint> constraints() {
        List<Constraint> result = inlineConstraints();
        result.addAll(foreignKeys);
        return result;
    }

    /** The same table with other foreign keys. */
    public Table withForeignKeys(List<ForeignKey> foreignKeys) {
        return new Table(name, columns, primaryKey, uniqueConstraints, checks, foreignKeys, indexes, comment);
    }

    /** This table as CREATE TABLE makes it: without its foreign keys and indexes. */
    public Table withoutForeignKeysAndIndexes() {
        return new Table(name, columns, primaryKey, uniqueConstraints, checks, List.of(), List.of(), comment);
    }

    /** The same table with columns in name order: column position is not part of a schema's meaning. */
    public Table withColumnsByName() {
        List<Column> byName = new ArrayList<>(columns);
        byName.sort(Comparator.comparing(Column::name));
        return new Table(name, byName, primaryKey, uniqueConstraints, checks, foreignKeys, indexes, comment);
    }
}
