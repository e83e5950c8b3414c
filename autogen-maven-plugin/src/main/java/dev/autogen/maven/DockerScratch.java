package dev.autogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** autogen.scratch=docker: a postgres:17 container, for extensions the embedded build lacks. */
final class DockerScratch {

    static final String IMAGE = "postgres:17";

    private DockerScratch() {
    }

    static RunningScratchServer start() throws MojoFailureException {
        if (!dockerAvailable()) {
            throw new MojoFailureException("autogen.scratch=docker but no Docker engine answers here: start Docker "
                    + "(or set DOCKER_HOST), or use -Dautogen.scratch=embedded (the default); -X shows the configurations tried");
        }
        // as the embedded server: fsync off, and lock slots for a first migration of 10,000 tables in one transaction
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_locks_per_transaction=1536");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new MojoFailureException("Cannot start a " + IMAGE + " container for the scratch database: " + e.getMessage(), e);
        }
        return new RunningScratchServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(), container::close);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
