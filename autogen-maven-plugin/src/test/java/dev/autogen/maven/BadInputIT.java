package dev.autogen.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every failure a user can cause ends in one line that says what happened and what to do, a
 * non-zero exit, no stack trace, and nothing written or applied.
 */
class BadInputIT {

    private static final String VERSION = NestedMaven.required("it.autogenVersion");

    @Test
    void noEntityInTheConfiguredPackages() throws Exception {
        TestProject project = TestProject.create("no-entities", "com.example.nothing", true)
                .javaSource("com.example.nothing", "Helper", "public class Helper {\n}\n");

        NestedMaven.Result result = project.mvn("autogen:revision", "-Dmessage=first");

        String line = assertOneLineFailure(result, "revision", "no-entities");
        assertTrue(line.contains("No @Entity class found in packages [com.example.nothing]"), line);
        assertTrue(line.contains("check the <packages> of the autogen plugin configuration"), line);
        assertEquals(List.of(), project.migrations());
    }

    @Test
    void anEntityHibernateRejects() throws Exception {
        TestProject project = Library.project("rejected-mapping")
                .javaSource(Library.DOMAIN, "Author", """
                        import jakarta.persistence.Entity;
                        import jakarta.persistence.Id;
                        import jakarta.persistence.OneToMany;
                        import java.util.ArrayList;
import java.util.List;

                        @Entity
                        public class Author {
                            @Id
                            Long id;

                            @OneToMany(mappedBy = "nope")
                            List<Book> books;
                        }
                        """);

        NestedMaven.Result result = project.mvn("autogen:revision", "-Dmessage=first");

        String line = assertOneLineFailure(result, "revision", "rejected-mapping");
        assertTrue(line.contains("Hibernate rejects the entities: "), line);
        assertTrue(line.contains("nope"), line);
        assertTrue(line.contains("Fix the mapping, then run again."), line);
        assertEquals(List.of(), project.migrations());
    }

    @Test
    void anUnreachableDatabase() throws Exception {
        TestProject project = Library.project("unreachable");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + closedPort + "/postgres";

        NestedMaven.Result result = project.mvn("autogen:upgrade", "-Dautogen.url=" + url, "-Dautogen.user=postgres");

        String line = assertOneLineFailure(result, "upgrade", "unreachable");
        assertTrue(line.contains("Cannot reach database " + url), line);
        assertTrue(line.contains("Check that PostgreSQL is running there and that autogen.url is right."), line);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndNoPasswordReachesTheScreenEvenWithDebugOutput() throws Exception {
        TestProject project = Library.project("silent-server");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> accepted = new ArrayList<>();
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/shop";

            long start = System.nanoTime();
            NestedMaven.Result result = project.mvn("-X", "autogen:check-no-fork", "-Dautogen.url=" + url + "?password=url-secret",
                    "-Dautogen.user=app", "-Dautogen.password=parameter-secret", "-Dautogen.scratchPassword=scratch-secret",
                    "-Dautogen.connectTimeout=1");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            assertNotEquals(0, result.exitCode(), result::toString);
            assertTrue(seconds < 120, "gave up after " + seconds + " s");
            String failure = result.failure();
            assertTrue(failure.startsWith("Failed to execute goal dev.autogen:autogen-maven-plugin:" + VERSION
                    + ":check-no-fork (default-cli) on project silent-server: The server at database " + url
                    + "?password=**** accepted the connection but did not answer the login within 1 s (the read timeout, "
                    + "autogen.connectTimeout)."), result::toString);
            for (String secret : List.of("url-secret", "parameter-secret", "scratch-secret")) {
                assertFalse(result.output().contains(secret), () -> secret + " on screen:\n" + result);
            }
            assertTrue(result.output().contains("(f) password = ****"), result::toString);
            assertTrue(result.output().contains("(f) scratchPassword = ****"), result::toString);
            assertTrue(result.output().contains("(f) url = " + url + "?password=****"), result::toString);
        }
    }

    @Test
    void anOptionTheGoalsJvmRefuses() throws Exception {
        TestProject project = Library.project("bad-jvm-option");

        NestedMaven.Result result = project.mvn("autogen:heads", "-Dautogen.jvmArgs=-Xmx512m -XX:+NoSuchOptionAnywhere");

        String line = assertOneLineFailure(result, "heads", "bad-jvm-option");
        assertTrue(line.startsWith("The JVM for autogen:heads did not start"), line);
        assertTrue(line.contains("Unrecognized VM option 'NoSuchOptionAnywhere'"), line);
        assertTrue(line.contains("check autogen.jvmArgs (-Xmx512m -XX:+NoSuchOptionAnywhere)"), line);
    }

    /**
     * The JVM's own logging goes to standard output, the goal's channel: with -Xlog:gc and a flight recording (whose
     * start the JVM announces there too) the goal still runs, and their lines reach the log as the JVM's output.
     */
    @Test
    void optionsThatMakeTheGoalsJvmPrintToStandardOutput() throws Exception {
        TestProject project = Library.project("jvm-logging");
        Path recording = project.directory().resolve("goal.jfr");

        NestedMaven.Result result = project.mvn("autogen:heads",
                "-Dautogen.jvmArgs=-Xlog:gc -XX:StartFlightRecording=filename=" + recording);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.output().contains("No migrations in"), result::toString);
        assertTrue(result.output().lines().anyMatch(line -> line.startsWith("[INFO] [") && line.contains("[gc] Using Serial")),
                result::toString);
        assertTrue(result.output().contains("Started recording"), result::toString);
        assertTrue(Files.size(recording) > 0, "the goal's JVM ended as it should and wrote its recording");
    }

    @Test
    void aGoalThatRunsOutOfMemorySaysHowToGiveItMore() throws Exception {
        TestProject project = Library.project("small-memory");

        // Hibernate's classes alone take more than 12 MB of class metadata: the goal runs out of it, every time
        NestedMaven.Result result = project.mvn("autogen:check", "-Dautogen.jvmArgs=-XX:MaxMetaspaceSize=12m");

        String line = assertOneLineFailure(result, "check", "small-memory");
        assertTrue(line.startsWith("autogen:check ran out of memory in its JVM (java.lang.OutOfMemoryError: Metaspace)"), line);
        assertTrue(line.contains("give it more with -Dautogen.jvmArgs or <jvmArgs>"), line);
        assertTrue(line.contains("(now: -XX:MaxMetaspaceSize=12m)"), line);
    }

    @Test
    void noDatabaseGivenForUpgrade() throws Exception {
        TestProject project = Library.project("no-database");

        NestedMaven.Result result = project.mvn("autogen:upgrade");

        String line = assertOneLineFailure(result, "upgrade", "no-database");
        assertTrue(line.contains("No database given: set -Dautogen.url=jdbc:postgresql://host:port/database"), line);
        assertTrue(line.contains("DATABASE_URL"), line);
    }

    @Test
    void aWrongPassword() throws Exception {
        // zonky's initdb trusts every connection; password checks apply to every role but postgres
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setDataDirectoryCustomizer(dataDirectory -> {
            try {
                Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                        local all all trust
                        host all postgres 127.0.0.1/32 trust
                        host all postgres ::1/128 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        """);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).start()) {
            String url = "jdbc:postgresql://localhost:" + database.getPort() + "/postgres";
            try (Connection admin = database.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE app LOGIN PASSWORD 'right'");
                statement.execute("GRANT ALL ON SCHEMA public TO app");
            }
            try (Connection app = DriverManager.getConnection(url, "app", "right")) {
                assertTrue(app.isValid(5), "the right password is accepted");
            }
            TestProject project = Library.project("wrong-password");

            NestedMaven.Result result = project.mvn("autogen:upgrade", "-Dautogen.url=" + url, "-Dautogen.user=app",
                    "-Dautogen.password=wrong");

            String line = assertOneLineFailure(result, "upgrade", "wrong-password");
            assertTrue(line.contains("Cannot log in to database " + url + " as app: "), line);
            assertTrue(line.contains("password authentication failed"), line);
            assertTrue(line.contains("Check autogen.user and autogen.password."), line);
            assertFalse(line.contains("wrong"), "the password is not echoed: " + line);
            assertEquals(List.of(), publicTables(database), "nothing applied");
        }
    }

    @Test
    void aMigrationFileThatDoesNotParse() throws Exception {
        TestProject project = Library.project("broken-migration");
        project.javaSource(TestProject.MIGRATIONS_PACKAGE, "M20260101_000000_Broken", """
                import dev.autogen.script.Migration;
                import dev.autogen.script.Operations;
                import dev.autogen.script.Revision;

                @Revision(id = "aaaaaaaaaaaa", parent = "", message = "broken", created = "2026-01-01T00:00:00Z")
                public class M20260101_000000_Broken implements Migration {
                    public void upgrade(Operations op) {
                        op.createTable("public", "author"
                    }
                }
                """);
        Path broken = project.migrations().get(0);

        NestedMaven.Result history = project.mvn("autogen:history");

        String line = assertOneLineFailure(history, "history", "broken-migration");
        assertTrue(line.contains("Migration file " + broken + " does not parse at line 10, column 42: ')' expected."), line);
        assertTrue(line.contains("Fix the file or remove it."), line);

        // revision compiles first, but autogen reads the migration files before javac does
        NestedMaven.Result revision = project.mvn("autogen:revision", "-Dmessage=second");

        assertNotEquals(0, revision.exitCode(), revision::toString);
        assertFalse(revision.output().contains("COMPILATION ERROR"), revision::toString);
        String failure = revision.failure();
        assertTrue(failure.startsWith("Failed to execute goal dev.autogen:autogen-maven-plugin:" + VERSION + ":check-migrations ("),
                revision::toString);
        assertTrue(failure.contains("Migration file " + broken + " does not parse at line 10, column 42: ')' expected."), failure);
        assertFalse(failure.contains("\n"), failure);
        assertEquals(List.of(broken), project.migrations(), "nothing written");
    }

    @Test
    void twoMigrationsWithTheSameParentAreTwoHeadsThatHistoryShowsAndCheckRefusesUntilAMerge() throws Exception {
        TestProject project = Library.project("two-heads");
        migration(project, "M20260101_000000_First", "aaaaaaaaaaaa", "");
        migration(project, "M20260102_000000_Left", "bbbbbbbbbbbb", "aaaaaaaaaaaa");
        migration(project, "M20260103_000000_Right", "cccccccccccc", "aaaaaaaaaaaa");

        NestedMaven.Result result = project.mvn("autogen:history", "autogen:check");

        String output = result.output();
        assertTrue(output.contains("[INFO] * aaaaaaaaaaaa -> cccccccccccc (head), M20260103_000000_Right"), output);
        assertTrue(output.contains("[INFO] | * aaaaaaaaaaaa -> bbbbbbbbbbbb (head), M20260102_000000_Left"), output);
        assertTrue(output.contains("[INFO] * <base> -> aaaaaaaaaaaa (branch point), M20260101_000000_First"), output);
        String line = assertOneLineFailure(result, "check", "two-heads");
        assertEquals("Two heads, bbbbbbbbbbbb (M20260102_000000_Left) and cccccccccccc (M20260103_000000_Right): run mvn "
                + "autogen:merge -Dmessage=\"...\" to join them, then run again. -> [Help 1]", line);
        assertEquals(3, project.migrations().size());
    }

    @Test
    void aProjectWithoutAutogenRuntime() throws Exception {
        TestProject project = TestProject.create("no-runtime", Library.DOMAIN, false);

        NestedMaven.Result result = project.mvn("autogen:history");

        String line = assertOneLineFailure(result, "history", "no-runtime");
        assertTrue(line.contains("autogen-runtime is not on the classpath of no-runtime: add the dependency dev.autogen:autogen-runtime:"
                + VERSION + " to the project's pom.xml"), line);
    }

    @Test
    void dockerScratchWithoutADockerEngine() throws Exception {
        assumeTrue(System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock")),
                "a Docker engine may be there");
        TestProject project = Library.project("no-docker");

        NestedMaven.Result result = project.mvn("autogen:check", "-Dautogen.scratch=docker");

        String line = assertOneLineFailure(result, "check", "no-docker");
        assertTrue(line.contains("autogen.scratch=docker but no Docker engine answers here"), line);
        assertFalse(result.output().contains("Could not find a valid Docker environment"), "Testcontainers' report only with -X");
    }

    /** The "[ERROR] Failed to execute goal ..." line: one line, the goal and project named, no stack trace anywhere. */
    private static String assertOneLineFailure(NestedMaven.Result result, String goal, String projectName) {
        assertNotEquals(0, result.exitCode(), result::toString);
        String failure = result.failure();
        String prefix = "Failed to execute goal dev.autogen:autogen-maven-plugin:" + VERSION + ":" + goal
                + " (default-cli) on project " + projectName + ": ";
        assertTrue(failure.startsWith(prefix), () -> "expected " + prefix + "...\n" + result);
        assertFalse(failure.contains("\n"), () -> "one line expected:\n" + failure);
        assertFalse(result.output().contains("\tat ") || result.output().contains("    at "), () -> "no stack trace expected:\n" + result);
        return failure.substring(prefix.length());
    }

    private static void migration(TestProject project, String className, String id, String parent) {
        project.javaSource(TestProject.MIGRATIONS_PACKAGE, className, """
                import dev.autogen.script.Migration;
                import dev.autogen.script.Operations;
                import dev.autogen.script.Revision;

                @Revision(id = "%s", parent = "%s", message = "%s", created = "2026-01-01T00:00:00Z")
                public class %s implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                    }

                    @Override
                    public void downgrade(Operations op) {
                    }
                }
                """.formatted(id, parent, className, className));
    }

    private static List<String> publicTables(EmbeddedPostgres database) throws SQLException {
        try (Connection connection = database.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
            List<String> tables = new java.util.ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            return tables;
        }
    }
}
