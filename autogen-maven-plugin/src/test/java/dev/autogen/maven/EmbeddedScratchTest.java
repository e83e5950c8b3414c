package dev.autogen.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache folder of the embedded PostgreSQL names its build, not where a local repository keeps the jar; data in
 * memory that no cluster folder points to any more are removed, unless their postmaster runs or they are new.
 */
class EmbeddedScratchTest {

    @Test
    void copiesOfTheBinariesJarInTwoLocalRepositoriesShareOneCacheFolder(@TempDir Path first, @TempDir Path second) throws Exception {
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(EmbeddedScratch.archiveName());
        assertNotNull(archive, "the binaries of this system are on the test class path");
        Path jar = Path.of(((JarURLConnection) archive.openConnection()).getJarFileURL().toURI());
        Path one = Files.copy(jar, first.resolve(jar.getFileName()));
        Path other = Files.copy(jar, Files.createDirectories(second.resolve("io/zonky")).resolve(jar.getFileName()));
        try (URLClassLoader a = new URLClassLoader(new URL[] {one.toUri().toURL()}, null);
             URLClassLoader b = new URLClassLoader(new URL[] {other.toUri().toURL()}, null)) {
            assertEquals(EmbeddedScratch.buildKey(a), EmbeddedScratch.buildKey(b));
            assertEquals(EmbeddedScratch.buildKey(EmbeddedPostgres.class.getClassLoader()), EmbeddedScratch.buildKey(a));
        }
    }

    /** Scratch data in memory as a cluster leaves them, last changed {@code minutesAgo}, with a pid file naming {@code pid}. */
    private static Path memoryData(Path memory, String id, long minutesAgo, Long pid) throws Exception {
        Path data = Files.createDirectories(memory.resolve("autogen-scratch-" + id).resolve("base"));
        data = data.getParent();
        if (pid != null) {
            Files.writeString(data.resolve("postmaster.pid"), pid + "\n/somewhere/clusters/" + id + "/data\n");
        }
        Files.setLastModifiedTime(data, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60 * minutesAgo)));
        return data;
    }

    @Test
    void dataInMemoryThatNoClusterPointsToAreRemovedUnlessTheirPostmasterRunsOrTheyAreNew(@TempDir Path root) throws Exception {
        Path memory = Files.createDirectories(root.resolve("shm"));
        Path clusters = Files.createDirectories(root.resolve("clusters"));
        // a process named postgres, as a postmaster of any build is
        Path postgres = Files.copy(Path.of("/bin/sleep"), root.resolve("postgres"));
        assertTrue(postgres.toFile().setExecutable(true));
        Process running = new ProcessBuilder(postgres.toString(), "60").start();
        try {
            Path orphan = memoryData(memory, "orphan", 10, null);
            Path deadPostmaster = memoryData(memory, "dead", 10, 2_000_000_000L);
            Path reusedPid = memoryData(memory, "reused", 10, ProcessHandle.current().pid());
            Path runningPostmaster = memoryData(memory, "running", 10, running.pid());
            Path starting = memoryData(memory, "starting", 0, null);
            Path linked = memoryData(memory, "linked", 10, null);
            Files.createDirectories(clusters.resolve("linked"));
            Path other = Files.createDirectories(memory.resolve("not-autogen"));
            Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(0));

            EmbeddedScratch.removeOrphanedMemory(memory, clusters, new org.apache.maven.plugin.logging.SystemStreamLog());

            assertFalse(Files.exists(orphan));
            assertFalse(Files.exists(deadPostmaster));
            assertFalse(Files.exists(reusedPid), "a pid another program now has");
            assertTrue(Files.exists(runningPostmaster));
            assertTrue(Files.exists(starting));
            assertTrue(Files.exists(linked));
            assertTrue(Files.exists(other));
        } finally {
            running.destroy();
        }
    }
}
