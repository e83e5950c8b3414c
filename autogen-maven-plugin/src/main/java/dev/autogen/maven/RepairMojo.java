package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:repair — after a review of edits to applied migrations, records their checksums as the
 * files are now in the version table of the live database (autogen.url).
 */
@Mojo(name = "repair",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class RepairMojo extends AbstractAutogenMojo {

    @Override
    String goal() {
        return "repair";
    }
}
