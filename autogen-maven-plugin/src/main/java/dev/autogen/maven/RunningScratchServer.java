package dev.autogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.util.Locale;

/**
 * The PostgreSQL server autogen creates its throw-away databases on, running for one goal, as
 * autogen.scratch names it: {@code embedded} (default) or {@code docker}, started here and stopped
 * on close, or the JDBC URL of a server the user runs.
 */
final class RunningScratchServer implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final AutoCloseable stop;

    RunningScratchServer(String url, String user, String password, AutoCloseable stop) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.stop = stop;
    }

    /** @param inMemory whether an embedded server's data may be kept on a file system in memory (Linux's /dev/shm) */
    static RunningScratchServer start(String scratch, String user, String password, boolean inMemory, Log log)
            throws MojoFailureException {
        String kind = scratch == null || scratch.isBlank() ? "embedded" : scratch.strip();
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "embedded":
                quietLibraryLogging(log, "warn", "io.zonky.test");
                return EmbeddedScratch.start(inMemory, log);
            case "docker":
                quietLibraryLogging(log, "warn", "org.testcontainers", "tc", "com.github.dockerjava");
                // its multi-line report of every Docker configuration it tried: shown with -X, else our one line says it
                quietLibraryLogging(log, "off", "org.testcontainers.dockerclient");
                return DockerScratch.start();
            default:
                if (kind.startsWith("jdbc:postgresql:") || kind.startsWith("postgresql:") || kind.startsWith("postgres:")) {
                    return new RunningScratchServer(kind, user, password, () -> { });
                }
                throw new MojoFailureException("autogen.scratch is '" + MaskingConfigurator.redact(kind) + "': use embedded (the default), docker, "
                        + "or the jdbc:postgresql://host:port/database URL of a server autogen may create databases on");
        }
    }

    /** Libraries that log through Maven's SLF4J: their INFO lines would drown the goal's own output. */
    private static void quietLibraryLogging(Log log, String level, String... loggers) {
        if (log.isDebugEnabled()) {
            return;
        }
        for (String logger : loggers) {
            // read by Maven's SLF4J simple logger when a logger of that name is first created
            System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log." + logger, level);
        }
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
