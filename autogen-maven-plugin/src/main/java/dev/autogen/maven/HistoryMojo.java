package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.util.Map;

/**
 * autogen:history — lists the migrations, newest first; with autogen.url, marks each applied (when, by
 * whom, how long, whether the compiled class still has the checksum it was applied with) or pending.
 * It does not compile, so that it shows a history whose files do not compile.
 * With autogen.summary it writes the Markdown review of the migrations the database has not applied.
 */
@Mojo(name = "history",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class HistoryMojo extends AbstractAutogenMojo {

    /**
     * A Markdown file to write for a pull request's review: the migrations the database has not applied (every
     * migration without a database), each step with its locks, rewrites and what may fail on existing rows or lose
     * data. Reads the compiled migration classes.
     */
    @Parameter(property = "autogen.summary")
    private File summary;

    @Override
    String goal() {
        return "history";
    }

    @Override
    void addProperties(Map<String, String> properties) {
        put(properties, "summary", summary == null ? null : summary.getAbsolutePath());
    }
}
