package dev.autogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.Map;

/**
 * autogen:revision — compares the entities with the schema the migrations build (or with the live
 * database when autogen.url is set) and writes a migration for the difference.
 */
@Mojo(name = "revision",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class RevisionMojo extends AbstractScratchMojo {

    /** What the migration does, in a few words: becomes its message and part of its class name. */
    @Parameter(property = "message")
    private String message;

    /**
     * Runs the migration on a scratch database holding the current side before writing it: upgrade,
     * downgrade and upgrade again, each compared. false skips that; the file is compiled either way.
     */
    @Parameter(property = "autogen.prove", defaultValue = "true")
    private boolean prove;

    @Override
    String goal() {
        return "revision";
    }

    @Override
    void addProperties(Map<String, String> properties) throws MojoFailureException {
        put(properties, "message", message);
        put(properties, "prove", String.valueOf(prove));
        super.addProperties(properties);
    }
}
