package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:history — lists the migrations, newest first; with autogen.url, marks each applied (when, by
 * whom, how long, whether the compiled class still has the checksum it was applied with) or pending.
 * It does not compile, so that it shows a history whose files do not compile.
 */
@Mojo(name = "history",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class HistoryMojo extends AbstractAutogenMojo {

    @Override
    String goal() {
        return "history";
    }
}
