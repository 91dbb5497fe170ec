package dev.wharf.runtime.proxy;

/** An upstream could not answer: unreachable, too slow, an unexpected status, or content that failed a check. */
public final class UpstreamFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The message says which upstream and what happened, never a credential. */
    public UpstreamFailureException(String message) {
        super(message);
    }

    UpstreamFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
