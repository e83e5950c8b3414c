package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** autogen:current — prints the revision the live database (autogen.url) is at. */
@Mojo(name = "current",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class CurrentMojo extends AbstractAutogenMojo {

    @Override
    String goal() {
        return "current";
    }
}
