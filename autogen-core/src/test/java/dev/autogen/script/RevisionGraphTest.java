package dev.autogen.script;

import dev.autogen.AutogenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevisionGraphTest {

    @TempDir
    Path dir;

    private void migration(String className, String id, String parent) throws IOException {
        Files.writeString(dir.resolve(className + ".java"), """
                package com.example.migrations;

                import dev.autogen.script.*;

                @Revision(id = "%s", parent = "%s", message = "%s")
                public class %s implements Migration {
                    public void upgrade(Operations op) { }
                    public void downgrade(Operations op) { }
                }
                """.formatted(id, parent, className, className));
    }

    @Test
    void ordersFromBaseToHead() throws IOException {
        migration("M2", "bbb", "aaa");
        migration("M1", "aaa", "");
        migration("M3", "ccc", "bbb");
        Files.writeString(dir.resolve("Helper.java"), "package com.example.migrations; class Helper { }");
        RevisionGraph graph = MigrationSources.read(dir);
        assertEquals(List.of("aaa", "bbb", "ccc"), graph.ordered().stream().map(MigrationFile::revision).toList());
        assertEquals("ccc", graph.head());
        assertEquals("com.example.migrations.M2", graph.find("bbb").orElseThrow().className());
    }

    @Test
    void aMigrationClassWithoutRevisionIsRefusedByName() throws IOException {
        migration("M1", "aaa", "");
        Files.writeString(dir.resolve("M2.java"), """
                package com.example.migrations;

                import dev.autogen.script.Migration;
                import dev.autogen.script.Operations;

                public class M2 implements Migration {
                    public void upgrade(Operations op) { op.execute("SELECT 1"); }
                    public void downgrade(Operations op) { }
                }
                """);
        Files.writeString(dir.resolve("Steps.java"), "package com.example.migrations; abstract class Steps implements Migration { }");
        AutogenException e = assertThrows(AutogenException.class, () -> MigrationSources.read(dir));
        assertEquals("Migration file " + dir.resolve("M2.java") + ": class M2 implements Migration but has no @Revision, so it "
                + "would never run. Give it @Revision(id = \"...\", parent = \"...\"), or move it out of the migrations package.",
                e.getMessage());
    }

    @Test
    void aMissingDirectoryHasNoMigrations() {
        assertTrue(MigrationSources.read(dir.resolve("none")).isEmpty());
    }

    @Test
    void aFileThatDoesNotParseIsNamedWithItsLine() throws IOException {
        migration("M1", "aaa", "");
        Files.writeString(dir.resolve("M2.java"), "package com.example.migrations;\n\npublic class M2 implements Migration {\n  void upgrade( {\n}\n");
        AutogenException e = assertThrows(AutogenException.class, () -> MigrationSources.read(dir));
        assertTrue(e.getMessage().startsWith("Migration file " + dir.resolve("M2.java") + " does not parse at line 4"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Fix the file or remove it."), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void twoMigrationsWithTheSameParentAreTwoHeads() throws IOException {
        migration("M1", "aaa", "");
        migration("M2", "bbb", "aaa");
        migration("M3", "ccc", "bbb");
        migration("M4", "ddd", "aaa");
        AutogenException e = assertThrows(AutogenException.class, () -> MigrationSources.read(dir));
        assertEquals("Two heads: M2 and M4 both follow revision aaa. Set the parent of M4 to \"ccc\" so that one follows "
                + "the other, then run again.", e.getMessage());
    }

    @Test
    void anUnknownParentAndADuplicateIdAreReported() throws IOException {
        migration("M1", "aaa", "");
        migration("M2", "bbb", "zzz");
        assertTrue(assertThrows(AutogenException.class, () -> MigrationSources.read(dir)).getMessage()
                .contains("follows revision zzz, which no migration file declares"));
        migration("M2", "aaa", "aaa");
        assertTrue(assertThrows(AutogenException.class, () -> MigrationSources.read(dir)).getMessage()
                .startsWith("Two migrations declare revision aaa"));
    }
}
