package dev.autogen.change;

import dev.autogen.change.Change.AddColumn;
import dev.autogen.change.Change.AddConstraint;
import dev.autogen.change.Change.AddEnumValue;
import dev.autogen.change.Change.AlterColumnDefault;
import dev.autogen.change.Change.AlterColumnGenerated;
import dev.autogen.change.Change.AlterColumnIdentity;
import dev.autogen.change.Change.AlterColumnNullable;
import dev.autogen.change.Change.AlterColumnType;
import dev.autogen.change.Change.AlterDomain;
import dev.autogen.change.Change.AlterSequence;
import dev.autogen.change.Change.CreateCast;
import dev.autogen.change.Change.CreateDomain;
import dev.autogen.change.Change.CreateEnumType;
import dev.autogen.change.Change.CreateIndex;
import dev.autogen.change.Change.CreateSchema;
import dev.autogen.change.Change.CreateSequence;
import dev.autogen.change.Change.CreateTable;
import dev.autogen.change.Change.DropCast;
import dev.autogen.change.Change.DropColumn;
import dev.autogen.change.Change.DropConstraint;
import dev.autogen.change.Change.DropDomain;
import dev.autogen.change.Change.DropEnumType;
import dev.autogen.change.Change.DropIndex;
import dev.autogen.change.Change.DropSchema;
import dev.autogen.change.Change.DropSequence;
import dev.autogen.change.Change.DropTable;
import dev.autogen.change.Change.ExecuteSql;
import dev.autogen.change.Change.RenameConstraint;
import dev.autogen.change.Change.RenameColumn;
import dev.autogen.change.Change.RenameSequence;
import dev.autogen.change.Change.RenameTable;
import dev.autogen.change.Change.RenameIndex;
import dev.autogen.change.Change.ReplaceEnumType;
import dev.autogen.change.Change.SetColumnComment;
import dev.autogen.change.Change.SetSequenceOwner;
import dev.autogen.change.Change.SetTableComment;
import dev.autogen.change.Change.TypeUsage;
import dev.autogen.change.TableImpact.LockMode;
import dev.autogen.change.TableImpact.Work;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.Constraint;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.autogen.change.TableImpact.LockMode.ACCESS_EXCLUSIVE;
import static dev.autogen.change.TableImpact.LockMode.SHARE;
import static dev.autogen.change.TableImpact.LockMode.SHARE_ROW_EXCLUSIVE;
import static dev.autogen.change.TableImpact.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static dev.autogen.change.TableImpact.Work.CATALOG;
import static dev.autogen.change.TableImpact.Work.REWRITE;
import static dev.autogen.change.TableImpact.Work.SCAN;

/**
 * The tables each kind of change locks, in which mode, and whether it rewrites them, scans them or
 * only changes the catalog ({@link Change#tableImpacts()}), for the statements {@code sql.PostgresSql}
 * writes, on PostgreSQL 13 to 17. Schemas, types, sequences and casts are not tables: steps on them
 * alone lock no table. Hand-written SQL is not analysed.
 */
final class LockAnalysis implements Change.Visitor<Optional<List<TableImpact>>> {

    static final LockAnalysis INSTANCE = new LockAnalysis();

    /** Functions whose value changes from row to row: a default calling one is evaluated for each existing row. */
    private static final Pattern VOLATILE_CALL = Pattern.compile(
            "\\b(nextval|random|clock_timestamp|timeofday|gen_random_uuid|uuid_generate_v[14]\\w*|uuid_generate_v1mc|setval|txid_current)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TYPE = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?( with(?:out)? time zone)?");

    private LockAnalysis() {
    }

    private static Optional<List<TableImpact>> none() {
        return Optional.of(List.of());
    }

    private static Optional<List<TableImpact>> one(QualifiedName table, LockMode lock, Work work) {
        return Optional.of(List.of(new TableImpact(table, lock, work)));
    }

    /** Every table using a type, once, each with the given lock and work. */
    private static Optional<List<TableImpact>> usages(List<TypeUsage> usages, LockMode lock, Work work) {
        Map<QualifiedName, TableImpact> byTable = new LinkedHashMap<>();
        usages.forEach(u -> byTable.putIfAbsent(u.table(), new TableImpact(u.table(), lock, work)));
        return Optional.of(List.copyOf(byTable.values()));
    }

    public Optional<List<TableImpact>> visitCreateSchema(CreateSchema c) {
        return none();
    }

    public Optional<List<TableImpact>> visitDropSchema(DropSchema c) {
        return none();
    }

    public Optional<List<TableImpact>> visitCreateSequence(CreateSequence c) {
        return none();
    }

    public Optional<List<TableImpact>> visitDropSequence(DropSequence c) {
        return none();
    }

    public Optional<List<TableImpact>> visitAlterSequence(AlterSequence c) {
        return none();
    }

    public Optional<List<TableImpact>> visitSetSequenceOwner(SetSequenceOwner c) {
        // OWNED BY reads the owning table's definition under ACCESS SHARE
        return c.to() == null ? none() : one(c.to().table(), LockMode.ACCESS_SHARE, CATALOG);
    }

    public Optional<List<TableImpact>> visitCreateEnumType(CreateEnumType c) {
        return none();
    }

    public Optional<List<TableImpact>> visitDropEnumType(DropEnumType c) {
        return none();
    }

    public Optional<List<TableImpact>> visitCreateCast(CreateCast c) {
        return none();
    }

    public Optional<List<TableImpact>> visitDropCast(DropCast c) {
        return none();
    }

    public Optional<List<TableImpact>> visitAddEnumValue(AddEnumValue c) {
        return none();
    }

    public Optional<List<TableImpact>> visitReplaceEnumType(ReplaceEnumType c) {
        // every column is cast through text to the new type: a conversion, so each table is rewritten
        return usages(c.usages(), ACCESS_EXCLUSIVE, REWRITE);
    }

    public Optional<List<TableImpact>> visitCreateDomain(CreateDomain c) {
        return none();
    }

    public Optional<List<TableImpact>> visitDropDomain(DropDomain c) {
        return none();
    }

    public Optional<List<TableImpact>> visitAlterDomain(AlterDomain c) {
        boolean newRule = c.to().isNotNull() && !c.from().isNotNull()
                || c.to().checks().stream().anyMatch(check -> !c.from().checks().contains(check));
        boolean arrays = c.usages().stream().anyMatch(TypeUsage::array);
        if (!c.from().baseType().equals(c.to().baseType()) || newRule && arrays) {
            // the domain is re-created and every column cast to it
            return usages(c.usages(), ACCESS_EXCLUSIVE, REWRITE);
        }
        // ALTER DOMAIN checks a new rule against every stored value, holding SHARE on each table using the domain
        return newRule ? usages(c.usages(), SHARE, SCAN) : none();
    }

    public Optional<List<TableImpact>> visitCreateTable(CreateTable c) {
        return one(c.table().name(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitDropTable(DropTable c) {
        List<TableImpact> result = new ArrayList<>();
        result.add(new TableImpact(c.name(), ACCESS_EXCLUSIVE, CATALOG));
        if (c.definition() != null) {
            // a foreign key's triggers live on the referenced table too, and go with the table
            c.definition().foreignKeys().stream().map(ForeignKey::referencedTable).filter(t -> !t.equals(c.name())).distinct()
                    .forEach(t -> result.add(new TableImpact(t, ACCESS_EXCLUSIVE, CATALOG)));
        }
        return Optional.of(List.copyOf(result));
    }

    public Optional<List<TableImpact>> visitAddColumn(AddColumn c) {
        Column column = c.column();
        boolean rewrites = column.identity() != null || column.generatedAlwaysAs() != null || isVolatile(column.defaultValue());
        // a NOT NULL column without a default is checked against the rows, which needs no scan of an empty
        // table and fails on a filled one: neither is a scan worth naming
        return one(c.table(), ACCESS_EXCLUSIVE, rewrites ? REWRITE : CATALOG);
    }

    public Optional<List<TableImpact>> visitDropColumn(DropColumn c) {
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitRenameColumn(RenameColumn c) {
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitRenameTable(RenameTable c) {
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitRenameSequence(RenameSequence c) {
        return none();
    }

    public Optional<List<TableImpact>> visitAlterColumnType(AlterColumnType c) {
        boolean rewrites = c.using() != null || !binaryCoercible(c.fromType(), c.toType());
        return one(c.table(), ACCESS_EXCLUSIVE, rewrites ? REWRITE : CATALOG);
    }

    public Optional<List<TableImpact>> visitAlterColumnNullable(AlterColumnNullable c) {
        return one(c.table(), ACCESS_EXCLUSIVE, c.nullable() ? CATALOG : SCAN);
    }

    public Optional<List<TableImpact>> visitAlterColumnDefault(AlterColumnDefault c) {
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitAlterColumnGenerated(AlterColumnGenerated c) {
        // DROP EXPRESSION keeps the stored values; a new expression (SET EXPRESSION, or drop and add) computes them all
        return one(c.table(), ACCESS_EXCLUSIVE, c.to().generatedAlwaysAs() == null ? CATALOG : REWRITE);
    }

    public Optional<List<TableImpact>> visitAlterColumnIdentity(AlterColumnIdentity c) {
        // an existing column keeps its values: only the sequence and the column's identity mark change
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitAddConstraint(AddConstraint c) {
        return Optional.of(c.constraint().accept(new Constraint.Visitor<>() {
            public List<TableImpact> visitPrimaryKey(PrimaryKey pk) {
                return List.of(new TableImpact(c.table(), ACCESS_EXCLUSIVE, SCAN));
            }

            public List<TableImpact> visitUniqueConstraint(UniqueConstraint unique) {
                return List.of(new TableImpact(c.table(), ACCESS_EXCLUSIVE, SCAN));
            }

            public List<TableImpact> visitCheckConstraint(CheckConstraint check) {
                return List.of(new TableImpact(c.table(), ACCESS_EXCLUSIVE, SCAN));
            }

            public List<TableImpact> visitForeignKey(ForeignKey fk) {
                // both tables take SHARE ROW EXCLUSIVE while the existing rows are checked against the referenced key
                TableImpact own = new TableImpact(c.table(), SHARE_ROW_EXCLUSIVE, SCAN);
                return fk.referencedTable().equals(c.table()) ? List.of(own)
                        : List.of(own, new TableImpact(fk.referencedTable(), SHARE_ROW_EXCLUSIVE, SCAN));
            }
        }));
    }

    public Optional<List<TableImpact>> visitDropConstraint(DropConstraint c) {
        if (c.definition() instanceof ForeignKey fk && !fk.referencedTable().equals(c.table())) {
            // the foreign key's triggers on the referenced table are dropped too
            return Optional.of(List.of(new TableImpact(c.table(), ACCESS_EXCLUSIVE, CATALOG),
                    new TableImpact(fk.referencedTable(), ACCESS_EXCLUSIVE, CATALOG)));
        }
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitRenameConstraint(RenameConstraint c) {
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitCreateIndex(CreateIndex c) {
        return one(c.table(), SHARE, SCAN);
    }

    public Optional<List<TableImpact>> visitDropIndex(DropIndex c) {
        return one(c.table(), ACCESS_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitRenameIndex(RenameIndex c) {
        // ALTER INDEX ... RENAME locks the index alone
        return none();
    }

    public Optional<List<TableImpact>> visitSetTableComment(SetTableComment c) {
        return one(c.table(), SHARE_UPDATE_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitSetColumnComment(SetColumnComment c) {
        return one(c.table(), SHARE_UPDATE_EXCLUSIVE, CATALOG);
    }

    public Optional<List<TableImpact>> visitExecuteSql(ExecuteSql c) {
        return Optional.empty();
    }

    public Optional<List<TableImpact>> visitBackfill(Change.Backfill c) {
        // the plain form's one UPDATE reads every row and locks those it changes; the online form holds the same per batch
        return one(c.table(), LockMode.ROW_EXCLUSIVE, SCAN);
    }

    static boolean isVolatile(String expression) {
        return expression != null && VOLATILE_CALL.matcher(expression).find();
    }

    /**
     * True when PostgreSQL changes the column's type without touching a row: varchar(n) to a longer or
     * unbounded varchar or to text, text to unbounded varchar, numeric(p,s) to numeric(p' >= p, s) or to
     * unbounded numeric, a higher or unbounded precision of timestamp, and bit varying(n) to a longer one.
     */
    static boolean binaryCoercible(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        Matcher f = TYPE.matcher(from.toLowerCase(Locale.ROOT));
        Matcher t = TYPE.matcher(to.toLowerCase(Locale.ROOT));
        if (!f.matches() || !t.matches()) {
            return false;
        }
        String fromBase = f.group(1);
        String toBase = t.group(1);
        Long fromLength = number(f.group(2));
        Long toLength = number(t.group(2));
        if (List.of("character varying", "text").contains(fromBase) && List.of("character varying", "text").contains(toBase)) {
            return toLength == null || fromBase.equals("character varying") && fromLength != null && toLength >= fromLength;
        }
        if (fromBase.equals("numeric") && toBase.equals("numeric")) {
            return toLength == null || fromLength != null && toLength >= fromLength
                    && java.util.Objects.equals(number(f.group(3)), number(t.group(3)));
        }
        if (fromBase.equals(toBase) && java.util.Objects.equals(f.group(4), t.group(4))
                && List.of("timestamp", "bit varying").contains(fromBase)) {
            return toLength == null || fromLength != null && toLength >= fromLength;
        }
        return false;
    }

    private static Long number(String digits) {
        return digits == null ? null : Long.valueOf(digits);
    }
}
