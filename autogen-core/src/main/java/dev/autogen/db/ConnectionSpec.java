package dev.autogen.db;

import dev.autogen.AutogenException;

import java.io.ByteArrayOutputStream;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is and how to log in. Accepts a JDBC URL
 * ({@code jdbc:postgresql://host:port/db}) or the {@code postgresql://user:pass@host:port/db} form
 * that DATABASE_URL usually has, read as libpq reads it.
 *
 * @param url                   the JDBC URL
 * @param user                  null for the driver's default
 * @param password              null for none
 * @param connectTimeoutSeconds how long the TCP connection and each answer of the login may take; 0 waits forever
 * @param keys                  the settings a user changes to fix this connection, named in error messages
 */
public record ConnectionSpec(String url, String user, String password, int connectTimeoutSeconds, Keys keys) {

    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    private static final String MASK = "****";

    /** The settings that give a connection its URL, user and password. */
    public record Keys(String url, String user, String password) {
        public static final Keys DATABASE = new Keys("autogen.url", "autogen.user", "autogen.password");
        public static final Keys SCRATCH = new Keys("autogen.scratch", "autogen.scratchUser", "autogen.scratchPassword");
        public static final Keys SPRING_DATASOURCE = new Keys("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password");
        /** The environment's DATABASE_URL, whose user and password autogen.user and autogen.password may give instead. */
        public static final Keys DATABASE_URL = new Keys("DATABASE_URL", "the user in DATABASE_URL (or autogen.user)",
                "the password in DATABASE_URL (or autogen.password)");
    }

    public ConnectionSpec {
        if (connectTimeoutSeconds < 0) {
            throw new IllegalArgumentException("connect timeout " + connectTimeoutSeconds + " s");
        }
        keys = keys == null ? Keys.DATABASE : keys;
    }

    public ConnectionSpec(String url, String user, String password) {
        this(url, user, password, DEFAULT_CONNECT_TIMEOUT_SECONDS, Keys.DATABASE);
    }

    public ConnectionSpec withConnectTimeout(int seconds) {
        return new ConnectionSpec(url, user, password, seconds, keys);
    }

    public ConnectionSpec withKeys(Keys keys) {
        return new ConnectionSpec(url, user, password, connectTimeoutSeconds, keys);
    }

    /** The same server and login, another database on it. */
    public ConnectionSpec withUrl(String url) {
        return new ConnectionSpec(url, user, password, connectTimeoutSeconds, keys);
    }

    /** The URL as it may be printed: no password in it. */
    public String displayUrl() {
        return redact(url);
    }

    @Override
    public String toString() {
        return displayUrl() + (user == null ? "" : " as " + user);
    }

    /**
     * A URL with its passwords replaced by {@value #MASK}: the user info's and a {@code password=} query
     * parameter's. Whatever follows the first ':' of the user info up to the last '@' is masked, so a
     * password with unencoded characters is hidden whole.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String text = url;
        int slashes = text.indexOf("//");
        int at = text.lastIndexOf('@');
        if (slashes >= 0 && at > slashes) {
            int colon = text.indexOf(':', slashes + 2);
            if (colon >= 0 && colon < at) {
                text = text.substring(0, colon + 1) + MASK + text.substring(at);
            }
        }
        return QUERY_PASSWORD.matcher(text).replaceAll("$1" + MASK);
    }

    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;#]*");

    public static ConnectionSpec parse(String url, String user, String password) {
        if (url == null || url.isBlank()) {
            throw new AutogenException("No database URL given: set -Dautogen.url=jdbc:postgresql://host:port/database "
                    + "(with autogen.user and autogen.password) or the DATABASE_URL environment variable");
        }
        url = url.strip();
        if (url.startsWith("jdbc:postgresql:")) {
            if (org.postgresql.Driver.parseURL(url, new Properties()) == null) {
                throw new AutogenException("The database URL " + redact(url) + " is not a PostgreSQL JDBC URL: "
                        + "use jdbc:postgresql://host:port/database");
            }
            return new ConnectionSpec(url, blankToNull(user), password);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            return LibpqUri.parse(url).toSpec(blankToNull(user), password);
        }
        throw new AutogenException("The database URL " + redact(url) + " is not a PostgreSQL URL: use "
                + "jdbc:postgresql://host:port/database or postgresql://user:password@host:port/database");
    }

    /**
     * A {@code postgresql://} URI read as libpq reads it: {@code postgresql://[user[:password]@][host][:port][,...][/dbname][?param=value&...]},
     * every part percent-decoded. The last '@' ends the user info, so a password may hold an unencoded '@';
     * a '/', '?' or '#' before it might as well end the host part, and such a URL is refused rather than guessed.
     */
    private record LibpqUri(String user, String password, List<String> hosts, String database, Map<String, String> parameters) {

        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+");
        private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

        static LibpqUri parse(String uri) {
            String shown = redact(uri);
            String rest = uri.substring(uri.indexOf("://") + 3);
            String user = null;
            String password = null;
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                if (userInfo.indexOf('/') >= 0 || userInfo.indexOf('?') >= 0 || userInfo.indexOf('#') >= 0) {
                    throw new AutogenException("The database URL " + shown + " has a '/', '?' or '#' before its last '@', "
                            + "so where its password ends is a guess: percent-encode the user and password "
                            + "(/ as %2F, ? as %3F, # as %23, @ as %40, : as %3A, % as %25)");
                }
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name", shown);
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1), "password", shown);
                rest = rest.substring(at + 1);
            }
            if (rest.indexOf('#') >= 0) {
                throw new AutogenException("The database URL " + shown + " has a '#': percent-encode it as %23");
            }
            int query = rest.indexOf('?');
            String beforeQuery = query < 0 ? rest : rest.substring(0, query);
            int slash = beforeQuery.indexOf('/');
            String hostPart = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
            String database = slash < 0 ? null : decode(beforeQuery.substring(slash + 1), "database name", shown);
            List<String> hosts = new ArrayList<>();
            for (String host : hostPart.split(",", -1)) {
                hosts.add(host(host, shown));
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            if (query >= 0) {
                for (String pair : rest.substring(query + 1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    if (equals < 0) {
                        throw new AutogenException("The database URL " + shown + " has a parameter without a value: "
                                + "write them as ?name=value&name=value");
                    }
                    parameters.put(decode(pair.substring(0, equals), "parameter name", shown),
                            decode(pair.substring(equals + 1), "parameter value", shown));
                }
            }
            return new LibpqUri(user, password, hosts, database, parameters);
        }

        /** "host", "host:port", "[ipv6]" or "[ipv6]:port", percent-decoded; empty means localhost. */
        private static String host(String text, String shown) {
            String host;
            String port = null;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    throw new AutogenException("The database URL " + shown + " opens an IPv6 address with '[' and never closes it");
                }
                host = text.substring(0, close + 1);
                String after = text.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new AutogenException("The database URL " + shown + " has '" + after + "' after the IPv6 address "
                                + host + ": only :port may follow it");
                    }
                    port = after.substring(1);
                }
                if (!host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]+")) {
                    throw new AutogenException("The database URL " + shown + " has " + host + " where an IPv6 address belongs");
                }
            } else {
                int colon = text.indexOf(':');
                host = decode(colon < 0 ? text : text.substring(0, colon), "host name", shown);
                port = colon < 0 ? null : text.substring(colon + 1);
                if (host.startsWith("/")) {
                    throw new AutogenException("The database URL " + shown + " names the Unix socket directory " + host
                            + " as its host: autogen connects over TCP, give host:port");
                }
                if (!host.isEmpty() && !HOST.matcher(host).matches()) {
                    throw new AutogenException("The database URL " + shown + " has '" + host + "' as its host name: "
                            + "percent-encode any '@', ':', '/', '?' or '#' in the user and password");
                }
            }
            if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535)) {
                throw new AutogenException("The database URL " + shown + " has '" + port + "' as a port number");
            }
            return (host.isEmpty() ? "localhost" : host) + (port == null || port.isEmpty() ? "" : ":" + port);
        }

        ConnectionSpec toSpec(String explicitUser, String explicitPassword) {
            Map<String, String> jdbcParameters = new LinkedHashMap<>();
            String uriUser = user;
            String uriPassword = password;
            String dbname = database;
            int connectTimeout = DEFAULT_CONNECT_TIMEOUT_SECONDS;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                String value = parameter.getValue();
                switch (parameter.getKey()) {
                    case "user" -> uriUser = value;
                    case "password" -> uriPassword = value;
                    case "dbname" -> dbname = value;
                    case "application_name" -> jdbcParameters.put("ApplicationName", value);
                    case "connect_timeout" -> connectTimeout = seconds(value, "connect_timeout in the database URL");
                    // a server given twice would be a guess at which one is meant
                    case "host", "hostaddr", "port", "service" -> throw new AutogenException("The database URL "
                            + redact(toString()) + " sets " + parameter.getKey() + " as a parameter: give the host and port "
                            + "in the URL itself (postgresql://user:password@host:port/database)");
                    default -> jdbcParameters.put(parameter.getKey(), value);
                }
            }
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(String.join(",", hosts)).append('/');
            if (dbname != null) {
                jdbc.append(encode(dbname));
            }
            String separator = "?";
            for (Map.Entry<String, String> parameter : jdbcParameters.entrySet()) {
                jdbc.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
                separator = "&";
            }
            return new ConnectionSpec(jdbc.toString(), explicitUser != null ? explicitUser : blankToNull(uriUser),
                    explicitPassword != null ? explicitPassword : uriPassword, connectTimeout, Keys.DATABASE);
        }

        @Override
        public String toString() {
            return "postgresql://" + (user == null ? "" : user + (password == null ? "" : ":" + MASK) + "@")
                    + String.join(",", hosts) + "/" + (database == null ? "" : database);
        }

        /** PgJDBC reads its URL's database name and parameter values with URLDecoder. */
        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }

        /** Percent-decoding as RFC 3986 has it: '+' stays '+', and a '%' not followed by two hex digits is an error. */
        private static String decode(String text, String what, String shown) {
            if (text.indexOf('%') < 0) {
                return text;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '%') {
                    int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                    int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                    if (low < 0) {
                        throw new AutogenException("The " + what + " in the database URL " + shown + " has a '%' that does "
                                + "not start a percent-encoded character: write a literal '%' as %25");
                    }
                    bytes.write(high * 16 + low);
                    i += 2;
                } else {
                    byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                        utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                        i++;
                    }
                    bytes.writeBytes(utf8);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whole seconds, as libpq's connect_timeout takes them ("10" or "10s"); 0 waits forever. */
    private static int seconds(String text, String what) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("s")) {
            value = value.substring(0, value.length() - 1).strip();
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new AutogenException(what + " is '" + text + "': give whole seconds, e.g. 10 (0 waits forever)");
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
        if (connectTimeoutSeconds > 0) {
            properties.setProperty("connectTimeout", String.valueOf(connectTimeoutSeconds));
            // bounds each answer of the login; lifted below once logged in, since a migration's statement may run for hours
            properties.setProperty("socketTimeout", String.valueOf(connectTimeoutSeconds));
            // a server that answers, but too slowly to ever finish, or a host name that never resolves
            properties.setProperty("loginTimeout", String.valueOf(loginTimeoutSeconds()));
        }
        Connection connection;
        try {
            connection = new org.postgresql.Driver().connect(url, properties);
        } catch (SQLException e) {
            throw new AutogenException(explain(e), e);
        }
        if (connection == null) {
            throw new AutogenException("The database URL " + displayUrl() + " is not a PostgreSQL JDBC URL: "
                    + "use jdbc:postgresql://host:port/database");
        }
        try {
            connection.setNetworkTimeout(Runnable::run, 0);
        } catch (SQLException e) {
            close(connection, e);
            throw new AutogenException(explain(e), e);
        }
        return connection;
    }

    /** With sslmode=prefer PgJDBC tries twice, with SSL and without: two connects and their first answers fit in it. */
    private int loginTimeoutSeconds() {
        return 3 * connectTimeoutSeconds;
    }

    private static void close(Connection connection, SQLException failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** One line for a failed connection attempt: what happened, which setting to look at; never the password. */
    String explain(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\.+$", "");
        String where = "database " + displayUrl();
        if (state.equals("28P01") || state.equals("28000")) {
            return "Cannot log in to " + where + " as " + (user == null ? "the default user" : user)
                    + ": " + reason + ". Check " + keys.user() + " and " + keys.password() + ".";
        }
        if (state.equals("3D000")) {
            return "The " + where + " does not exist: " + reason + ". Create it or fix " + keys.url() + ".";
        }
        SocketTimeoutException timeout = cause(e, SocketTimeoutException.class);
        if (timeout != null) {
            String message = timeout.getMessage() == null ? "" : timeout.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("connect")) {
                return "Cannot reach " + where + ": no TCP connection within " + connectTimeoutSeconds
                        + " s (the connect timeout, autogen.connectTimeout). Check that PostgreSQL is running there, that no "
                        + "firewall drops the packets, and that " + keys.url() + " is right.";
            }
            return "The server at " + where + " accepted the connection but did not answer the login within "
                    + connectTimeoutSeconds + " s (the read timeout, autogen.connectTimeout). Check that " + keys.url()
                    + " names a PostgreSQL server, or raise autogen.connectTimeout if it is only slow.";
        }
        if (state.equals("08001") && reason.toLowerCase(Locale.ROOT).contains("timed out")) {
            return "The login to " + where + " did not finish within " + loginTimeoutSeconds()
                    + " s (the login timeout, three times autogen.connectTimeout). Check that " + keys.url()
                    + " names a host that resolves and a PostgreSQL server, or raise autogen.connectTimeout if it is only slow.";
        }
        if (state.startsWith("08")) {
            return "Cannot reach " + where + ": " + reason + ". Check that PostgreSQL is running there and that "
                    + keys.url() + " is right.";
        }
        return "Cannot connect to " + where + ": " + reason;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Runs a statement in autocommit mode, for things like CREATE DATABASE. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
