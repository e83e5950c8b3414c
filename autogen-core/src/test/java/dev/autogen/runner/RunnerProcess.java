package dev.autogen.runner;

import dev.autogen.db.ConnectionSpec;
import dev.autogen.script.MigrationFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A runner in a JVM of its own, upgrading {@link MigrationRunnerTest#booksWithSlowIsbn()} (or, given "hanging",
 * {@link MigrationRunnerTest#booksWithHangingIsbn()}) to head.
 */
public final class RunnerProcess {

    public static void main(String[] args) throws Exception {
        ConnectionSpec database = new ConnectionSpec(args[0], args[1], null);
        try (Connection connection = database.connect()) {
            MigrationRunner runner = MigrationRunnerTest.runner(connection, args.length > 2 && args[2].equals("hanging")
                            ? MigrationRunnerTest.booksWithHangingIsbn() : MigrationRunnerTest.booksWithSlowIsbn(),
                    MigrationRunner.Options.defaults().withLockWait(Duration.ofSeconds(60)), RunnerProcess::say);
            for (MigrationFile file : runner.upgrade("head")) {
                say("APPLIED " + file.revision());
            }
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static Child start(ConnectionSpec database, String... plan) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                RunnerProcess.class.getName(), database.url(), database.user()));
        command.addAll(List.of(plan));
        return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** A started runner process and what it printed so far. */
    static final class Child {
        private final Process process;
        private final List<String> lines = new ArrayList<>();

        Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process is gone; exitCode says how it ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(String prefix, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            synchronized (lines) {
                while (lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || !process.isAlive() && lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                        process.destroyForcibly();
                        throw new AssertionError("no line starting with '" + prefix + "' from the runner process: " + output());
                    }
                    lines.wait(Math.min(left, 200));
                }
            }
        }

        /** kill -9: the JVM gets no chance to close its connection. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        int exitCode(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the runner process did not end within " + limit + ": " + output());
            }
            return process.exitValue();
        }

        List<String> applied() {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith("APPLIED ")).map(l -> l.substring("APPLIED ".length())).toList();
            }
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
