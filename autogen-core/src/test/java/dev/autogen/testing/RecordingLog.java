package dev.autogen.testing;

import dev.autogen.command.Log;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a goal reported, for assertions. */
public final class RecordingLog implements Log {
    public final List<String> lines = new ArrayList<>();
    /** The phases the goal timed (autogen.timings), in the order they ended; a phase may come more than once. */
    public final List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void timing(String phase, long nanos) {
        phases.add(phase);
    }

    public String text() {
        return String.join("\n", lines);
    }
}
