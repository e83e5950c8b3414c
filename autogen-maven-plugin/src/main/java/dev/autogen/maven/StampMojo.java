package dev.autogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.Map;

/**
 * autogen:stamp — records a revision as applied to the live database (autogen.url) without running it:
 * how a database built another way is adopted. Compares the database with that revision's schema first
 * (the migrations up to it replayed on a scratch database) and refuses with the differences unless forced.
 */
@Mojo(name = "stamp", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class StampMojo extends AbstractScratchMojo {

    /** The revision the database is at: {@code head}, a revision id, or {@code base}. No default. */
    @Parameter(property = "autogen.target")
    private String target;

    /** Stamp although the database differs from the revision's schema. */
    @Parameter(property = "autogen.force", defaultValue = "false")
    private boolean force;

    @Override
    String goal() {
        return "stamp";
    }

    @Override
    void addProperties(Map<String, String> properties) throws MojoFailureException {
        put(properties, "target", target);
        properties.put("force", Boolean.toString(force));
        super.addProperties(properties);
    }
}
