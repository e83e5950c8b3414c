package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.Map;

/** autogen:downgrade — reverts migrations on the live database (autogen.url) down to autogen.target. */
@Mojo(name = "downgrade",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class DowngradeMojo extends AbstractAutogenMojo {

    /** How far back: {@code -1} (one migration), {@code -N}, {@code base} (all) or a revision id. No default. */
    @Parameter(property = "autogen.target")
    private String target;

    @Override
    String goal() {
        return "downgrade";
    }

    @Override
    void addProperties(Map<String, String> properties) {
        put(properties, "target", target);
    }
}
