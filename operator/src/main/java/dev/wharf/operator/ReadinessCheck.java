package dev.wharf.operator;

/** Whether the process is ready for work; asked on every {@code /readyz} request, so it must be cheap. */
@FunctionalInterface
public interface ReadinessCheck {

    Readiness check();

    /**
     * The answer of a readiness check.
     *
     * @param ready whether the process is ready
     * @param detail one line for people: what is ready, or what is still missing
     */
    record Readiness(boolean ready, String detail) {

        public static Readiness ready(String detail) {
            return new Readiness(true, detail);
        }

        public static Readiness notReady(String detail) {
            return new Readiness(false, detail);
        }
    }
}
