package dev.autogen.script;

import java.nio.file.Path;

/** A migration as its source file declares it: its {@link Revision} and the class that holds it. */
public record MigrationFile(String revision, String parent, String message, String created, String className, Path file) {

    public boolean isFirst() {
        return parent == null || parent.isEmpty();
    }

    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
