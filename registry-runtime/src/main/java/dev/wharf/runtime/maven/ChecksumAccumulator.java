package dev.wharf.runtime.maven;

import dev.wharf.runtime.storage.Digest;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * Computes a stream's md5, sha1 and sha512 as its buffers pass, without consuming them (the blob store computes the
 * sha256 and keeps the bytes). Not thread-safe: a stream's buffers arrive one after another.
 */
final class ChecksumAccumulator {

    private final MessageDigest md5 = ChecksumAlgorithm.MD5.digest();
    private final MessageDigest sha1 = ChecksumAlgorithm.SHA1.digest();
    private final MessageDigest sha512 = ChecksumAlgorithm.SHA512.digest();

    /** Adds the buffer's readable bytes, leaving its read position where it is. */
    void update(DataBuffer buffer) {
        try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
            while (views.hasNext()) {
                ByteBuffer view = views.next();
                md5.update(view.duplicate());
                sha1.update(view.duplicate());
                sha512.update(view);
            }
        }
    }

    /** The checksums of everything added, with the sha256 the store computed. */
    Checksums finish(Digest digest) {
        HexFormat hex = HexFormat.of();
        return Checksums.of(
                digest, hex.formatHex(md5.digest()), hex.formatHex(sha1.digest()), hex.formatHex(sha512.digest()));
    }
}
