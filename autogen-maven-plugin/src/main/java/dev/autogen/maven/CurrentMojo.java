package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:current — prints the revision the live database (autogen.url) is at. Compiles first, so that
 * an applied migration edited since is refused by its checksum.
 */
@Mojo(name = "current",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class CurrentMojo extends AbstractAutogenMojo {

    @Override
    String goal() {
        return "current";
    }
}
