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
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The cache folder of the embedded PostgreSQL names its build, not where a local repository keeps the jar. */
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
}
