package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:history — lists the migrations, newest first; marks the live database's revision when
 * autogen.url is set. Reads the migration sources only, so it needs neither a compile nor a database.
 */
@Mojo(name = "history",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class HistoryMojo extends AbstractAutogenMojo {

    @Override
    String goal() {
        return "history";
    }
}
