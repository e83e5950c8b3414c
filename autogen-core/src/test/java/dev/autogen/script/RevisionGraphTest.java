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

    private void migration(String className, String id, String parent, String created) throws IOException {
        migration(className, id, parent);
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, Files.readString(file).replace("message = ", "created = \"" + created + "\", message = "));
    }

    private void merge(String className, String id, String... parents) throws IOException {
        Files.writeString(dir.resolve(className + ".java"), """
                package com.example.migrations;

                import dev.autogen.script.*;

                @Revision(id = "%s", parents = {%s}, message = "merge")
                public class %s implements Migration {
                    public void upgrade(Operations op) { }
                    public void downgrade(Operations op) { }
                }
                """.formatted(id, String.join(", ", java.util.Arrays.stream(parents).map(p -> "\"" + p + "\"").toList()), className));
    }

    private static List<String> ids(List<MigrationFile> files) {
        return files.stream().map(MigrationFile::revision).toList();
    }

    @Test
    void twoMigrationsWithTheSameParentAreTwoHeadsThatOnlyAMergeJoins() throws IOException {
        migration("M1", "aaa", "");
        migration("M2", "bbb", "aaa");
        migration("M3", "ccc", "bbb");
        migration("M4", "ddd", "aaa");
        RevisionGraph graph = MigrationSources.read(dir);
        assertEquals(List.of("ccc", "ddd"), graph.heads());
        AutogenException e = assertThrows(AutogenException.class, graph::head);
        assertEquals("Two heads, ccc (M3) and ddd (M4): run mvn autogen:merge -Dmessage=\"...\" to join them, then run again.",
                e.getMessage());

        merge("M5", "eee", "ccc", "ddd");
        graph = MigrationSources.read(dir);
        assertEquals("eee", graph.head());
        assertEquals(List.of("ccc", "ddd"), graph.find("eee").orElseThrow().parents());
        assertEquals(List.of("aaa", "bbb", "ccc", "ddd", "eee"), ids(graph.ordered()));
        assertEquals(List.of("aaa", "ddd"), ids(graph.upTo(List.of("ddd"))));
        assertEquals(List.of("ccc", "ddd"), graph.headsOf(List.of("aaa", "bbb", "ccc", "ddd")));
    }

    @Test
    void theOlderBranchRunsToItsEndFirstThenTheOtherThenTheMerge() throws IOException {
        migration("M1", "aaa", "", "2026-01-01T00:00:00Z");
        // the branch started later is listed first by class name: created decides
        migration("MA", "b2", "b1", "2026-01-03T00:00:00Z");
        migration("MB", "b1", "aaa", "2026-01-02T00:00:00Z");
        migration("MC", "c1", "aaa", "2026-01-01T12:00:00Z");
        migration("MD", "c2", "c1", "2026-01-04T00:00:00Z");
        merge("MZ", "zzz", "b2", "c2");
        RevisionGraph graph = MigrationSources.read(dir);
        assertEquals(List.of("aaa", "c1", "c2", "b1", "b2", "zzz"), ids(graph.ordered()));
        List<MigrationFile> reversed = new java.util.ArrayList<>(graph.ordered());
        java.util.Collections.reverse(reversed);
        assertEquals(List.of("aaa", "c1", "c2", "b1", "b2", "zzz"), ids(RevisionGraph.of(reversed).ordered()),
                "the order does not depend on the order the files are found in");
    }

    @Test
    void aMergeNamesTwoDifferentParentsAndNotAlsoAParent() throws IOException {
        migration("M1", "aaa", "");
        merge("M2", "bbb", "aaa");
        assertTrue(assertThrows(AutogenException.class, () -> MigrationSources.read(dir)).getMessage()
                .endsWith("@Revision(parents = [aaa]) must name two or more different revisions (a merge); one parent goes in "
                        + "parent = \"...\"."));
        Files.writeString(dir.resolve("M2.java"), Files.readString(dir.resolve("M2.java"))
                .replace("parents = {\"aaa\"}", "parent = \"aaa\", parents = {\"aaa\", \"aaa\"}"));
        assertTrue(assertThrows(AutogenException.class, () -> MigrationSources.read(dir)).getMessage()
                .endsWith("@Revision gives both parent and parents; a merge names its parents in parents = {\"...\", \"...\"} alone."));
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
