package dev.autogen.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * autogen:check-migrations — fails when a migration file does not parse or the migrations do not
 * form a history from base (an unknown parent, a duplicate id, a circle). Two heads pass: the goals that
 * need one head say so, and current, history and heads show them. The compiling goals run it before
 * javac, so these errors come as one line of autogen's rather than as compiler output.
 */
@Mojo(name = "check-migrations", configurator = MaskingConfigurator.HINT, defaultPhase = LifecyclePhase.VALIDATE,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class CheckMigrationsMojo extends AbstractAutogenMojo {

    @Override
    String goal() {
        return "check-migrations";
    }

    @Override
    boolean runsInMavensJvm() {
        return true;
    }
}
