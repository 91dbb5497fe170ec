package dev.wharf.runtime.cleanup;

/** Another replica (or another request) is planning or running the policy: its lease is taken. */
public final class CleanupBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CleanupBusyException(String policy) {
        super("CleanupPolicy " + policy + " is being planned or run by another replica or request; try again when"
                + " that run has finished (GET /api/v1/cleanup-policies/" + policy + " shows it)");
    }
}
