package dev.autogen.script;

import dev.autogen.AutogenException;
import dev.autogen.testing.CompiledClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.autogen.testing.MigrationTexts.addIsbn;
import static dev.autogen.testing.MigrationTexts.createBooks;
import static dev.autogen.testing.MigrationTexts.migration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MigrationClassesTest {

    static final String PACKAGE = "com.example.migrations";

    @TempDir
    Path dir;

    /** Three migrations whose class names do not sort in their order, a helper class and a migration of a subpackage. */
    private Path compiled() {
        return CompiledClasses.compile(dir.resolve("classes"), Map.of(
                PACKAGE + ".M3_Price", migration(PACKAGE, "M3_Price", "ccc", "bbb",
                        "op.addColumn(\"public\", \"books\", column(\"price\", \"numeric(8,2)\"));",
                        "op.dropColumn(\"public\", \"books\", \"price\");"),
                PACKAGE + ".M1_Books", createBooks(PACKAGE, "M1_Books", "aaa"),
                PACKAGE + ".A2_Isbn", addIsbn(PACKAGE, "A2_Isbn", "bbb", "aaa"),
                PACKAGE + ".Columns", "package " + PACKAGE + "; final class Columns { static final String ISBN = \"isbn\"; "
                        + "static final class Nested implements dev.autogen.script.Migration { public void upgrade(dev.autogen.script.Operations op) { } "
                        + "public void downgrade(dev.autogen.script.Operations op) { } } }",
                PACKAGE + ".old.M0_Elsewhere", createBooks(PACKAGE + ".old", "M0_Elsewhere", "zzz")));
    }

    private static RevisionGraph find(Path classPathEntry) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classPathEntry.toUri().toURL()}, MigrationClassesTest.class.getClassLoader())) {
            return MigrationClasses.find(loader, PACKAGE);
        }
    }

    private static void assertBookshop(RevisionGraph graph) {
        assertEquals(List.of("aaa", "bbb", "ccc"), graph.ordered().stream().map(MigrationFile::revision).toList());
        assertEquals("ccc", graph.head());
        MigrationFile isbn = graph.find("bbb").orElseThrow();
        assertEquals(PACKAGE + ".A2_Isbn", isbn.className());
        assertEquals(List.of("aaa"), isbn.parents());
        assertEquals("A2_Isbn", isbn.message());
        assertEquals("2026-11-22T07:00:00Z", isbn.created());
        assertEquals(Path.of("com/example/migrations/A2_Isbn.java"), isbn.file());
    }

    @Test
    void theMigrationsOfAPackageInADirectoryFormTheirLine() throws IOException {
        assertBookshop(find(compiled()));
    }

    @Test
    void theMigrationsOfAPackageInAJarFormTheirLine() throws IOException {
        Path jar = CompiledClasses.jar(compiled(), dir.resolve("app.jar"));
        assertBookshop(find(jar));
    }

    @Test
    void aMigrationClassWithoutRevisionIsRefusedByName() {
        Path classes = CompiledClasses.compile(dir.resolve("classes"), Map.of(
                PACKAGE + ".M1_Books", createBooks(PACKAGE, "M1_Books", "aaa"),
                PACKAGE + ".M2_Forgotten", "package " + PACKAGE + "; public class M2_Forgotten implements dev.autogen.script.Migration { "
                        + "public void upgrade(dev.autogen.script.Operations op) { } public void downgrade(dev.autogen.script.Operations op) { } }"));
        AutogenException e = assertThrows(AutogenException.class, () -> find(classes));
        assertEquals("Migration class com.example.migrations.M2_Forgotten implements Migration but has no @Revision, so it would "
                + "never run. Give it @Revision(id = \"...\", parent = \"...\"), or move it out of the migrations package.", e.getMessage());
    }

    @Test
    void aRevisionOnAClassThatIsNoMigrationIsRefused() {
        Path classes = CompiledClasses.compile(dir.resolve("classes"), Map.of(
                PACKAGE + ".M1_Books", "package " + PACKAGE + "; @dev.autogen.script.Revision(id = \"aaa\") public class M1_Books { }"));
        AutogenException e = assertThrows(AutogenException.class, () -> find(classes));
        assertEquals("Class com.example.migrations.M1_Books has a @Revision but is not a migration: make it a class that implements "
                + "dev.autogen.script.Migration, or remove the annotation.", e.getMessage());
    }

    @Test
    void aPackageWithoutMigrationsIsRefused() {
        AutogenException e = assertThrows(AutogenException.class, () -> find(compiled().resolve("nothing")));
        assertEquals("No migration class in package com.example.migrations on the class path: name the package the migrations "
                + "are in (the plugin's migrationsPackage), and package them with the application", e.getMessage());
    }
}
