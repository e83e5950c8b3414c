package dev.autogen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A migration file as its author writes it by hand, with the steps of {@code upgrade} and {@code downgrade} as given. */
public final class HandWrittenMigration {

    private HandWrittenMigration() {
    }

    /** Writes {@code className}.java into {@code directory}, in {@code packageName}; returns its path. */
    public static Path write(Path directory, String packageName, String className, String id, String parent, String message,
                             String upgrade, String downgrade) {
        Path file = directory.resolve(className + ".java");
        try {
            Files.writeString(file, "package " + packageName + ";\n\n"
                    + "import dev.autogen.script.*;\n"
                    + "import static dev.autogen.script.Definitions.*;\n\n"
                    + "@Revision(id = \"" + id + "\", parent = \"" + parent + "\", message = \"" + message + "\")\n"
                    + "public class " + className + " implements Migration {\n"
                    + "    public void upgrade(Operations op) {\n        " + upgrade + "\n    }\n\n"
                    + "    public void downgrade(Operations op) {\n        " + downgrade + "\n    }\n"
                    + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
