package dev.autogen.db;

import dev.autogen.AutogenException;
import dev.autogen.sql.ScratchSql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The admin connection to a PostgreSQL server autogen creates throw-away databases on (the
 * embedded one by default, a Docker container, or a server the user names), and drops them from.
 * {@code admin} is any database there the user can connect to and run CREATE DATABASE from.
 */
public record ScratchAdmin(ConnectionSpec admin) {

    /** A database created empty for one use and dropped on close. */
    public final class ScratchDatabase implements AutoCloseable {
        private final String name;
        private final ConnectionSpec spec;

        private ScratchDatabase(String name, ConnectionSpec spec) {
            this.name = name;
            this.spec = spec;
        }

        public ConnectionSpec spec() {
            return spec;
        }

        public Connection connect() {
            return spec.connect();
        }

        @Override
        public void close() {
            try (Connection connection = admin.connect()) {
                ConnectionSpec.execute(connection, ScratchSql.dropDatabase(name));
            } catch (SQLException e) {
                throw new AutogenException("Cannot drop scratch database " + name + ": " + e.getMessage(), e);
            }
        }
    }

    public ScratchDatabase create(String purpose) {
        String name = "autogen_" + purpose + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = admin.connect()) {
            ConnectionSpec.execute(connection, ScratchSql.createDatabase(name));
        } catch (SQLException e) {
            throw new AutogenException("Cannot create a scratch database on " + admin + ": " + e.getMessage(), e);
        }
        return new ScratchDatabase(name, admin.withUrl(replaceDatabase(admin.url(), name)));
    }

    static String replaceDatabase(String jdbcUrl, String database) {
        int start = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        if (!jdbcUrl.startsWith("jdbc:postgresql://") || start < 0) {
            throw new AutogenException("Scratch server URL " + ConnectionSpec.redact(jdbcUrl) + " must look like jdbc:postgresql://host:port/database");
        }
        int end = jdbcUrl.indexOf('?', start);
        return jdbcUrl.substring(0, start + 1) + database + (end < 0 ? "" : jdbcUrl.substring(end));
    }
}
