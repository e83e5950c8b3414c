package dev.autogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * autogen:revision — compares the entities with the schema the migrations build (or with the live
 * database when autogen.url is set) and writes a migration for the difference.
 */
@Mojo(name = "revision",
        configurator = MaskingConfigurator.HINT, requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES, lifecycle = "autogen")
public class RevisionMojo extends AbstractScratchMojo {

    /** What the migration does, in a few words: becomes its message and part of its class name. */
    @Parameter(property = "message")
    private String message;

    /**
     * Runs the migration on a scratch database holding the current side before writing it: upgrade,
     * downgrade and upgrade again, each compared. false skips that; the file is compiled either way.
     */
    @Parameter(property = "autogen.prove", defaultValue = "true")
    private boolean prove;

    /**
     * A Markdown file to write for a pull request's review: the migration written, each step with the locks it
     * takes, whether it rewrites or scans, and what may fail on existing rows or lose data.
     */
    @Parameter(property = "autogen.summary")
    private File summary;

    /**
     * Columns and tables to rename rather than drop and add, which keeps their data: schema.table.column:new_column
     * or schema.table:new_table (also a sequence), named as the database has them, e.g.
     * public.books.author:writer,public.old_table:new_table.
     */
    @Parameter(property = "autogen.renames")
    private List<String> renames;

    @Override
    String goal() {
        return "revision";
    }

    @Override
    void addProperties(Map<String, String> properties) throws MojoFailureException {
        put(properties, "message", message);
        put(properties, "prove", String.valueOf(prove));
        put(properties, "summary", summary == null ? null : summary.getAbsolutePath());
        put(properties, "renames", renames == null ? null : String.join(",", renames));
        super.addProperties(properties);
    }
}
