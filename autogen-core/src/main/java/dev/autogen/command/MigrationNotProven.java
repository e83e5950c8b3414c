package dev.autogen.command;

/** One step of proving a migration broke: which step, and how. */
final class MigrationNotProven extends RuntimeException {

    private final String step;
    private final String how;

    MigrationNotProven(String step, String how) {
        super(step + ": " + how);
        this.step = step;
        this.how = how;
    }

    String step() {
        return step;
    }

    String how() {
        return how;
    }
}
