package dev.autogen.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pipes between the Maven plugin and the JVM it starts for a goal ({@link ForkedGoal}): one record per line, opened
 * by {@link #MARK}, its fields separated by tabs, a backslash, tab, line feed or carriage return inside a field written
 * as \\, \t, \n, \r. Only JDK types cross, as through {@link GoalEntry}. The child's standard output is also where its
 * JVM prints what it logs itself ({@code -Xlog}, a flight recording's start, {@code -verbose:gc}): a line without the
 * mark is such output, handed on as it is, never read as a record.
 */
public final class GoalChannel {

    /** Child to plugin, first of all: the goal's JVM runs and reads its goal. */
    public static final String HELLO = "hello";
    /** Plugin to child: the goal's name. */
    public static final String GOAL = "goal";
    /**
     * Plugin to child: whether Maven logs at debug level (-X), so that Hibernate's INFO lines are worth sending; child
     * to plugin: such a line.
     */
    public static final String DEBUG = "debug";
    /** Plugin to child: a system property of Maven's JVM the goal reads (-D on the command line, hibernate.*). */
    public static final String SYSTEM = "system";
    /** Plugin to child: one of the goal's keys ({@link dev.autogen.config.Key}). */
    public static final String PROPERTY = "property";
    /** Plugin to child: the goal has all it needs. */
    public static final String GO = "go";
    /** Child to plugin: start the scratch server; plugin to child: its keys, as name and value pairs. */
    public static final String SCRATCH = "scratch";
    /** Plugin to child: the scratch server did not start, and why. */
    public static final String SCRATCH_FAILED = "scratch-failed";
    /** Child to plugin: log lines ("info", "warn", "debug") and a phase's time ("timing", phase, nanoseconds). */
    public static final String INFO = "info";
    public static final String WARN = "warn";
    public static final String TIMING = "timing";
    /** Child to plugin, before its outcome: the most memory the goal's JVM had resident (Linux's VmHWM), in bytes. */
    public static final String MEMORY = "memory";
    /** Child to plugin, before its outcome: the CPU time the goal's JVM took so far, all its threads, in nanoseconds. */
    public static final String CPU = "cpu";
    /** Child to plugin: the goal ended well. */
    public static final String DONE = "done";
    /** Child to plugin: the goal failed, "user" (an AutogenException) or "internal", with its message. */
    public static final String FAILED = "failed";
    /** Child to plugin, after FAILED: one throwable of the failure's chain (class, message), then its frames. */
    public static final String CAUSE = "cause";
    public static final String AT = "at";
    /** Child to plugin, last after FAILED. */
    public static final String END = "end";

    /** What opens every record: the ASCII record separator, which no log line of a JVM begins with. */
    static final char MARK = '\u001e';

    private final BufferedReader in;
    private final Writer out;
    private final Consumer<String> otherOutput;

    /** @param otherOutput takes each line received that is not a record */
    public GoalChannel(InputStream in, OutputStream out, Consumer<String> otherOutput) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.otherOutput = otherOutput;
    }

    /** Writes one record and flushes it: a record is whole or not sent, whichever thread sends it. */
    public synchronized void send(String... fields) {
        StringBuilder line = new StringBuilder().append(MARK);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            escape(fields[i] == null ? "" : fields[i], line);
        }
        line.append('\n');
        try {
            out.write(line.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the other end of the goal's pipe is gone", e);
        }
    }

    /**
     * The next record, or empty at the end of the stream (the other side ended); lines between records that are not
     * records go to the output they are.
     */
    public Optional<List<String>> receive() throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return Optional.empty();
            }
            int mark = line.indexOf(MARK);
            if (mark < 0) {
                otherOutput.accept(line);
            } else {
                // the JVM may have written part of a line of its own just before the record
                if (mark > 0) {
                    otherOutput.accept(line.substring(0, mark));
                }
                return Optional.of(fields(line.substring(mark + 1)));
            }
        }
    }

    /** The CPU time this process has taken so far, all its threads, in nanoseconds; empty where the system does not say. */
    public static Optional<Long> cpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos);
    }

    /** The most memory this process has had resident so far, in bytes: Linux's VmHWM; empty elsewhere. */
    public static Optional<Long> peakResidentMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring("VmHWM:".length()).strip().split("\\s+");
                    return Optional.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no such line: nothing to say
        }
        return Optional.empty();
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                field.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static void escape(String text, StringBuilder into) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> into.append("\\\\");
                case '\t' -> into.append("\\t");
                case '\n' -> into.append("\\n");
                case '\r' -> into.append("\\r");
                default -> into.append(c);
            }
        }
    }
}
