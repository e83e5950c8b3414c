package dev.autogen.script;

import dev.autogen.change.Change;
import dev.autogen.schema.Cast;
import dev.autogen.schema.Column;
import dev.autogen.schema.ColumnRef;
import dev.autogen.schema.Domain;
import dev.autogen.schema.EnumType;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Identity;
import dev.autogen.schema.Index;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.schema.TableElement;

import java.util.ArrayList;
import java.util.List;

/**
 * What a migration's {@code upgrade} and {@code downgrade} call. Each call records one
 * {@link Change}, the same value the diff emits; the runner turns them into SQL.
 */
public final class Operations {

    private final List<Change> changes = new ArrayList<>();

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Records a change built elsewhere. */
    public Operations apply(Change change) {
        changes.add(change);
        return this;
    }

    public void createSchema(String schema) {
        apply(new Change.CreateSchema(schema));
    }

    public void dropSchema(String schema) {
        apply(new Change.DropSchema(schema));
    }

    public void createSequence(Sequence sequence) {
        apply(new Change.CreateSequence(sequence));
    }

    public void alterSequence(Sequence from, Sequence to) {
        apply(new Change.AlterSequence(from, to));
    }

    public void dropSequence(String schema, String name) {
        apply(new Change.DropSequence(new QualifiedName(schema, name), null));
    }

    /** Makes {@code owner} own the sequence (null: nothing owns it); {@code from} is the owner it had. */
    public void setSequenceOwner(String schema, String sequence, ColumnRef from, ColumnRef to) {
        apply(new Change.SetSequenceOwner(new QualifiedName(schema, sequence), from, to));
    }

    public void createDomain(Domain domain) {
        apply(new Change.CreateDomain(domain));
    }

    public void dropDomain(String schema, String name) {
        apply(new Change.DropDomain(new QualifiedName(schema, name), null));
    }

    /** Changes a domain; a new base type re-creates it and casts the columns that use it. */
    public void alterDomain(Domain from, Domain to, Change.TypeUsage... usedBy) {
        apply(new Change.AlterDomain(from, to, List.of(usedBy)));
    }

    public void createEnumType(String schema, String name, String... labels) {
        apply(new Change.CreateEnumType(Definitions.enumType(schema, name, labels)));
    }

    public void dropEnumType(String schema, String name) {
        apply(new Change.DropEnumType(new QualifiedName(schema, name), null));
    }

    /** Creates an enum type with the casts from and to it, e.g. those Hibernate creates with a named enum. */
    public void createEnumType(EnumType type) {
        apply(new Change.CreateEnumType(type));
    }

    /** Drops an enum type, and first the casts from and to it that {@code definition} names. */
    public void dropEnumType(EnumType definition) {
        apply(new Change.DropEnumType(definition.name(), definition));
    }

    public void createCast(Cast cast) {
        apply(new Change.CreateCast(cast));
    }

    public void dropCast(Cast cast) {
        apply(new Change.DropCast(cast));
    }

    /** Adds the one label {@code to} has more than {@code from}, in its place ({@code ALTER TYPE ... ADD VALUE}). */
    public void addEnumValue(EnumType from, EnumType to) {
        apply(new Change.AddEnumValue(from, to, List.of()));
    }

    /** Re-creates an enum type with other labels or order, casting the columns that use it. */
    public void replaceEnumType(EnumType from, EnumType to, Change.TypeUsage... usedBy) {
        apply(new Change.ReplaceEnumType(from, to, List.of(usedBy)));
    }

    public void createTable(String schema, String name, TableElement... elements) {
        createTable(Definitions.table(schema, name, elements));
    }

    public void createTable(Table table) {
        apply(new Change.CreateTable(table));
    }

    public void dropTable(String schema, String name) {
        apply(new Change.DropTable(new QualifiedName(schema, name), null));
    }

    public void addColumn(String schema, String table, Column column) {
        apply(new Change.AddColumn(new QualifiedName(schema, table), column));
    }

    public void dropColumn(String schema, String table, String column) {
        apply(new Change.DropColumn(new QualifiedName(schema, table), column, null));
    }

    /** Renames a column, keeping its values; indexes, constraints and views that use it follow it. */
    public void renameColumn(String schema, String table, String from, String to) {
        apply(new Change.RenameColumn(new QualifiedName(schema, table), from, to));
    }

    /** Renames a table within its schema, keeping its rows; foreign keys pointing at it follow it. */
    public void renameTable(String schema, String from, String to) {
        apply(new Change.RenameTable(new QualifiedName(schema, from), to));
    }

    /** Renames a sequence within its schema; it goes on from the value it has. */
    public void renameSequence(String schema, String from, String to) {
        apply(new Change.RenameSequence(new QualifiedName(schema, from), to));
    }

    public void alterColumnType(String schema, String table, String column, String fromType, String toType) {
        apply(new Change.AlterColumnType(new QualifiedName(schema, table), column, fromType, toType));
    }

    /** Changes a column's type, converting each value with {@code using}, e.g. {@code "amount::numeric / 100"}. */
    public void alterColumnType(String schema, String table, String column, String fromType, String toType, String using) {
        apply(new Change.AlterColumnType(new QualifiedName(schema, table), column, fromType, toType, using));
    }

    /** Makes a column generated, changes its expression, or makes it plain; {@code from} is the column as it is. */
    public void alterColumnGenerated(String schema, String table, Column from, Column to) {
        apply(new Change.AlterColumnGenerated(new QualifiedName(schema, table), from, to));
    }

    public void alterColumnNullable(String schema, String table, String column, boolean nullable) {
        apply(new Change.AlterColumnNullable(new QualifiedName(schema, table), column, nullable));
    }

    /** Sets the default to {@code to}, or drops it when {@code to} is null; {@code from} is the default it replaces. */
    public void alterColumnDefault(String schema, String table, String column, String from, String to) {
        apply(new Change.AlterColumnDefault(new QualifiedName(schema, table), column, from, to));
    }

    /** Makes the column an identity column ({@code to}), or a plain one when {@code to} is null. */
    public void alterColumnIdentity(String schema, String table, String column, Identity from, Identity to) {
        apply(new Change.AlterColumnIdentity(new QualifiedName(schema, table), column, from, to));
    }

    /** As {@link #alterColumnIdentity(String, String, String, Identity, Identity)}, with the identity's sequence options. */
    public void alterColumnIdentity(String schema, String table, String column, Identity from, Identity to,
                                    Sequence fromOptions, Sequence toOptions) {
        apply(new Change.AlterColumnIdentity(new QualifiedName(schema, table), column, from, to, fromOptions, toOptions));
    }

    public void addPrimaryKey(String schema, String table, String name, String... columns) {
        addConstraint(schema, table, Definitions.primaryKey(name, columns));
    }

    public void addUniqueConstraint(String schema, String table, String name, String... columns) {
        addConstraint(schema, table, Definitions.unique(name, columns));
    }

    public void addCheckConstraint(String schema, String table, String name, String expression) {
        addConstraint(schema, table, Definitions.check(name, expression));
    }

    public void addForeignKey(String schema, String table, ForeignKey foreignKey) {
        addConstraint(schema, table, foreignKey);
    }

    public void addConstraint(String schema, String table, Constraint constraint) {
        apply(new Change.AddConstraint(new QualifiedName(schema, table), constraint));
    }

    public void dropConstraint(String schema, String table, String name) {
        apply(new Change.DropConstraint(new QualifiedName(schema, table), name, null));
    }

    public void renameConstraint(String schema, String table, String from, String to) {
        apply(new Change.RenameConstraint(new QualifiedName(schema, table), from, to));
    }

    public void createIndex(String schema, String table, Index index) {
        apply(new Change.CreateIndex(new QualifiedName(schema, table), index));
    }

    public void dropIndex(String schema, String table, String name) {
        apply(new Change.DropIndex(new QualifiedName(schema, table), name, null));
    }

    public void renameIndex(String schema, String table, String from, String to) {
        apply(new Change.RenameIndex(new QualifiedName(schema, table), from, to));
    }

    public void setTableComment(String schema, String table, String from, String to) {
        apply(new Change.SetTableComment(new QualifiedName(schema, table), from, to));
    }

    public void setColumnComment(String schema, String table, String column, String from, String to) {
        apply(new Change.SetColumnComment(new QualifiedName(schema, table), column, from, to));
    }

    /**
     * Fills the existing rows of a table, {@code batchSize} rows at a time: {@code setSql} is an UPDATE's SET list, e.g.
     * {@code "status = 'NEW'"}, for the rows {@code whereSql} selects, e.g. {@code "status IS NULL"}, which must select a
     * row no longer once it is filled. In the online form each batch commits on its own, outside the migration's
     * transactions, so a rerun after a failure goes on with the rows still selected. The recipe for a new required column
     * on a table with rows: add it nullable, fill it, then {@code alterColumnNullable(..., false)}.
     */
    public void backfill(String schema, String table, String setSql, String whereSql, int batchSize) {
        apply(new Change.Backfill(new QualifiedName(schema, table), setSql, whereSql, batchSize));
    }

    /** Runs hand-written SQL. */
    public void execute(String sql) {
        apply(new Change.ExecuteSql(sql, null));
    }

    /** Runs hand-written SQL whose effect {@code reverseSql} undoes. */
    public void execute(String sql, String reverseSql) {
        apply(new Change.ExecuteSql(sql, reverseSql));
    }
}
