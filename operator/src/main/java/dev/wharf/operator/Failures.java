package dev.wharf.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Turns an exception and its causes into one line a person can act on, without a stack trace. */
public final class Failures {

    private static final int MAX_DEPTH = 8;

    /**
     * API server answers that say nothing about the request itself: a timeout, a conflict with a concurrent write,
     * throttling, or the server (or what is in front of it) unavailable.
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(408, 409, 429, 500, 502, 503, 504);

    private Failures() {}

    /**
     * Whether the failure is one that passes by itself: the API server or the network, not the resource. A status
     * computed from such a failure would say nothing true about the resource, so the last one is kept.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t : chain(failure)) {
            // Code 0 or -1 is no answer at all: transient when a cause is the network (refused, reset, timed out).
            if (t instanceof KubernetesClientException api && api.getCode() > 0) {
                return TRANSIENT_CODES.contains(api.getCode());
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The messages of the exception and its causes, outermost first, joined by ": ", each given once. The innermost
     * cause is also named by its class, whose name often says more than its message ({@code UnknownHostException:
     * kubernetes.default.svc}).
     */
    public static String describe(Throwable failure) {
        List<Throwable> chain = chain(failure);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            String part = describeOne(chain.get(i), i == chain.size() - 1);
            if (parts.stream().noneMatch(seen -> seen.contains(part))) {
                parts.add(part);
            }
        }
        return String.join(": ", parts);
    }

    /**
     * The innermost cause, named by its class and message, such as {@code UnknownHostException: example.com}: what a
     * network failure comes down to, without the wrappers' generic messages.
     */
    static String innermost(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return describeOne(chain.get(chain.size() - 1), true);
    }

    /** Whether the exception or one of its causes is of the given type. */
    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return chain(failure).stream().anyMatch(type::isInstance);
    }

    /** The exception and its causes, outermost first, at most {@value #MAX_DEPTH} and without a cycle. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String describeOne(Throwable failure, boolean innermost) {
        String message = failure.getMessage();
        String name = failure.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        return innermost && !message.contains(name) ? name + ": " + message.strip() : message.strip();
    }
}
