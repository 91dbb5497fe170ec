package dev.wharf.runtime.storage;

/** A requested byte range does not overlap the blob; HTTP answers 416 with {@code Content-Range: bytes *}{@code /size}. */
public final class RangeNotSatisfiableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long blobSize;

    /** For a {@code Range} header. */
    public RangeNotSatisfiableException(String range, long blobSize) {
        super("the range '" + Digest.printable(range) + "' does not overlap the " + blobSize + " bytes of the blob");
        this.blobSize = blobSize;
    }

    /** For a range a caller built. */
    public RangeNotSatisfiableException(ByteRange range, long blobSize) {
        super("the range starting at byte " + range.offset() + " does not overlap the " + blobSize
                + " bytes of the blob");
        this.blobSize = blobSize;
    }

    /** The size of the blob, for the {@code Content-Range} header of the answer. */
    public long blobSize() {
        return blobSize;
    }
}
