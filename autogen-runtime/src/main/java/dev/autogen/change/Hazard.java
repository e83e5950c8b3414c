package dev.autogen.change;

/** Why a step deserves a second look in review. Marked in the migration file and in the goal's output. */
public record Hazard(Kind kind, String detail) {

    public enum Kind {
        /** The step destroys data that the reverse step cannot bring back. */
        DATA_LOSS("DATA LOSS"),
        /** The step can lose data or fail, depending on the rows present. */
        MAY_LOSE_DATA("MAY LOSE DATA"),
        /** The step fails when existing rows do not satisfy it. */
        FAILS_ON_EXISTING_ROWS("FAILS ON EXISTING ROWS"),
        /** The step holds a lock that stops reads and writes of a table while it works. */
        LOCKS_TABLE("LOCKS TABLE"),
        /** The step renames what the application's code names: code still using the old name fails once it runs. */
        BREAKS_OLD_NAME("BREAKS CODE USING THE OLD NAME");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return kind.label() + ": " + detail;
    }
}
