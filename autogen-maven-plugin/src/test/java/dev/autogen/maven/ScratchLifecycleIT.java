package dev.autogen.maven;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The embedded scratch PostgreSQL does not outlive the goal that started it: a goal killed with -9 leaves a
 * running cluster that the next goal stops and deletes, and a goal stopped by SIGTERM removes its own and says
 * in one line that it was interrupted. Each project has a cache folder of its own (XDG_CACHE_HOME), so what is
 * counted there is only what these goals started.
 */
class ScratchLifecycleIT {

    private static final Duration CLUSTER_WAIT = Duration.ofMinutes(3);

    @Test
    void theNextGoalRemovesTheClusterOfAKilledOne() throws Exception {
        TestProject project = Library.project("scratch-killed");
        Map<String, String> environment = cache(project);

        NestedMaven.Running killed = NestedMaven.start(project.directory(), environment, "autogen:check");
        Cluster cluster = awaitCluster(killed, project);
        if (EmbeddedScratch.memoryFileSystem().isPresent()) {
            assertTrue(cluster.data().startsWith(Path.of("/dev/shm")), "a tmpfs with room holds the data: " + cluster.data());
        }
        long goalJvm = goalJvm(killed);
        killed.process().destroyForcibly();
        assertTrue(killed.process().waitFor(60, TimeUnit.SECONDS), "the Maven JVM ends on SIGKILL");
        assertTrue(alive(cluster.postmaster()), "a SIGKILL gives the goal no chance to stop its postmaster");
        assertTrue(exits(goalJvm), "the goal's own JVM ends when Maven's is gone: no orphan goes on with the goal");

        NestedMaven.Result next = project.mvn(environment, "autogen:check");

        assertTrue(next.failure().contains("Model drift"), next::toString);
        assertTrue(next.output().contains("[INFO] Removed the scratch PostgreSQL an interrupted goal left: " + cluster.directory()),
                next::toString);
        assertGone(cluster, project);
    }

    @Test
    void aSignalledGoalRemovesItsClusterAndSaysItWasInterrupted() throws Exception {
        TestProject project = Library.project("scratch-signalled");
        Map<String, String> environment = cache(project);

        NestedMaven.Running signalled = NestedMaven.start(project.directory(), environment, "autogen:check");
        Cluster cluster = awaitCluster(signalled, project);
        long goalJvm = goalJvm(signalled);
        signalled.process().destroy();
        assertTrue(signalled.process().waitFor(60, TimeUnit.SECONDS), "the Maven JVM ends on SIGTERM");
        assertTrue(exits(goalJvm), "the goal's own JVM ends with Maven's");
        NestedMaven.Result result = signalled.result();

        assertTrue(result.output().contains("[ERROR] Interrupted: autogen stopped its scratch PostgreSQL and removed "
                + cluster.directory()), result::toString);
        assertFalse(result.output().contains("NoClassDefFoundError"), result::toString);
        assertFalse(result.output().contains("\tat "), "no stack trace:\n" + result);
        assertFalse(result.output().contains("Model drift"), result::toString);
        assertGone(cluster, project);
    }

    @Test
    void aGoalWhoseJvmIsKilledFailsInOneLineAndItsClusterIsRemoved() throws Exception {
        TestProject project = Library.project("goal-jvm-killed");
        Map<String, String> environment = cache(project);

        NestedMaven.Running running = NestedMaven.start(project.directory(), environment, "autogen:check");
        Cluster cluster = awaitCluster(running, project);
        long goalJvm = goalJvm(running);
        ProcessHandle.of(goalJvm).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(running.process().waitFor(60, TimeUnit.SECONDS), "Maven ends when the goal's JVM is gone");
        NestedMaven.Result result = running.result();

        assertTrue(result.exitCode() != 0, result::toString);
        assertTrue(result.failure().contains("The JVM of autogen:check was stopped by signal 9 before the goal finished"),
                result::toString);
        assertFalse(result.failure().contains("\n"), "one line:\n" + result.failure());
        assertFalse(result.output().contains("\tat "), "no stack trace:\n" + result);
        // the plugin stops the scratch server the goal asked for
        assertGone(cluster, project);
    }

    /** The cluster's postmaster stopped, its directory and data removed, and no other cluster of the project left. */
    private static void assertGone(Cluster cluster, TestProject project) throws IOException, InterruptedException {
        assertTrue(exits(cluster.postmaster()), "the postmaster " + cluster.postmaster() + " is stopped");
        assertFalse(Files.exists(cluster.directory()), cluster.directory() + " is removed");
        assertFalse(Files.exists(cluster.data()), cluster.data() + ", its data, are removed");
        assertEquals(List.of(), list(clusters(project)), "no cluster outlives the goals");
    }

    /**
     * A cluster directory, the postmaster serving it, and where its data really are: the cluster's {@code data}, or
     * the directory in memory (/dev/shm) that {@code data} links to.
     */
    private record Cluster(Path directory, long postmaster, Path data) {
    }

    private static Map<String, String> cache(TestProject project) throws IOException {
        Path cache = project.directory().resolve("user-cache");
        Files.createDirectories(cache);
        return Map.of("XDG_CACHE_HOME", cache.toString());
    }

    /** Where the goals of this project keep their running clusters: the one postgres-* folder of its cache. */
    private static Path clusters(TestProject project) throws IOException {
        Path autogen = project.directory().resolve("user-cache").resolve("autogen");
        if (!Files.isDirectory(autogen)) {
            return autogen.resolve("none-yet");
        }
        List<Path> builds = list(autogen);
        return builds.isEmpty() ? autogen.resolve("none-yet") : builds.get(0).resolve("clusters");
    }

    /** Waits until the goal's cluster accepts connections (postmaster.pid says "ready"), while the goal still runs. */
    private static Cluster awaitCluster(NestedMaven.Running running, TestProject project) throws Exception {
        long deadline = System.nanoTime() + CLUSTER_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!running.process().isAlive()) {
                fail("mvn ended before its scratch cluster was seen running:\n" + running.result());
            }
            Optional<Cluster> ready = readyCluster(clusters(project));
            if (ready.isPresent()) {
                return ready.get();
            }
            Thread.sleep(20);
        }
        running.process().destroyForcibly().waitFor();
        throw new AssertionError("no scratch cluster ran within " + CLUSTER_WAIT.toSeconds() + " s: " + running.log());
    }

    private static Optional<Cluster> readyCluster(Path clusters) throws IOException {
        for (Path directory : list(clusters)) {
            Path pidFile = directory.resolve("data").resolve("postmaster.pid");
            List<String> lines;
            try {
                lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            if (lines.size() >= 8 && lines.get(7).strip().equals("ready")) {
                return Optional.of(new Cluster(directory, Long.parseLong(lines.get(0).strip()),
                        directory.resolve("data").toRealPath()));
            }
        }
        return Optional.empty();
    }

    /** The JVM Maven started for the goal: a process under Maven's that runs autogen-core's ForkedGoal. */
    private static long goalJvm(NestedMaven.Running running) throws InterruptedException {
        long deadline = System.nanoTime() + CLUSTER_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> goal = running.process().toHandle().descendants()
                    .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
                            .anyMatch(argument -> argument.startsWith("@") && argument.contains("autogen-goal-"))
                            || process.info().commandLine().orElse("").contains("autogen-goal-"))
                    .findFirst();
            if (goal.isPresent()) {
                return goal.get().pid();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no JVM of the goal under mvn: " + running.log());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean exits(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.sorted().toList();
        }
    }
}
