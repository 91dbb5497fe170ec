package dev.wharf.runtime.storage;

/** The uploaded content does not hash to the digest the request announced; nothing of it was kept. */
public final class DigestMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Digest actual;
    private final Digest expected;

    /** For the digest of the content and the one the request said it would have. */
    public DigestMismatchException(Digest actual, Digest expected) {
        super("the uploaded content has digest " + actual + ", but the request said " + expected);
        this.actual = actual;
        this.expected = expected;
    }

    /** The digest of the content that arrived. */
    public Digest actual() {
        return actual;
    }

    /** The digest the request announced. */
    public Digest expected() {
        return expected;
    }
}
