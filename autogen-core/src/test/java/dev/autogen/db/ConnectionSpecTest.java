package dev.autogen.db;

import dev.autogen.AutogenException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionSpecTest {

    @Test
    void jdbcUrlsAreKept() {
        assertEquals(new ConnectionSpec("jdbc:postgresql://db:5432/shop", "app", "pw"),
                ConnectionSpec.parse("jdbc:postgresql://db:5432/shop", "app", "pw"));
    }

    @Test
    void databaseUrlFormBecomesJdbcWithItsCredentials() {
        assertEquals(new ConnectionSpec("jdbc:postgresql://db.example:6543/shop?sslmode=require", "app", "p@ss:word"),
                ConnectionSpec.parse("postgresql://app:p%40ss%3Aword@db.example:6543/shop?sslmode=require", null, null));
        assertEquals(new ConnectionSpec("jdbc:postgresql://localhost/shop", "other", "pw"),
                ConnectionSpec.parse("postgres://app:secret@localhost/shop", "other", "pw"),
                "explicit user and password win over the URL's");
    }

    @Test
    void otherUrlsAreRefusedWithTheFormsThatWork() {
        AutogenException e = assertThrows(AutogenException.class, () -> ConnectionSpec.parse("mysql://x/y", null, null));
        assertTrue(e.getMessage().contains("jdbc:postgresql://host:port/database"), e.getMessage());
        AutogenException missing = assertThrows(AutogenException.class, () -> ConnectionSpec.parse(" ", null, null));
        assertTrue(missing.getMessage().contains("DATABASE_URL"), missing.getMessage());
    }

    @Test
    void theLastAtEndsTheUserInfoAsInLibpq() {
        assertEquals(new ConnectionSpec("jdbc:postgresql://127.0.0.1:5432/shop", "app", "p@ss"),
                ConnectionSpec.parse("postgresql://app:p@ss@127.0.0.1:5432/shop", null, null),
                "the server is 127.0.0.1, not localhost, and the password is p@ss");
        assertEquals(new ConnectionSpec("jdbc:postgresql://db/shop", "app", "a:b@c"),
                ConnectionSpec.parse("postgresql://app:a:b@c@db/shop", null, null), "the first ':' ends the user name");
    }

    @Test
    void percentDecodingIsRfc3986s() {
        ConnectionSpec spec = ConnectionSpec.parse("postgresql://b%C3%A9a:1+1%25@db/caf%C3%A9", null, null);
        assertEquals("béa", spec.user());
        assertEquals("1+1%", spec.password(), "'+' is a plus in a URI, not a space");
        assertEquals("jdbc:postgresql://db/caf%C3%A9", spec.url(), "the database name as PgJDBC decodes it");
    }

    @Test
    void severalHostsIpv6AndParametersReachTheJdbcUrl() {
        ConnectionSpec spec = ConnectionSpec.parse(
                "postgresql://app@primary:5432,[::1]:5433,standby/shop?sslmode=verify-full&application_name=my%20app"
                        + "&password=p%26w&connect_timeout=3", null, null);
        assertEquals("jdbc:postgresql://primary:5432,[::1]:5433,standby/shop?sslmode=verify-full&ApplicationName=my+app",
                spec.url());
        assertEquals("app", spec.user());
        assertEquals("p&w", spec.password(), "a password parameter is a password, not part of the JDBC URL");
        assertEquals(3, spec.connectTimeoutSeconds(), "libpq's connect_timeout");
        assertEquals("jdbc:postgresql://localhost/shop", ConnectionSpec.parse("postgresql:///shop", null, null).url());
        assertEquals("jdbc:postgresql://[2001:db8::1]/", ConnectionSpec.parse("postgresql://[2001:db8::1]", null, null).url());
    }

    @Test
    void ambiguousUserInfoIsRefusedWithoutAnyPieceOfThePassword() {
        AutogenException e = assertThrows(AutogenException.class,
                () -> ConnectionSpec.parse("postgresql://app:p@ss:w/rd%41#x@127.0.0.1:5432/shop", null, null));
        assertOneLineWithout(e, "ss:w", "w/rd", "%41", "#x");
        assertTrue(e.getMessage().startsWith("The database URL postgresql://app:****@127.0.0.1:5432/shop has a '/', '?' or '#'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("percent-encode the user and password"), e.getMessage());

        AutogenException badEscape = assertThrows(AutogenException.class,
                () -> ConnectionSpec.parse("postgresql://app:abc%zz@db:5432/shop", null, null));
        assertOneLineWithout(badEscape, "abc", "%zz");
        assertEquals("The password in the database URL postgresql://app:****@db:5432/shop has a '%' that does not start "
                + "a percent-encoded character: write a literal '%' as %25", badEscape.getMessage());

        AutogenException hostParameter = assertThrows(AutogenException.class,
                () -> ConnectionSpec.parse("postgresql://app:secret@db/shop?host=other", null, null));
        assertOneLineWithout(hostParameter, "secret");
        assertTrue(hostParameter.getMessage().contains("sets host as a parameter"), hostParameter.getMessage());
    }

    @Test
    void passwordsAreMaskedWhereverAUrlIsPrinted() {
        ConnectionSpec spec = ConnectionSpec.parse("jdbc:postgresql://db/shop?user=app&password=secret&sslmode=require", null, null);
        assertEquals("jdbc:postgresql://db/shop?user=app&password=****&sslmode=require", spec.toString());
        assertEquals("jdbc:postgresql://db/shop?user=app&password=****&sslmode=require", spec.displayUrl());
        assertEquals("postgresql://app:****@db/shop", ConnectionSpec.redact("postgresql://app:p@ss/w@db/shop"));
        String explained = spec.explain(new SQLException("Connection to db:5432 refused", "08001"));
        assertFalse(explained.contains("secret"), explained);
        AutogenException notJdbc = assertThrows(AutogenException.class,
                () -> ConnectionSpec.parse("jdbc:postgresql://db:port/shop?password=secret", null, null));
        assertOneLineWithout(notJdbc, "secret");
    }

    @Test
    void aFailedLoginNamesTheSettingsThatGaveThePassword() {
        SQLException refused = new SQLException("FATAL: password authentication failed for user \"scratch\"", "28P01");
        ConnectionSpec scratch = ConnectionSpec.parse("jdbc:postgresql://db/postgres", "scratch", "wrong")
                .withKeys(ConnectionSpec.Keys.SCRATCH);
        assertTrue(scratch.explain(refused).endsWith("Check autogen.scratchUser and autogen.scratchPassword."),
                scratch.explain(refused));
        ConnectionSpec live = ConnectionSpec.parse("jdbc:postgresql://db/shop", "app", "wrong");
        assertTrue(live.explain(refused).endsWith("Check autogen.user and autogen.password."), live.explain(refused));
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOutWithTheReadTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = acceptInBackground(silent);
            ConnectionSpec spec = ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/shop", "app", null)
                    .withConnectTimeout(1);
            long start = System.nanoTime();
            AutogenException e = assertThrows(AutogenException.class, spec::connect);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 5, "gave up after " + seconds + " s");
            assertEquals("The server at database jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/shop accepted the "
                    + "connection but did not answer the login within 1 s (the read timeout, autogen.connectTimeout). Check that "
                    + "autogen.url names a PostgreSQL server, or raise autogen.connectTimeout if it is only slow.", e.getMessage());
            close(accepted);
        }
    }

    @Test
    void aServerThatAnswersTooSlowlyToFinishTimesOutWithTheLoginTimeout() throws Exception {
        try (ServerSocket trickling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> trickle(trickling));
            server.setDaemon(true);
            server.start();
            ConnectionSpec spec = ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:" + trickling.getLocalPort() + "/shop"
                    + "?sslmode=disable", "app", null).withConnectTimeout(1);
            long start = System.nanoTime();
            AutogenException e = assertThrows(AutogenException.class, spec::connect);
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 6, "gave up after " + seconds + " s");
            assertTrue(e.getMessage().startsWith("The login to database jdbc:postgresql://127.0.0.1:" + trickling.getLocalPort()
                    + "/shop?sslmode=disable did not finish within 3 s (the login timeout, three times autogen.connectTimeout)."),
                    e.getMessage());
        }
    }

    @Test
    void aServerWhoseBacklogIsFullTimesOutWithTheConnectTimeout() throws Exception {
        // Linux drops the SYN of a connection its full accept queue has no room for: the client's connect waits
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket socket = new Socket();
                    try {
                        socket.connect(full.getLocalSocketAddress(), 300);
                        queued.add(socket);
                    } catch (IOException e) {
                        socket.close();
                        break;
                    }
                }
                ConnectionSpec spec = ConnectionSpec.parse("jdbc:postgresql://127.0.0.1:" + full.getLocalPort() + "/shop",
                        "app", null).withConnectTimeout(1);
                AutogenException e = assertThrows(AutogenException.class, spec::connect);
                assertTrue(e.getMessage().startsWith("Cannot reach database jdbc:postgresql://127.0.0.1:" + full.getLocalPort()
                        + "/shop: no TCP connection within 1 s (the connect timeout, autogen.connectTimeout)."), e.getMessage());
            } finally {
                close(queued);
            }
        }
    }

    /** Reads the startup message, then sends the start of an authentication request one byte every half second. */
    private static void trickle(ServerSocket server) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            in.read(new byte[1024]);
            byte[] authentication = {'R', 0, 0, 0, 12, 0, 0, 0, 10, 0, 0, 0, 0};
            for (int i = 0; i < authentication.length; i++) {
                out.write(authentication[i]);
                out.flush();
                Thread.sleep(500);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up
        }
    }

    private static List<Socket> acceptInBackground(ServerSocket server) {
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException e) {
                // closed
            }
        });
        thread.setDaemon(true);
        thread.start();
        return accepted;
    }

    private static void close(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static void assertOneLineWithout(AutogenException e, String... pieces) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        for (String piece : pieces) {
            assertFalse(e.getMessage().contains(piece), () -> "'" + piece + "' shown: " + e.getMessage());
        }
    }
}
