package dev.autogen.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:check-no-fork — autogen:check for binding into the build (phase verify by default), where
 * the classes are already compiled: it does not fork a compile of its own, as autogen:check does
 * when typed on the command line. The same convention as maven-source-plugin's jar-no-fork.
 */
@Mojo(name = "check-no-fork", configurator = MaskingConfigurator.HINT, defaultPhase = LifecyclePhase.VERIFY,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class CheckNoForkMojo extends AbstractScratchMojo {

    @Override
    String goal() {
        return "check";
    }
}
