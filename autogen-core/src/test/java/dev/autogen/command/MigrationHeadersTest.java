package dev.autogen.command;

import dev.autogen.AutogenException;
import dev.autogen.script.MigrationFile;
import dev.autogen.script.RevisionGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the migration files declare is kept by their bytes: an edited file is read again, a broken one refused every time. */
class MigrationHeadersTest {

    @TempDir
    Path migrations;

    @TempDir
    Path cacheDirectory;

    private static String migration(String id, String parent, String message) {
        return "package shop.migrations;\nimport dev.autogen.script.*;\n@Revision(id = \"" + id + "\", parent = \"" + parent
                + "\", message = \"" + message + "\", created = \"2026-11-22T09:00:00Z\")\npublic class M_" + id
                + " implements Migration {\n    public void upgrade(Operations op) {}\n    public void downgrade(Operations op) {}\n}\n";
    }

    private RevisionGraph read() {
        return MigrationHeaders.read(migrations, SchemaCache.in(cacheDirectory, ""));
    }

    @Test
    void editedFilesAreReadAgainAndBrokenOnesAreRefusedEveryTime() throws Exception {
        Path first = migrations.resolve("M_a1.java");
        Files.writeString(first, migration("a1", "", "create shop"));
        Files.writeString(migrations.resolve("Helpers.java"), "package shop.migrations;\nfinal class Helpers {}\n");
        assertEquals(List.of("a1"), read().ordered().stream().map(MigrationFile::revision).toList());
        try (var kept = Files.list(cacheDirectory)) {
            assertTrue(kept.anyMatch(f -> f.getFileName().toString().startsWith("sources-")), "nothing kept");
        }

        // read again unchanged, then with another message and a second migration after it
        assertEquals("create shop", read().find("a1").orElseThrow().message());
        Files.writeString(first, migration("a1", "", "create the shop"));
        Files.writeString(migrations.resolve("M_b2.java"), migration("b2", "a1", "add orders"));
        RevisionGraph edited = read();
        assertEquals("create the shop", edited.find("a1").orElseThrow().message());
        assertEquals(List.of("a1", "b2"), edited.ordered().stream().map(MigrationFile::revision).toList());
        assertEquals(migrations.resolve("M_b2.java"), edited.find("b2").orElseThrow().file());

        // a broken file is never remembered as read
        Files.writeString(first, migration("a1", "", "create shop").replace("public void downgrade", "public void downgrade("));
        for (int run = 0; run < 2; run++) {
            AutogenException broken = assertThrows(AutogenException.class, this::read);
            assertTrue(broken.getMessage().startsWith("Migration file " + first + " does not parse at line"), broken.getMessage());
        }

        // a file put back as it was is read as it was, and one deleted is gone
        Files.writeString(first, migration("a1", "", "create shop"));
        Files.delete(migrations.resolve("M_b2.java"));
        assertEquals(List.of("a1"), read().ordered().stream().map(MigrationFile::revision).toList());
        assertEquals("create shop", read().find("a1").orElseThrow().message());
    }

    @Test
    void aFileAutogenWroteIsReadAsItsCompiledClassDeclaresIt() throws Exception {
        Path written = migrations.resolve("M_w1.java");
        Files.writeString(written, migration("w1", "", "as written"));
        // what the compiled class declared when revision wrote the file: kept, and served while the bytes are those
        MigrationHeaders.remember(migrations, SchemaCache.in(cacheDirectory, ""),
                new MigrationFile("w1", List.of(), "as compiled", "2026-11-22T09:00:00Z", "shop.migrations.M_w1", written));
        assertEquals("as compiled", read().find("w1").orElseThrow().message());
        Files.writeString(written, migration("w1", "", "edited"));
        assertEquals("edited", read().find("w1").orElseThrow().message());
    }
}
