package dev.autogen.change;

import dev.autogen.schema.QualifiedName;

/**
 * What one step does to one table while it runs on PostgreSQL 13 to 17: the strongest lock it
 * holds on it until the migration's transaction ends, and whether it rewrites the table, reads
 * every row of it, or only changes the catalog.
 */
public record TableImpact(QualifiedName table, LockMode lock, Work work) {

    /** PostgreSQL's table lock modes, weakest first, named as {@code pg_locks.mode} names them. */
    public enum LockMode {
        ACCESS_SHARE("AccessShareLock", "ACCESS SHARE", "blocks nothing but ACCESS EXCLUSIVE"),
        ROW_SHARE("RowShareLock", "ROW SHARE", "blocks EXCLUSIVE and ACCESS EXCLUSIVE"),
        ROW_EXCLUSIVE("RowExclusiveLock", "ROW EXCLUSIVE", "blocks SHARE and stronger"),
        SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "SHARE UPDATE EXCLUSIVE", "blocks other schema changes and VACUUM"),
        SHARE("ShareLock", "SHARE", "blocks writes"),
        SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE", "blocks writes"),
        EXCLUSIVE("ExclusiveLock", "EXCLUSIVE", "blocks writes"),
        ACCESS_EXCLUSIVE("AccessExclusiveLock", "ACCESS EXCLUSIVE", "blocks reads and writes");

        private final String pgLocksName;
        private final String sqlName;
        private final String blocks;

        LockMode(String pgLocksName, String sqlName, String blocks) {
            this.pgLocksName = pgLocksName;
            this.sqlName = sqlName;
            this.blocks = blocks;
        }

        /** The name {@code pg_locks.mode} shows. */
        public String pgLocksName() {
            return pgLocksName;
        }

        /** The name {@code LOCK TABLE ... IN ... MODE} takes. */
        public String sqlName() {
            return sqlName;
        }

        /** What the application cannot do on the table while the lock is held. */
        public String blocks() {
            return blocks;
        }

        /** True when the application's INSERT, UPDATE and DELETE wait for this lock. */
        public boolean blocksWrites() {
            return compareTo(SHARE) >= 0;
        }

        public static LockMode ofPgLocks(String name) {
            for (LockMode mode : values()) {
                if (mode.pgLocksName.equals(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("Not a table lock mode: " + name);
        }
    }

    /** How much of the table the step touches; the lock is held for as long as that takes. */
    public enum Work {
        /** Only the catalog changes: the lock is held for an instant, however big the table. */
        CATALOG("catalog only"),
        /** Every row is read (to build an index or check a rule), the data files stay. */
        SCAN("scans every row"),
        /** The table and its indexes are written anew into new files. */
        REWRITE("rewrites the table");

        private final String words;

        Work(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** True when the step holds its lock for a time that grows with the table's size. */
    public boolean takesTime() {
        return work != Work.CATALOG;
    }

    @Override
    public String toString() {
        return lock.sqlName() + " on " + table + " (" + lock.blocks() + "), " + work.words();
    }
}
