package dev.autogen.goals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The embedded server trusts every local connection; this makes it ask one role for its password,
 * the way a real server does, by putting a rule for that role first in pg_hba.conf.
 */
final class PasswordAuthentication {

    private PasswordAuthentication() {
    }

    static void require(Connection admin, String role) throws Exception {
        Path hba;
        try (ResultSet rs = admin.createStatement().executeQuery("SHOW hba_file")) {
            rs.next();
            hba = Path.of(rs.getString(1));
        }
        String rule = "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role + " ::1/128 scram-sha-256\n";
        String current = Files.readString(hba);
        if (!current.startsWith(rule)) {
            Files.writeString(hba, rule + current);
            reload(admin);
        }
    }

    private static void reload(Connection admin) throws SQLException {
        admin.createStatement().execute("SELECT pg_reload_conf()");
    }
}
