package dev.autogen.command;

/** One step of proving a migration broke: which step, and how. */
final class MigrationNotProven extends RuntimeException {

    private final String step;
    private final String how;

    MigrationNotProven(String step, String how) {
        this(step, how, null);
    }

    /** @param cause what the step threw, kept so that a scratch server short of a resource is said as such */
    MigrationNotProven(String step, String how, Throwable cause) {
        super(step + ": " + how, cause);
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
