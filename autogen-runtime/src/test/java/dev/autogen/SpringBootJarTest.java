package dev.autogen;

import dev.autogen.testing.CompiledClasses;
import dev.autogen.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;
import org.springframework.boot.loader.launch.JarLauncher;
import org.springframework.boot.loader.launch.PropertiesLauncher;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import static dev.autogen.testing.MigrationTexts.addIsbn;
import static dev.autogen.testing.MigrationTexts.createBooks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application packed as Spring Boot packs it (its classes in BOOT-INF/classes, its libraries stored in BOOT-INF/lib,
 * Spring Boot's launchers at the root) runs the migrations it carries from a deployment job's main class, started as
 * the README says: the migrations are found in the nested BOOT-INF/classes.
 */
class SpringBootJarTest {

    @TempDir
    Path dir;

    @Test
    void aSpringBootJarRunsTheMigrationsItCarries() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("com.example.migrations.M1_Books", createBooks("com.example.migrations", "M1_Books", "aaa"));
        sources.put("com.example.migrations.M2_Isbn", addIsbn("com.example.migrations", "M2_Isbn", "bbb", "aaa"));
        sources.put("com.example.Deploy", """
                package com.example;

                import dev.autogen.Migrations;
                import org.postgresql.ds.PGSimpleDataSource;

                public class Deploy {
                    public static void main(String[] args) {
                        PGSimpleDataSource dataSource = new PGSimpleDataSource();
                        dataSource.setUrl(args[0]);
                        dataSource.setUser(args[1]);
                        Migrations migrations = Migrations.configure().dataSource(dataSource).migrations("com.example.migrations")
                                .log(System.out::println).load();
                        migrations.upgrade();
                        System.out.println("current " + migrations.current() + " from "
                                + Deploy.class.getClassLoader().getResource("com/example/migrations/M1_Books.class"));
                    }
                }
                """);
        Path driver = location(Driver.class);
        Path classes = CompiledClasses.compile(dir.resolve("classes"), sources, driver);
        Path runtimeJar = CompiledClasses.jar(CompiledClasses.runtimeClasses(), dir.resolve("autogen-runtime.jar"));
        Path launcher = CompiledClasses.unpack(location(JarLauncher.class), dir.resolve("launcher"));

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JarLauncher.class.getName());
        manifest.getMainAttributes().putValue("Start-Class", "com.example.Application");
        manifest.getMainAttributes().putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        manifest.getMainAttributes().putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        Path app = CompiledClasses.jar(dir.resolve("app.jar"), manifest, Map.of("", launcher, "BOOT-INF/classes/", classes),
                Map.of("BOOT-INF/lib/autogen-runtime.jar", runtimeJar, "BOOT-INF/lib/postgresql.jar", driver));

        try (TestDatabase db = TestDatabase.create("runtime_boot_jar")) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path log = dir.resolve("app.log");
            // a deployment job: the application's jar, started at another main class than the application's
            Process process = new ProcessBuilder(List.of(java.toString(), "-Dloader.main=com.example.Deploy", "-cp", app.toString(),
                    PropertiesLauncher.class.getName(), db.url(), db.user()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the application did not end within a minute");
            } finally {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("Upgrading to aaa (M1_Books)"), output);
            assertTrue(output.contains("current bbb from jar:nested:"), output);
            assertTrue(output.contains("/app.jar/!BOOT-INF/classes/!/com/example/migrations/M1_Books.class"), output);
            assertEquals("bbb", db.query("SELECT revision FROM autogen_version ORDER BY applied_at DESC, revision DESC LIMIT 1"));
            assertEquals("1", db.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'books' AND column_name = 'isbn'"));
        }
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

}
