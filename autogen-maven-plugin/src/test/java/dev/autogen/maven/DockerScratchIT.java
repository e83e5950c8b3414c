package dev.autogen.maven;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With a Docker engine, a PostgreSQL container serves as the scratch server. Skipped, not failed,
 * where no engine answers (the embedded default needs none).
 */
class DockerScratchIT {

    @Test
    void revisionAndCheckOnAContainer() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine here");
        TestProject project = Library.project("docker-scratch");

        NestedMaven.Result revision = project.mvn("autogen:revision", "-Dmessage=create tables", "-Dautogen.scratch=docker");
        assertEquals(0, revision.exitCode(), revision::toString);
        assertEquals(1, project.migrations().size());

        NestedMaven.Result check = project.mvn("autogen:check", "-Dautogen.scratch=docker");
        assertEquals(0, check.exitCode(), check::toString);
        assertTrue(check.output().contains("The migrations match the entities."), check::toString);
    }
}
