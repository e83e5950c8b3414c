package dev.autogen.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden files: what a reviewer reads. Run with {@code -Dautogen.golden.update=true} to rewrite
 * them after an intended change, then read the diff.
 */
public final class Golden {

    private static final Path DIRECTORY = Path.of("src/test/resources/golden");

    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIRECTORY.resolve(name);
        try {
            if (Boolean.getBoolean("autogen.golden.update") || !Files.exists(file)) {
                Files.createDirectories(DIRECTORY);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                if (!Boolean.getBoolean("autogen.golden.update") && System.getenv("CI") != null) {
                    throw new AssertionError("golden file " + file + " was missing; it has been written, commit it");
                }
                return;
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "golden file " + file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
