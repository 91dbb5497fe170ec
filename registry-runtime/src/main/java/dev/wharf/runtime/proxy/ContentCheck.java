package dev.wharf.runtime.proxy;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * A check an immutable object's bytes must pass before the engine keeps them: a companion document that the same
 * upstream serves beside the object (a checksum file) against what the bytes are. The bytes are checked as they are
 * stored, and content that fails is neither kept nor recorded: the fetch fails like an upstream failure, naming both
 * values, and the next upstream is asked.
 */
public interface ContentCheck {

    /**
     * The paths of the companion documents to ask the same upstream for, in the order to try them, relative to its
     * base URL as {@link UpstreamRequest#path} is; the first it has is used. When it has none, there is nothing to
     * check the bytes against and they are kept.
     */
    List<String> companions(String path);

    /** A new check of one object's bytes. */
    Running start();

    /** The check of one object's bytes, fed one buffer after another. Not thread-safe. */
    interface Running {

        /** Adds the buffer's readable bytes, leaving its read position where it is. */
        void update(DataBuffer buffer);

        /**
         * Why the bytes fed so far do not match the companion document, in words that name both values, such as
         * "have sha1 X, but the upstream's .sha1 says Y"; null when they match.
         *
         * @param companion the path of the companion document found, one of {@link #companions}
         * @param document its bytes, at most {@link ContentChecks#MAX_COMPANION_BYTES}
         */
        @Nullable String mismatch(String companion, byte[] document);
    }
}
