package dev.wharf.runtime.storage;

/** The store holds no blob with the digest asked for. */
public final class BlobNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Digest digest;

    /** For the digest that was asked for. */
    public BlobNotFoundException(Digest digest) {
        super("the blob " + digest + " does not exist");
        this.digest = digest;
    }

    /** The digest that was asked for. */
    public Digest digest() {
        return digest;
    }
}
