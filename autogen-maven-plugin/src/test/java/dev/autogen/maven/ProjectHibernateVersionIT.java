package dev.autogen.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A project that runs on another Hibernate 7 than autogen-core's: its entities are read by that
 * Hibernate, because the goals run inside the project's own runtime class path.
 */
class ProjectHibernateVersionIT {

    private static final String PROJECT_HIBERNATE = "7.2.24.Final";

    @Test
    void theProjectsHibernateReadsTheEntities() throws Exception {
        TestProject project = Library.project("own-hibernate");
        Path pom = project.directory().resolve("pom.xml");
        String text = Files.readString(pom);
        String projectPom = text.replaceFirst("(<artifactId>hibernate-core</artifactId>\\s*<version>)[^<]+(</version>)",
                "$1" + PROJECT_HIBERNATE + "$2");
        assertTrue(projectPom.contains(PROJECT_HIBERNATE), text);
        project.write("pom.xml", projectPom);

        // with -X the goal names the class path it runs autogen-core in
        NestedMaven.Result revision = project.mvn("autogen:revision", "-Dmessage=create tables", "-X");

        assertEquals(0, revision.exitCode(), revision::toString);
        assertEquals(1, project.migrations().size());
        String classPath = revision.output().lines().filter(l -> l.contains("autogen:revision runs in a JVM of its own on the project's runtime class path"))
                .findFirst().orElseThrow(() -> new AssertionError("no class path line:\n" + revision));
        assertTrue(classPath.contains("hibernate-core-" + PROJECT_HIBERNATE + ".jar"), classPath);
        assertFalse(classPath.contains("hibernate-core-7.3"), "autogen-core's own Hibernate is not there: " + classPath);

        NestedMaven.Result check = project.mvn("autogen:check");
        assertEquals(0, check.exitCode(), check::toString);
    }
}
