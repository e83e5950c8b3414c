package dev.autogen.command;

import dev.autogen.AutogenException;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The JVM the Maven plugin starts for one goal, with the project's runtime class path and autogen-core: it reads the
 * goal and its keys from standard input, runs {@link GoalEntry}, and sends its log, its timings, its requests for the
 * scratch server and its outcome to standard output ({@link GoalChannel}). Whatever else the goal's libraries print
 * goes to standard error, which the plugin shows. When the plugin's end of the pipe closes (Maven killed), the goal
 * stops: a migration in flight is rolled back with its connection.
 */
public final class ForkedGoal {

    /** Warnings about how autogen boots Hibernate (dialect named, no connection), not about the user's mapping. */
    private static final Set<String> BOOT_NOISE = Set.of("HHH90000025", "HHH102003");

    /** jboss-logging's choice of backend, read once: java.util.logging even when logback or log4j is on the class path. */
    static final String LOGGING_PROVIDER = "org.jboss.logging.provider";

    /** Exit status when the plugin's end of the pipe closed before the goal ended. */
    static final int ORPHANED = 3;

    private final GoalChannel channel;
    private final CompletableFuture<Map<String, String>> header = new CompletableFuture<>();
    private final CompletableFuture<Map<String, String>> scratchKeys = new CompletableFuture<>();
    private boolean scratchAsked;
    /** Set once the goal has ended: from then on the end of standard input is the plugin's answer, not its death. */
    private volatile boolean ended;
    private Logger hibernateLogger;

    private ForkedGoal(GoalChannel channel) {
        this.channel = channel;
    }

    public static void main(String[] args) {
        // only the plugin writes to the goal's standard input: a line there that is no record is nothing to act on
        GoalChannel channel = new GoalChannel(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                line -> { });
        // the channel owns standard output: what libraries print goes where the plugin shows it as their output
        System.setOut(System.err);
        System.exit(new ForkedGoal(channel).run());
    }

    private int run() {
        channel.send(GoalChannel.HELLO);
        Thread reader = new Thread(this::read, "autogen-goal-channel");
        reader.setDaemon(true);
        reader.start();
        try {
            Map<String, String> keys = header.get();
            String goal = keys.remove(GoalChannel.GOAL);
            boolean debug = Boolean.parseBoolean(keys.remove(GoalChannel.DEBUG));
            System.setProperty(LOGGING_PROVIDER, "jdk");
            routeHibernateLogging(debug);
            GoalEntry.run(goal, keys, (level, message) -> channel.send(level, message), this::scratchServer);
            ended = true;
            sendMemory();
            channel.send(GoalChannel.DONE);
            return 0;
        } catch (Throwable failure) {
            ended = true;
            try {
                sendMemory();
                report(failure);
            } catch (RuntimeException | Error e) {
                return ORPHANED;
            }
            return 1;
        }
    }

    /**
     * Reads what the plugin sends: the header up to {@link GoalChannel#GO}, system properties applied as they come, then
     * the scratch server's keys when asked. The end of the stream before the goal ended means Maven is gone: the goal
     * stops.
     */
    private void read() {
        Map<String, String> keys = new LinkedHashMap<>();
        try {
            while (true) {
                Optional<List<String>> record = channel.receive();
                if (record.isEmpty()) {
                    break;
                }
                List<String> fields = record.get();
                switch (fields.get(0)) {
                    case GoalChannel.GOAL, GoalChannel.DEBUG -> keys.put(fields.get(0), fields.get(1));
                    case GoalChannel.SYSTEM -> System.setProperty(fields.get(1), fields.get(2));
                    case GoalChannel.PROPERTY -> keys.put(fields.get(1), fields.get(2));
                    case GoalChannel.GO -> header.complete(keys);
                    case GoalChannel.SCRATCH -> scratchKeys.complete(pairs(fields));
                    case GoalChannel.SCRATCH_FAILED -> scratchKeys.completeExceptionally(new IllegalStateException(fields.get(1)));
                    default -> {
                        // a record of a newer plugin: nothing this goal needs
                    }
                }
            }
        } catch (IOException e) {
            // the pipe broke: the same as its end
        }
        if (!ended) {
            Runtime.getRuntime().halt(ORPHANED);
        }
        // the plugin closed standard input once it read the outcome: this thread leaves its read, and the JVM, which
        // waits up to 300 ms for a thread blocked in native code, exits at once
    }

    private static Map<String, String> pairs(List<String> fields) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 1; i + 1 < fields.size(); i += 2) {
            pairs.put(fields.get(i), fields.get(i + 1));
        }
        return pairs;
    }

    /** The scratch server, started by the plugin (which stops it when the goal ends) the first time a step needs it. */
    private Map<String, String> scratchServer() {
        synchronized (this) {
            if (!scratchAsked) {
                scratchAsked = true;
                channel.send(GoalChannel.SCRATCH);
            }
        }
        try {
            return scratchKeys.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the scratch server started", e);
        }
    }

    private void sendMemory() {
        GoalChannel.peakResidentMemory().ifPresent(bytes -> channel.send(GoalChannel.MEMORY, String.valueOf(bytes)));
        GoalChannel.cpuTime().ifPresent(nanos -> channel.send(GoalChannel.CPU, String.valueOf(nanos)));
    }

    /** FAILED with its kind and message, then each throwable of the chain with its frames, for -e. */
    private void report(Throwable failure) {
        boolean user = failure instanceof AutogenException;
        channel.send(GoalChannel.FAILED, user ? "user" : "internal", failure.getMessage());
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable at = failure; at != null && seen.add(at); at = at.getCause()) {
            channel.send(GoalChannel.CAUSE, at.getClass().getName(), at.getMessage());
            for (StackTraceElement frame : at.getStackTrace()) {
                channel.send(GoalChannel.AT, frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                        String.valueOf(frame.getLineNumber()));
            }
        }
        channel.send(GoalChannel.END);
    }

    /**
     * Hibernate's warnings about the user's mapping reach the Maven log as one warning each; its INFO lines, and the
     * warnings about how autogen boots it, only with -X.
     */
    private void routeHibernateLogging(boolean debug) {
        Logger logger = Logger.getLogger("org.hibernate");
        Formatter formatter = new SimpleFormatter();
        logger.setLevel(debug ? Level.FINE : Level.WARNING);
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = formatter.formatMessage(record);
                boolean warning = record.getLevel().intValue() >= Level.WARNING.intValue()
                        && BOOT_NOISE.stream().noneMatch(message::startsWith);
                if (warning) {
                    channel.send(GoalChannel.WARN, message);
                } else if (debug) {
                    channel.send(GoalChannel.DEBUG, message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        // held: java.util.logging keeps loggers weakly, and a collected one forgets its handler
        hibernateLogger = logger;
    }
}
