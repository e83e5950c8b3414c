package dev.autogen.maven;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.maven.plugin.MojoFailureException;

import java.io.IOException;

/** The default scratch server: a PostgreSQL started from Maven Central binaries, for the length of one goal. */
final class EmbeddedScratch {

    private EmbeddedScratch() {
    }

    static ScratchServer start() throws MojoFailureException {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new ScratchServer("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", null,
                    postgres::close);
        } catch (IOException | RuntimeException e) {
            throw new MojoFailureException("Cannot start the embedded PostgreSQL scratch server: " + e.getMessage()
                    + ". Use -Dautogen.scratch=docker or the jdbc:postgresql:// URL of a server autogen may create databases on.", e);
        }
    }
}
