package dev.autogen.diff;

import dev.autogen.AutogenException;
import dev.autogen.change.Change;
import dev.autogen.change.Change.RenameColumn;
import dev.autogen.change.Change.RenameSequence;
import dev.autogen.change.Change.RenameTable;
import dev.autogen.config.Rename;
import dev.autogen.schema.Column;
import dev.autogen.schema.ForeignKey;
import dev.autogen.schema.QualifiedName;
import dev.autogen.schema.Schema;
import dev.autogen.schema.Sequence;
import dev.autogen.schema.Table;
import dev.autogen.script.Definitions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which drops and adds look like renames, and which named renames match the two sides. */
class RenamesTest {

    private static final QualifiedName BOOKS = QualifiedName.of("public", "books");

    private static Table books(Column... columns) {
        return Definitions.table("public", "books", columns);
    }

    private static Schema schema(List<Table> tables, List<Sequence> sequences) {
        return Schema.of(Set.of("public"), tables, sequences);
    }

    private static List<Change> guessed(Schema current, Schema target) {
        return Renames.guesses(SchemaDiff.compare(current, target)).stream().map(Renames.Guess::rename).toList();
    }

    @Test
    void aColumnDroppedAndOneOfTheSameTypeAddedLookLikeARename() {
        Schema current = schema(List.of(books(Column.column("id", "bigint"), Column.column("author", "text"))), List.of());
        Schema target = schema(List.of(books(Column.column("id", "bigint"), Column.column("writer", "text"))), List.of());
        assertEquals(List.of(new RenameColumn(BOOKS, "author", "writer")), guessed(current, target));
    }

    @Test
    void anotherTypeOrTwoCandidatesIsNoGuess() {
        Schema current = schema(List.of(books(Column.column("id", "bigint"), Column.column("author", "text"))), List.of());
        assertEquals(List.of(), guessed(current, schema(List.of(books(Column.column("id", "bigint"),
                Column.column("writer", "integer"))), List.of())));
        assertEquals(List.of(), guessed(current, schema(List.of(books(Column.column("id", "bigint"),
                Column.column("writer", "text"), Column.column("editor", "text"))), List.of())));
    }

    @Test
    void aTableWithTheSameColumnsUnderAnotherNameAndItsSequenceLookLikeRenames() {
        Table publishers = Definitions.table("public", "publishers", Column.column("id", "bigint"), Column.column("name", "text"));
        Table imprints = Definitions.table("public", "imprints", Column.column("id", "bigint"), Column.column("name", "text"));
        Sequence old = Sequence.sequence(QualifiedName.of("public", "publishers_seq")).incrementBy(50);
        Sequence renamed = Sequence.sequence(QualifiedName.of("public", "imprints_seq")).incrementBy(50);
        assertEquals(List.of(new RenameTable(QualifiedName.of("public", "publishers"), "imprints"),
                        new RenameSequence(old.name(), "imprints_seq")),
                guessed(schema(List.of(publishers), List.of(old)), schema(List.of(imprints), List.of(renamed))));
    }

    @Test
    void namedRenamesAreCheckedAndATablesSequenceFollowsIt() {
        Table publishers = Definitions.table("public", "publishers", Column.column("id", "bigint"));
        Table imprints = Definitions.table("public", "imprints", Column.column("id", "bigint"));
        Schema current = schema(List.of(books(Column.column("id", "bigint"), Column.column("author", "text")), publishers),
                List.of(Sequence.sequence(QualifiedName.of("public", "publishers_seq"))));
        Schema target = schema(List.of(books(Column.column("id", "bigint"), Column.column("writer", "text")), imprints),
                List.of(Sequence.sequence(QualifiedName.of("public", "imprints_seq"))));
        List<Change> named = List.of(new RenameTable(QualifiedName.of("public", "publishers"), "imprints"),
                new RenameColumn(BOOKS, "author", "writer"));
        assertEquals(List.of(new RenameColumn(BOOKS, "author", "writer"),
                        new RenameTable(QualifiedName.of("public", "publishers"), "imprints"),
                        new RenameSequence(QualifiedName.of("public", "publishers_seq"), "imprints_seq")),
                Renames.resolve(named, current, target));

        AutogenException wrongSide = assertThrows(AutogenException.class, () -> Renames.resolve(
                List.of(new RenameColumn(BOOKS, "writer", "author")), current, target));
        assertEquals("autogen.renames names public.books.writer:author, which does not match the difference: public.books has "
                + "no column writer (it has id, author). Name what the database (or the migrations) has on the left, what the "
                + "entities want on the right.", wrongSide.getMessage());
        AutogenException noTable = assertThrows(AutogenException.class, () -> Renames.resolve(
                List.of(new RenameTable(QualifiedName.of("public", "authors"), "writers")), current, target));
        assertEquals("autogen.renames names public.authors:writers, which does not match the difference: there is no table "
                + "public.authors. Name what the database (or the migrations) has on the left, what the entities want on the "
                + "right.", noTable.getMessage());
    }

    @Test
    void foreignKeysFollowRenamedColumnsAndTables() {
        QualifiedName publishers = QualifiedName.of("public", "publishers");
        ForeignKey fk = Definitions.foreignKey("fk", List.of("publisher_id"), "public", "publishers", List.of("id"));
        Table books = new Table(BOOKS, List.of(Column.column("publisher_id", "bigint")), null, List.of(), List.of(),
                List.of(fk), List.of(), null);
        Schema before = schema(List.of(books, Definitions.table("public", "publishers", Column.column("id", "bigint"))),
                List.of());
        List<Change> renames = List.of(new RenameColumn(BOOKS, "publisher_id", "imprint_id"),
                new RenameColumn(publishers, "id", "key"), new RenameTable(publishers, "imprints"));
        assertEquals(List.of(Definitions.foreignKey("fk", List.of("imprint_id"), "public", "imprints", List.of("key"))),
                Renames.foreignKeysAfter(before, BOOKS, renames));
    }

    @Test
    void entriesOfAutogenRenames() {
        assertEquals(List.of(new Rename(BOOKS, "author", "writer"), new Rename(QualifiedName.of("public", "old_table"), null,
                "new_table")), Rename.parse(List.of("public.books.author:writer", " public.old_table : new_table ")));
        AutogenException malformed = assertThrows(AutogenException.class, () -> Rename.parse(List.of("books.author")));
        assertEquals("autogen.renames entry 'books.author' is not schema.table.column:new_column or schema.table:new_table "
                + "(e.g. public.books.author:writer,public.old_table:new_table)", malformed.getMessage());
        assertThrows(AutogenException.class, () -> Rename.parse(List.of("author:writer")));
        assertThrows(AutogenException.class, () -> Rename.parse(List.of("public.books.author:public.books.writer")));
    }
}
