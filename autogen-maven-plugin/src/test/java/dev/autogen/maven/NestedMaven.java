package dev.autogen.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the real mvn on a generated project, the way a user would, against target/it-repo (where
 * invoker:install put this plugin and autogen-core) backed by the outer build's local repository.
 */
final class NestedMaven {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final long TIMEOUT_MINUTES = 5;

    /** What one mvn run printed, and how it ended. */
    record Result(int exitCode, String output, Path log) {

        boolean succeeded() {
            return exitCode == 0;
        }

        /** The lines Maven prints for a failed goal, without the [ERROR] prefixes and the help footer. */
        String failure() {
            StringBuilder text = new StringBuilder();
            boolean inFailure = false;
            for (String line : output.lines().toList()) {
                if (line.startsWith("[ERROR] Failed to execute goal")) {
                    inFailure = true;
                }
                if (inFailure) {
                    if (line.equals("[ERROR] ") || line.equals("[ERROR]") || line.contains("To see the full stack trace")) {
                        break;
                    }
                    text.append(line.replaceFirst("^\\[ERROR\\] ?", "")).append('\n');
                }
            }
            return text.toString().strip();
        }

        @Override
        public String toString() {
            return "mvn exited " + exitCode + " (full log: " + log + ")\n" + output;
        }
    }

    private NestedMaven() {
    }

    static Result run(Path project, String... arguments) throws IOException, InterruptedException {
        return run(project, Map.of(), arguments);
    }

    /** Runs mvn with {@code environment} added to this process's environment (less DATABASE_URL). */
    static Result run(Path project, Map<String, String> extraEnvironment, String... arguments) throws IOException, InterruptedException {
        Running running = start(project, extraEnvironment, arguments);
        Process process = running.process();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("mvn " + String.join(" ", arguments) + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; log: " + running.log());
        }
        return running.result();
    }

    /** An mvn still running: its process is the Maven JVM itself (bin/mvn execs java). */
    record Running(Process process, Path log) {

        /** What it printed and how it ended, once it has. */
        Result result() throws IOException {
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
        }
    }

    /** Starts mvn as {@link #run} does, without waiting for it. */
    static Running start(Path project, Map<String, String> extraEnvironment, String... arguments) throws IOException {
        Path logs = logs();
        Path log = logs.resolve(String.format("%02d-%s-%s.log", RUNS.incrementAndGet(), project.getFileName(),
                arguments[0].replaceAll("[^A-Za-z0-9]+", "_")));
        List<String> command = new ArrayList<>();
        command.add(mvn());
        command.addAll(List.of("-B", "-ntp", "-s", settings().toString(), "-Dmaven.repo.local=" + itRepo()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        // a DATABASE_URL of the machine running the tests would become the goals' live database
        environment.remove("DATABASE_URL");
        environment.putIfAbsent("MAVEN_OPTS", "-XX:TieredStopAtLevel=1");
        environment.putAll(extraEnvironment);
        return new Running(builder.start(), log);
    }

    /** The logs of this test run only: the folder is emptied before the first run. */
    private static synchronized Path logs() throws IOException {
        Path logs = projectsRoot().resolve("logs");
        if (RUNS.get() == 0 && Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(logs);
    }

    static Path projectsRoot() {
        return Path.of(required("it.projects"));
    }

    private static Path itRepo() {
        return Path.of(required("it.repo")).toAbsolutePath();
    }

    private static String mvn() {
        String home = System.getProperty("maven.home");
        if (home != null && !home.isBlank()) {
            Path mvn = Path.of(home, "bin", "mvn");
            if (Files.isExecutable(mvn)) {
                return mvn.toString();
            }
        }
        return "mvn";
    }

    /** The standard invoker it-repo settings: the outer local repository serves as a remote one, so nothing is downloaded twice. */
    private static synchronized Path settings() throws IOException {
        Path settings = projectsRoot().resolve("it-settings.xml");
        String outer = Path.of(required("it.outerRepo")).toUri().toString();
        String repository = """
                        <id>outer-local</id>
                        <url>%s</url>
                        <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
                        <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots>
                """.formatted(outer);
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, """
                <settings>
                  <profiles>
                    <profile>
                      <id>it-repo</id>
                      <repositories>
                        <repository>
                %s        </repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository>
                %s        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>it-repo</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(repository, repository));
        return settings;
    }

    static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the ITs through mvn verify");
        }
        return value;
    }
}
