package dev.autogen.testing;

import dev.autogen.command.Log;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a goal reported, for assertions. */
public final class RecordingLog implements Log {
    public final List<String> lines = new ArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    public String text() {
        return String.join("\n", lines);
    }
}
