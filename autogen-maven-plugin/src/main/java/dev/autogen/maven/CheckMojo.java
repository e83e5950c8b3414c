package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:check — fails the build when the entities differ from the schema the migrations build
 * (or from the live database when autogen.url is set), listing the differences. Compiles first;
 * to check as part of the build, bind autogen:check-no-fork instead, which uses the build's own compile.
 */
@Mojo(name = "check", configurator = MaskingConfigurator.HINT, defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class CheckMojo extends AbstractScratchMojo {

    @Override
    String goal() {
        return "check";
    }
}
