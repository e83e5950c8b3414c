package dev.autogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.Map;

/**
 * autogen:merge — writes a migration that follows every head and has no steps, joining two branches of the
 * history. It replays each branch on a scratch database first and names the objects both change in ways that
 * conflict (the same column altered differently, the same name created twice).
 */
@Mojo(name = "merge",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class MergeMojo extends AbstractScratchMojo {

    /** What the migration does, in a few words: becomes its message and part of its class name. */
    @Parameter(property = "message")
    private String message;

    @Override
    String goal() {
        return "merge";
    }

    @Override
    void addProperties(Map<String, String> properties) throws MojoFailureException {
        put(properties, "message", message);
        super.addProperties(properties);
    }
}
