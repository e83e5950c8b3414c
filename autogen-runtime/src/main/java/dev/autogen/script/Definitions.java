package dev.autogen.script;

import dev.autogen.change.Change;
import dev.autogen.schema.Cast;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.Column;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.schema.TableElement;
import dev.autogen.schema.UniqueConstraint;

import java.util.List;

/** The building blocks a migration passes to {@link Operations}; import them statically. */
public final class Definitions {

    private Definitions() {
    }

    public static Table table(String schema, String name, TableElement... elements) {
        return Table.of(new QualifiedName(schema, name), null, List.of(elements));
    }

    public static Column column(String name, String type) {
        return Column.column(name, type);
    }

    public static PrimaryKey primaryKey(String name, String... columns) {
        return new PrimaryKey(name, List.of(columns));
    }

    public static UniqueConstraint unique(String name, String... columns) {
        return new UniqueConstraint(name, List.of(columns));
    }

    public static CheckConstraint check(String name, String expression) {
        return new CheckConstraint(name, expression);
    }

    public static ForeignKey foreignKey(String name, List<String> columns, String referencedSchema,
                                        String referencedTable, List<String> referencedColumns) {
        return new ForeignKey(name, columns, new QualifiedName(referencedSchema, referencedTable), referencedColumns,
                ForeignKey.NO_ACTION, ForeignKey.NO_ACTION, false, false);
    }

    public static List<String> columns(String... names) {
        return List.of(names);
    }

    public static Index index(String name, String... keys) {
        return Index.index(name, keys);
    }

    public static Domain domain(String schema, String name, String baseType) {
        return Domain.domain(new QualifiedName(schema, name), baseType);
    }

    public static EnumType enumType(String schema, String name, String... labels) {
        return new EnumType(new QualifiedName(schema, name), List.of(labels));
    }

    /** A cast through the types' text forms, {@code CREATE CAST (source AS target) WITH INOUT}; types as PostgreSQL prints them. */
    public static Cast castWithInout(String source, String target) {
        return Cast.withInout(source, target);
    }

    /** {@code CREATE CAST (source AS target) WITHOUT FUNCTION}. */
    public static Cast castWithoutFunction(String source, String target) {
        return Cast.withoutFunction(source, target);
    }

    /** {@code CREATE CAST (source AS target) WITH FUNCTION function}, the function with its argument types. */
    public static Cast castWithFunction(String source, String target, String function) {
        return Cast.withFunction(source, target, function);
    }

    /** A column whose type is the enum type being re-created: it is cast to the new type. */
    public static Change.TypeUsage usedBy(String schema, String table, String column) {
        return new Change.TypeUsage(new QualifiedName(schema, table), column, false, null);
    }

    public static ColumnRef columnOf(String schema, String table, String column) {
        return new ColumnRef(new QualifiedName(schema, table), column);
    }

    /** The options of an identity column of {@code type} as PostgreSQL defaults them; change them with the withers. */
    public static Sequence identityOptions(String type) {
        return Column.defaultIdentityOptions(type);
    }

    public static Sequence sequence(String schema, String name) {
        return Sequence.sequence(new QualifiedName(schema, name));
    }
}
