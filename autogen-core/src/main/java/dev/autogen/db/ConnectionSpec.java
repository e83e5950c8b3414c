package dev.autogen.db;

import dev.autogen.AutogenException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a PostgreSQL database is and how to log in. Accepts a JDBC URL
 * ({@code jdbc:postgresql://host:port/db}) or the {@code postgresql://user:pass@host:port/db} form
 * that DATABASE_URL usually has.
 */
public record ConnectionSpec(String url, String user, String password) {

    @Override
    public String toString() {
        return url + (user == null ? "" : " as " + user);
    }

    public static ConnectionSpec parse(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw new AutogenException("No database URL given: set -Dautogen.url=jdbc:postgresql://host:port/database "
                    + "(with autogen.user and autogen.password) or the DATABASE_URL environment variable");
        }
        url = url.strip();
        if (url.startsWith("jdbc:postgresql:")) {
            return new ConnectionSpec(url, blankToNull(user), password);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            try {
                URI uri = new URI(url);
                String uriUser = null;
                String uriPassword = null;
                if (uri.getRawUserInfo() != null) {
                    String[] parts = uri.getRawUserInfo().split(":", 2);
                    uriUser = decode(parts[0]);
                    uriPassword = parts.length > 1 ? decode(parts[1]) : null;
                }
                String host = uri.getHost() == null ? "localhost" : uri.getHost();
                String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
                String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                String jdbc = "jdbc:postgresql://" + host + port + (uri.getRawPath() == null ? "/" : uri.getRawPath()) + query;
                return new ConnectionSpec(jdbc, user != null && !user.isBlank() ? user : uriUser,
                        password != null ? password : uriPassword);
            } catch (URISyntaxException e) {
                throw new AutogenException("Database URL " + url + " is not a valid URL: " + e.getMessage());
            }
        }
        throw new AutogenException("Database URL " + url + " is not a PostgreSQL URL: use jdbc:postgresql://host:port/database "
                + "or postgresql://user:password@host:port/database");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** Opens a connection, or fails with one line that says why and what to do. */
    public Connection connect() {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "autogen");
        properties.setProperty("connectTimeout", "10");
        try {
            return new org.postgresql.Driver().connect(url, properties);
        } catch (SQLException e) {
            throw new AutogenException(explain(e), e);
        }
    }

    private String explain(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\.+$", "");
        String where = "database " + url;
        if (state.equals("28P01") || state.equals("28000")) {
            return "Cannot log in to " + where + " as " + (user == null ? "the default user" : user)
                    + ": " + reason + ". Check autogen.user and autogen.password.";
        }
        if (state.equals("3D000")) {
            return "The " + where + " does not exist: " + reason + ". Create it or fix autogen.url.";
        }
        if (state.startsWith("08")) {
            return "Cannot reach " + where + ": " + reason + ". Check that PostgreSQL is running there and that autogen.url is right.";
        }
        return "Cannot connect to " + where + ": " + reason;
    }

    /** Runs a statement in autocommit mode, for things like CREATE DATABASE. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
