package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:heads — lists the heads of the migration history: one, or more while branches are not yet
 * merged (then revision, check and upgrade refuse to run, and autogen:merge joins them). Reads the
 * migration files only: no compile, no database.
 */
@Mojo(name = "heads",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class HeadsMojo extends AbstractAutogenMojo {

    @Override
    String goal() {
        return "heads";
    }
}
