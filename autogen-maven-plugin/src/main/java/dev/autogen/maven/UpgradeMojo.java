package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.util.Map;

/** autogen:upgrade — applies the migrations to the live database (autogen.url), up to autogen.target. */
@Mojo(name = "upgrade",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class UpgradeMojo extends AbstractAutogenMojo {

    /** The revision to stop at: {@code head} or a revision id. */
    @Parameter(property = "autogen.target", defaultValue = "head")
    private String target;

    @Override
    String goal() {
        return "upgrade";
    }

    @Override
    void addProperties(Map<String, String> properties) {
        put(properties, "target", target);
    }
}
