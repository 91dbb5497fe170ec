package dev.wharf.runtime.artifact;

/** A name or path from a request that must not reach storage; the message says which part and why. */
public final class InvalidNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }
}
