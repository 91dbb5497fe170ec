package dev.wharf.runtime.read;

/**
 * A gate refused a read; the message says which rule refused what and how to get it released. Formats answer it in
 * their protocol's shape with a 403.
 */
public final class ReadBlockedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReadBlockedException(String message) {
        super(message, null, false, false);
    }
}
