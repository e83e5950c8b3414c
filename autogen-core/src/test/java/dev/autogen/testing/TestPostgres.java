package dev.autogen.testing;

import dev.autogen.db.ConnectionSpec;
import dev.autogen.db.ScratchAdmin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One embedded PostgreSQL for the whole test JVM; each test makes its own databases on it. */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    public static ConnectionSpec admin() {
        return new ConnectionSpec("jdbc:postgresql://localhost:" + server().getPort() + "/postgres", "postgres", null);
    }

    public static ScratchAdmin scratch() {
        return new ScratchAdmin(admin());
    }
}
