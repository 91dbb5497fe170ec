package dev.wharf.runtime.pypi;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * The MD5 and BLAKE2b-256 of an upload's bytes, computed as they stream past (the store computes the sha256), so that
 * every digest the client sent can be checked against the bytes.
 */
final class ContentHashes {

    private final MessageDigest md5;
    private final Blake2b256 blake2 = new Blake2b256();
    private final byte[] chunk = new byte[8192];

    ContentHashes() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** Adds the readable bytes of {@code buffer}, leaving it unread. */
    void update(DataBuffer buffer) {
        try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
            while (buffers.hasNext()) {
                ByteBuffer bytes = buffers.next();
                while (bytes.hasRemaining()) {
                    int length = Math.min(chunk.length, bytes.remaining());
                    bytes.get(chunk, 0, length);
                    md5.update(chunk, 0, length);
                    blake2.update(chunk, 0, length);
                }
            }
        }
    }

    /** The MD5 in hex, once every byte was added. */
    String md5() {
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The BLAKE2b-256 in hex, once every byte was added. */
    String blake2() {
        return blake2.hex();
    }
}
