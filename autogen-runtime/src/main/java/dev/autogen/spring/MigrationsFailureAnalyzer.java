package dev.autogen.spring;

import dev.autogen.AutogenException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start refused by autogen (a database behind, an edited migration, a migration that failed) is reported as
 * its one line, under Spring Boot's "APPLICATION FAILED TO START", instead of a stack of bean-creation errors.
 */
public final class MigrationsFailureAnalyzer extends AbstractFailureAnalyzer<AutogenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AutogenException cause) {
        return new FailureAnalysis(cause.getMessage(), "autogen.on-start (validate, upgrade or none) says what the "
                + "application does with its migrations when it starts; the description says what to do.", cause);
    }
}
