package dev.autogen.diff;

import dev.autogen.change.Change;
import dev.autogen.schema.CheckConstraint;
import dev.autogen.schema.Column;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.Index;
import dev.autogen.schema.PrimaryKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Table;
import dev.autogen.schema.UniqueConstraint;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The diff is a pure function: hand-built schemas in, changes out, no database. */
class SchemaDiffTest {

    private static final QualifiedName BOOKS = QualifiedName.of("public", "books");
    private static final QualifiedName AUTHORS = QualifiedName.of("public", "authors");

    private static Table books(List<UniqueConstraint> uniques, List<CheckConstraint> checks, List<ForeignKey> fks,
                               List<Index> indexes) {
        return new Table(BOOKS, List.of(Column.column("id", "bigint").notNull(), Column.column("isbn", "text"),
                Column.column("author_id", "bigint")), new PrimaryKey("books_pkey", List.of("id")), uniques, checks, fks,
                indexes, null);
    }

    private static Table authors() {
        return new Table(AUTHORS, List.of(Column.column("id", "bigint").notNull()),
                new PrimaryKey("authors_pkey", List.of("id")), List.of(), List.of(), List.of(), List.of(), null);
    }

    private static Schema schema(Table... tables) {
        return Schema.of(Set.of("public"), List.of(tables), List.of());
    }

    private static ForeignKey fk(String name, String onDelete) {
        return new ForeignKey(name, List.of("author_id"), AUTHORS, List.of("id"), "NO ACTION", onDelete, false, false);
    }

    @Test
    void equalSchemasHaveNoChanges() {
        Schema schema = schema(authors(), books(List.of(new UniqueConstraint("uk", List.of("isbn"))),
                List.of(new CheckConstraint("ck", "isbn <> ''::text")), List.of(fk("fk", "CASCADE")),
                List.of(Index.index("idx", "isbn"))));
        assertEquals(List.of(), SchemaDiff.compare(schema, schema));
    }

    @Test
    void constraintsThatMeanTheSameUnderAnotherNameAreRenamedNotRecreated() {
        Schema current = schema(authors(), books(List.of(new UniqueConstraint("books_isbn_key", List.of("isbn"))),
                List.of(new CheckConstraint("old_check", "isbn <> ''::text")), List.of(fk("fk_old", "CASCADE")),
                List.of(Index.index("old_idx", "isbn"))));
        Schema target = schema(authors(), books(List.of(new UniqueConstraint("uk_isbn", List.of("isbn"))),
                List.of(new CheckConstraint("new_check", "isbn <> ''::text")), List.of(fk("fk_new", "CASCADE")),
                List.of(Index.index("new_idx", "isbn"))));
        List<Change> changes = SchemaDiff.compare(current, target);
        assertEquals(Set.of(
                new Change.RenameConstraint(BOOKS, "books_isbn_key", "uk_isbn"),
                new Change.RenameConstraint(BOOKS, "old_check", "new_check"),
                new Change.RenameConstraint(BOOKS, "fk_old", "fk_new"),
                new Change.RenameIndex(BOOKS, "old_idx", "new_idx")), Set.copyOf(changes));
        assertEquals(4, changes.size());
    }

    private static Schema withCheck(String condition) {
        return schema(authors(), books(List.of(), List.of(new CheckConstraint("ck", condition)), List.of(), List.of()));
    }

    @Test
    void theSameAndedTermsInAnotherOrderAreTheSameCheck() {
        assertEquals(List.of(), SchemaDiff.compare(withCheck("id >= 1 AND id <= 5"), withCheck("id <= 5 AND id >= 1")));
        assertEquals(List.of(), SchemaDiff.compare(withCheck("id >= 1 AND (isbn = 'a AND b' OR id > 2) AND id <= 5"),
                withCheck("id <= 5 AND id >= 1 AND (isbn = 'a AND b' OR id > 2)")));
        // AND under OR, in parentheses, in a literal or in CASE is not the top of the condition
        assertEquals(2, SchemaDiff.compare(withCheck("id >= 1 AND id <= 5 OR isbn IS NULL"),
                withCheck("id <= 5 OR isbn IS NULL AND id >= 1")).size());
        assertEquals(2, SchemaDiff.compare(withCheck("isbn = 'x AND y'"), withCheck("isbn = 'y AND x'")).size());
        assertEquals(2, SchemaDiff.compare(withCheck("CASE WHEN id > 1 AND id < 5 THEN true ELSE false END"),
                withCheck("CASE WHEN id < 5 THEN true ELSE false END AND id > 1")).size());
        assertEquals(2, SchemaDiff.compare(withCheck("id >= 1 AND id <= 5"), withCheck("id >= 1 AND id <= 6")).size());
    }

    @Test
    void aForeignKeyWithTheSameNameButOtherActionsIsReplaced() {
        Schema current = schema(authors(), books(List.of(), List.of(), List.of(fk("fk", "NO ACTION")), List.of()));
        Schema target = schema(authors(), books(List.of(), List.of(), List.of(fk("fk", "RESTRICT")), List.of()));
        assertEquals(List.of(
                new Change.DropConstraint(BOOKS, "fk", fk("fk", "NO ACTION"), fk("fk", "RESTRICT")),
                new Change.AddConstraint(BOOKS, fk("fk", "RESTRICT"), fk("fk", "NO ACTION"))), SchemaDiff.compare(current, target));
    }

    @Test
    void theInverseOfTheInverseIsTheOriginal() {
        Schema current = schema(authors());
        Schema target = schema(authors(), books(List.of(new UniqueConstraint("uk", List.of("isbn"))), List.of(),
                List.of(fk("fk", "CASCADE")), List.of(Index.index("idx", "isbn"))));
        List<Change> upgrade = SchemaDiff.compare(current, target);
        assertEquals(upgrade, Change.inverseOf(Change.inverseOf(upgrade)));
        assertEquals(SchemaDiff.compare(target, current).size(), Change.inverseOf(upgrade).size());
    }
}
