package dev.autogen.maven;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pom.xml the README tells a newcomer to copy builds as it is written, on the Maven that runs the ITs. */
class ReadmeExampleIT {

    private static final Pattern POM = Pattern.compile("## Using it in a project\\n.*?```xml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmesPomBuildsAndItsDriftCheckPassesAfterTheFirstRevision() throws Exception {
        Path readme = Path.of("..", "README.md").toAbsolutePath().normalize();
        Matcher matcher = POM.matcher(Files.readString(readme));
        assertTrue(matcher.find(), "no ```xml block under \"## Using it in a project\" in " + readme);
        String pom = matcher.group(1);
        String version = NestedMaven.required("it.autogenVersion");
        assertTrue(pom.contains("<artifactId>autogen-maven-plugin</artifactId>\n        <version>" + version + "</version>"),
                "the README names the plugin version this build makes, " + version + ":\n" + pom);

        TestProject project = TestProject.create("readme-example")
                .write("pom.xml", pom)
                .javaSource(Library.DOMAIN, "Author", Library.AUTHOR);

        NestedMaven.Result result = project.mvn("autogen:revision", "-Dmessage=first", "verify");

        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(result.output().contains("Source option 5 is no longer supported"), result::toString);
        assertEquals(1, project.migrations().size(), result::toString);
        assertTrue(result.output().contains("autogen-maven-plugin:" + version + ":check-no-fork (model-drift) @ shop"),
                result::toString);
        assertTrue(result.output().contains("[INFO] The migrations match the entities."), result::toString);
    }
}
