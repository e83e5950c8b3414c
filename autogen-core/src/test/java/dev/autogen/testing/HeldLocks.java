package dev.autogen.testing;

import dev.autogen.change.TableImpact.LockMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** What PostgreSQL says a backend holds: the relation locks of {@code pg_locks}, read from another connection. */
public final class HeldLocks {

    private HeldLocks() {
    }

    /**
     * The strongest granted relation lock backend {@code pid} holds on each of {@code tables} (oid to name), read
     * through {@code watcher}; tables it holds no lock on are absent.
     */
    public static Map<String, LockMode> of(Connection watcher, int pid, Map<Long, String> tables) throws SQLException {
        Map<String, LockMode> result = new TreeMap<>();
        try (PreparedStatement s = watcher.prepareStatement("SELECT relation::oid::bigint, mode FROM pg_locks "
                + "WHERE pid = ? AND locktype = 'relation' AND granted AND database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database())")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String table = tables.get(rs.getLong(1));
                    if (table != null) {
                        result.merge(table, LockMode.ofPgLocks(rs.getString(2)), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    }
                }
            }
        }
        return result;
    }
}
