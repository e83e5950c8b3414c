package dev.autogen.maven;

import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.util.Map;

/**
 * autogen:sql — writes the SQL that upgrade (or downgrade) would send, statement for statement, with the
 * version table, the advisory lock and the transactions, to a file or the console; changes no database.
 * Compiles first: the statements come from the migration classes.
 */
@Mojo(name = "sql",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class SqlMojo extends AbstractAutogenMojo {

    /**
     * Where the database starts: {@code current} (its version table is read from autogen.url, nothing else),
     * {@code base} (a database never migrated) or a revision id. No database is needed but for current.
     */
    @Parameter(property = "autogen.from", defaultValue = "current")
    private String from;

    /** Where it ends: {@code head} or a revision id; {@code base}, {@code -N} or a revision the start has applied is a downgrade. */
    @Parameter(property = "autogen.target", defaultValue = "head")
    private String target;

    /** The file to write the SQL to; the console when not given. */
    @Parameter(property = "autogen.output")
    private File output;

    @Override
    String goal() {
        return "sql";
    }

    @Override
    void addProperties(Map<String, String> properties) {
        put(properties, "from", from);
        put(properties, "target", target);
        put(properties, "output", output == null ? null : output.getAbsolutePath());
    }
}
