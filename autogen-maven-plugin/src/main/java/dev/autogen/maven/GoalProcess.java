package dev.autogen.maven;

import dev.autogen.command.GoalChannel;
import dev.autogen.command.GoalEntry;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs a goal of autogen-core in a JVM of its own, whose class path is the project's runtime class path (its
 * entities, its Hibernate, its JDBC driver, the autogen-runtime its migrations compile against), then autogen-core and
 * whatever of its dependencies the project does not have, from this plugin's own artifacts: the project's Hibernate
 * always wins, and applications never carry the generator. The goal's JVM is started with the options that suit a
 * run of seconds on any number of cores (only the JIT's first tier, the serial collector), then the project's
 * {@code autogen.jvmArgs}; Maven's own JVM holds neither Hibernate nor the schemas. The two talk through
 * {@link GoalChannel} on the child's standard input and output: the goal and its keys go in; its log, timings,
 * requests for the scratch server (which stays this plugin's, started and stopped here) and outcome come out.
 */
final class GoalProcess {

    static final String ENTRY = "dev.autogen.command.ForkedGoal";

    static final String GROUP = "dev.autogen";
    static final String RUNTIME = "autogen-runtime";
    static final String CORE = "autogen-core";

    /**
     * What the goal's JVM runs with before the project's own options: a goal is over in seconds, where the optimizing
     * compiler's work (4 s of CPU at 1,000 tables on 2 cores) does not pay back, and the serial collector keeps the
     * heap near what the goal holds. Out of memory, the JVM ends at once and says so: the goal then says how to give it
     * more, rather than going on in a JVM that may fail anywhere. What the JVM itself prints goes to standard error, as
     * standard output is the goal's channel.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xshare:auto", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr");

    /** How long a goal's JVM that said how the goal went may take to exit. */
    private static final int EXIT_WAIT_SECONDS = 30;

    /** How many of the goal's JVM's last lines of standard error a failure to start quotes. */
    private static final int QUOTED_LINES = 5;

    private final MavenProject project;
    private final List<Artifact> pluginArtifacts;
    private final String version;
    private final Log log;
    private final boolean showErrors;
    private final GoalTimings timings;
    private final List<String> jvmArgs;
    private final Map<String, String> systemProperties;
    private final BiConsumer<String, String> say;

    /** @param say where the goal's log lines and timings go, as (level, message): what {@link GoalEntry} sends */
    GoalProcess(MavenProject project, List<Artifact> pluginArtifacts, String version, Log log, boolean showErrors,
                GoalTimings timings, List<String> jvmArgs, Map<String, String> systemProperties, BiConsumer<String, String> say) {
        this.project = project;
        this.pluginArtifacts = pluginArtifacts;
        this.version = version;
        this.log = log;
        this.showErrors = showErrors;
        this.timings = timings;
        this.jvmArgs = jvmArgs;
        this.systemProperties = systemProperties;
        this.say = say;
    }

    void run(String goal, Map<String, String> properties, Supplier<Map<String, String>> scratchServer) throws MojoExecutionException, MojoFailureException {
        long starting = System.nanoTime();
        List<File> classpath = classpath();
        Path arguments = arguments(classpath);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmArgs);
        command.add("@" + arguments);
        if (log.isDebugEnabled()) {
            log.debug("autogen:" + goal + " runs in a JVM of its own on the project's runtime class path " + classpath + ": "
                    + String.join(" ", command));
        }
        Process child;
        try {
            child = new ProcessBuilder(command).start();
        } catch (IOException e) {
            delete(arguments);
            throw new MojoExecutionException("Cannot start a JVM for autogen:" + goal + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        Thread stopChild = new Thread(() -> stop(child), "autogen-stop-goal-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        ErrorLines errorLines = new ErrorLines();
        Thread errors = new Thread(() -> pumpErrors(child, errorLines), "autogen-goal-jvm-stderr");
        errors.setDaemon(true);
        errors.start();
        // what the JVM logs itself to standard output (-Xlog, a flight recording) is shown as its standard error is
        GoalChannel channel = new GoalChannel(child.getInputStream(), child.getOutputStream(), line -> showOutput(line, errorLines));
        try {
            talk(goal, properties, scratchServer, channel, child, errors, errorLines, starting);
        } finally {
            delete(arguments);
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook stops the child
            }
            long exiting = System.nanoTime();
            // the end of its standard input tells the child its outcome was read: it exits without waiting
            closeInput(child);
            awaitExit(child);
            try {
                // what the JVM printed as it exited reaches the log before the goal ends
                errors.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timings.add(GoalTimings.GOAL_JVM_EXIT, System.nanoTime() - exiting);
        }
    }

    private void talk(String goal, Map<String, String> properties, Supplier<Map<String, String>> scratchServer, GoalChannel channel,
                      Process child, Thread errors, ErrorLines errorLines, long starting)
            throws MojoExecutionException, MojoFailureException {
        try {
            Optional<List<String>> hello = channel.receive();
            if (hello.isEmpty() || !hello.get().get(0).equals(GoalChannel.HELLO)) {
                throw notStarted(goal, child, errors, errorLines);
            }
            timings.add(GoalTimings.GOAL_JVM, System.nanoTime() - starting);
            errorLines.started();
            channel.send(GoalChannel.GOAL, goal);
            channel.send(GoalChannel.DEBUG, String.valueOf(log.isDebugEnabled()));
            systemProperties.forEach((name, value) -> channel.send(GoalChannel.SYSTEM, name, value));
            properties.forEach((name, value) -> channel.send(GoalChannel.PROPERTY, name, value));
            channel.send(GoalChannel.GO);
            while (true) {
                Optional<List<String>> received = channel.receive();
                if (received.isEmpty()) {
                    ended(goal, child, errors, errorLines);
                }
                List<String> record = received.get();
                switch (record.get(0)) {
                    case GoalChannel.INFO, GoalChannel.WARN, GoalChannel.DEBUG, GoalChannel.TIMING -> say.accept(record.get(0), field(record, 1));
                    case GoalChannel.SCRATCH -> answerScratch(channel, scratchServer);
                    case GoalChannel.MEMORY -> timings.goalJvmMemory(Long.parseLong(field(record, 1)));
                    case GoalChannel.CPU -> timings.goalJvmCpu(Long.parseLong(field(record, 1)));
                    case GoalChannel.DONE -> {
                        return;
                    }
                    case GoalChannel.FAILED -> fail(goal, record, channel);
                    default -> log.debug("autogen:" + goal + "'s JVM sent a record this plugin does not know: " + record);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            ended(goal, child, errors, errorLines);
        }
    }

    private static void answerScratch(GoalChannel channel, Supplier<Map<String, String>> scratchServer) {
        Map<String, String> keys;
        try {
            keys = scratchServer.get();
        } catch (RuntimeException e) {
            channel.send(GoalChannel.SCRATCH_FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            return;
        }
        List<String> fields = new ArrayList<>();
        fields.add(GoalChannel.SCRATCH);
        keys.forEach((name, value) -> {
            fields.add(name);
            fields.add(value);
        });
        channel.send(fields.toArray(String[]::new));
    }

    /**
     * The goal's failure: an AutogenException is the user's to act on, its message alone (its stack trace with -e);
     * anything else is autogen's, with the child's stack trace.
     */
    private void fail(String goal, List<String> failed, GoalChannel channel)
            throws IOException, MojoFailureException, MojoExecutionException {
        boolean user = "user".equals(field(failed, 1));
        String message = field(failed, 2);
        Thrown first = null;
        Thrown last = null;
        List<StackTraceElement> frames = new ArrayList<>();
        while (true) {
            Optional<List<String>> received = channel.receive();
            if (received.isEmpty() || received.get().get(0).equals(GoalChannel.END)) {
                break;
            }
            List<String> record = received.get();
            if (record.get(0).equals(GoalChannel.CAUSE)) {
                if (last != null) {
                    last.setStackTrace(frames.toArray(StackTraceElement[]::new));
                    frames.clear();
                }
                Thrown cause = new Thrown(field(record, 1), field(record, 2));
                if (last == null) {
                    first = cause;
                } else {
                    last.initCause(cause);
                }
                last = cause;
            } else if (record.get(0).equals(GoalChannel.AT)) {
                frames.add(new StackTraceElement(field(record, 1), field(record, 2),
                        field(record, 3).isEmpty() ? null : field(record, 3), parseLine(field(record, 4))));
            }
        }
        if (last != null) {
            last.setStackTrace(frames.toArray(StackTraceElement[]::new));
        }
        failed(goal, user, message, first, showErrors);
    }

    /**
     * Ends a goal that failed, in Maven's terms: an AutogenException ({@code user}) is the user's to act on, its message
     * alone (with its stack trace only with -e); anything else is autogen's, with its stack trace.
     */
    static void failed(String goal, boolean user, String message, Throwable cause, boolean showErrors)
            throws MojoFailureException, MojoExecutionException {
        if (user) {
            throw showErrors && cause != null ? new MojoFailureException(message, cause) : new MojoFailureException(message);
        }
        throw new MojoExecutionException("autogen:" + goal + " failed: " + (cause == null ? message : cause.toString()), cause);
    }

    private static int parseLine(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String field(List<String> record, int index) {
        return index < record.size() ? record.get(index) : "";
    }

    /** The child ended before it said hello: a bad autogen.jvmArgs, or a class path without autogen-core. */
    private MojoFailureException notStarted(String goal, Process child, Thread errors, ErrorLines errorLines) {
        // a child that closed its standard output but runs on ends with its standard input
        closeInput(child);
        int status = awaitEnd(child, errors);
        String said = errorLines.quoted();
        return new MojoFailureException("The JVM for autogen:" + goal + " did not start (exit status " + status + ")"
                + (said.isEmpty() ? "" : ": " + said) + ": check autogen.jvmArgs (" + String.join(" ", jvmArgs) + ")");
    }

    /** The child ended without saying how the goal went (killed, crashed, out of memory): always throws, saying which. */
    private void ended(String goal, Process child, Thread errors, ErrorLines errorLines) throws MojoFailureException, MojoExecutionException {
        closeInput(child);
        int status = awaitEnd(child, errors);
        Optional<String> outOfMemory = errorLines.outOfMemory();
        if (outOfMemory.isPresent()) {
            // the one end of the JVM the user can act on: its memory is the user's to size
            throw new MojoFailureException("autogen:" + goal + " ran out of memory in its JVM (" + outOfMemory.get()
                    + "): give it more with -Dautogen.jvmArgs or <jvmArgs> in the plugin's configuration, e.g. -Xmx4g for"
                    + " Java heap space " + (jvmArgs.isEmpty() ? "(by default its heap may take a quarter of this machine's memory)"
                    : "(now: " + String.join(" ", jvmArgs) + ")"));
        }
        String said = errorLines.quoted();
        String how = status > 128 ? "was stopped by signal " + (status - 128) : "ended with exit status " + status;
        throw new MojoExecutionException("The JVM of autogen:" + goal + " " + how + " before the goal finished"
                + (said.isEmpty() ? "" : ": " + said) + ". What it had begun in a database was rolled back with its connection");
    }

    private static void closeInput(Process child) {
        try {
            child.getOutputStream().close();
        } catch (IOException e) {
            // the child is gone already
        }
    }

    private static int awaitEnd(Process child, Thread errors) {
        try {
            int status = child.waitFor();
            errors.join(5_000);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The child's standard error, line by line, to the Maven log once the child runs: what the project's libraries
     * print (they printed to Maven's console before). Until then its lines are only kept: a JVM that cannot start says
     * why there, and the failure quotes it. The last lines are kept for the message of a failure.
     */
    private void pumpErrors(Process child, ErrorLines lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                showOutput(line, lines);
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    /** A line the child's JVM or its libraries printed: kept for a failure's message, and logged once the child runs. */
    private void showOutput(String line, ErrorLines lines) {
        if (lines.add(line) && !EmbeddedScratch.interrupted()) {
            log.info(line);
        }
    }

    /** The child's last lines of standard error, and whether the child said hello, after which they are shown. */
    private final class ErrorLines {
        private final Deque<String> last = new ArrayDeque<>();
        private final List<String> beforeStart = new ArrayList<>();
        private boolean started;

        /** Keeps the line; true when it is to be shown now. */
        synchronized boolean add(String line) {
            last.addLast(line);
            if (last.size() > QUOTED_LINES) {
                last.removeFirst();
            }
            if (!started) {
                beforeStart.add(line);
            }
            return started;
        }

        /** The child runs: what it printed while it started is shown. */
        synchronized void started() {
            started = true;
            beforeStart.forEach(log::info);
            beforeStart.clear();
        }

        synchronized String quoted() {
            return String.join("; ", last);
        }

        /** What the JVM said when it ran out of memory (ExitOnOutOfMemoryError), e.g. "java.lang.OutOfMemoryError: Metaspace". */
        synchronized Optional<String> outOfMemory() {
            return last.stream().filter(line -> line.contains(OutOfMemoryError.class.getName()))
                    .map(line -> line.substring(line.indexOf(OutOfMemoryError.class.getName()))).findFirst();
        }
    }

    /** The goal said how it went and its JVM exits: it is given the time to, then ended. */
    private static void awaitExit(Process child) {
        try {
            if (!child.waitFor(EXIT_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                stop(child);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(child);
        }
    }

    /** Asks the child to end (its shutdown hooks run), then ends it. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The java launcher's argument file: the class path and the entry class. It may be longer than one argument of a
     * command line may be; it is deleted once the child runs.
     */
    private static Path arguments(List<File> classpath) throws MojoExecutionException {
        StringBuilder text = new StringBuilder("-cp \"");
        for (int i = 0; i < classpath.size(); i++) {
            if (i > 0) {
                text.append(File.pathSeparatorChar);
            }
            text.append(classpath.get(i).getAbsolutePath().replace("\\", "\\\\").replace("\"", "\\\""));
        }
        text.append("\"\n").append(ENTRY).append('\n');
        try {
            Path file = Files.createTempFile("autogen-goal-", ".args");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the goal JVM's argument file: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system's cleaning removes it
        }
    }

    /**
     * A throwable of the goal's JVM as it was there: its class name and message (Maven prints this class's name before
     * them with -e), and its frames.
     */
    static final class Thrown extends Exception {
        Thrown(String className, String message) {
            super(message.isEmpty() ? className : className + ": " + message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /**
     * The project's runtime class path, then autogen-core and those of its dependencies the project does not
     * have (by group and artifact id), from the plugin's own artifacts.
     */
    List<File> classpath() throws MojoExecutionException, MojoFailureException {
        List<String> elements;
        try {
            elements = project.getRuntimeClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's runtime dependencies are not resolved: " + e.getMessage(), e);
        }
        Set<String> projectHas = new HashSet<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (!artifact.getArtifactHandler().isAddedToClasspath() || "test".equals(artifact.getScope())
                    || "provided".equals(artifact.getScope()) || "system".equals(artifact.getScope())) {
                continue;
            }
            projectHas.add(artifact.getGroupId() + ":" + artifact.getArtifactId());
            if (GROUP.equals(artifact.getGroupId()) && (RUNTIME.equals(artifact.getArtifactId()) || CORE.equals(artifact.getArtifactId()))
                    && !version.equals(artifact.getBaseVersion())) {
                throw new MojoFailureException(project.getArtifactId() + " depends on " + GROUP + ":" + artifact.getArtifactId() + ":"
                        + artifact.getBaseVersion() + ", and this plugin is " + version + ": use the same version for both");
            }
        }
        if (!projectHas.contains(GROUP + ":" + RUNTIME)) {
            throw new MojoFailureException("autogen-runtime is not on the classpath of " + project.getArtifactId()
                    + ": add the dependency " + GROUP + ":" + RUNTIME + ":" + version
                    + " to the project's pom.xml (its migration files compile against it)");
        }
        List<File> files = new ArrayList<>();
        for (String element : elements) {
            files.add(new File(element));
        }
        for (Artifact artifact : pluginArtifacts) {
            if (artifact.getFile() != null && !"test".equals(artifact.getScope()) && "jar".equals(artifact.getType())
                    && isCoreOrBelow(artifact) && projectHas.add(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
                files.add(artifact.getFile());
            }
        }
        return files;
    }

    /** autogen-core and what it depends on: the plugin's other artifacts (Maven, Docker, the embedded server) stay out. */
    private boolean isCoreOrBelow(Artifact artifact) {
        if (GROUP.equals(artifact.getGroupId())) {
            return CORE.equals(artifact.getArtifactId()) || RUNTIME.equals(artifact.getArtifactId());
        }
        List<String> trail = artifact.getDependencyTrail();
        return trail != null && trail.stream().anyMatch(id -> id.startsWith(GROUP + ":" + CORE + ":"));
    }
}
