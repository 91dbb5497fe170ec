package dev.wharf.runtime.web;

import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.storage.Digest;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;

/** The body of a download: a stored blob, or a range of it, counted in the registry's bytes-out metric. */
public final class BlobBodies {

    private BlobBodies() {}

    /**
     * A whole blob the store keeps as a local file is sent by the kernel (sendfile, zero-copy), several times faster
     * than reading it through buffers, and counted as sent when the response starts; anything else (a range, S3) is
     * streamed in buffers as they are read.
     */
    public static BodyInserter<?, ? super ReactiveHttpOutputMessage> of(
            ServedRegistry registry, Digest digest, @Nullable ByteRange range, long size, WebMetrics metrics) {
        Optional<Path> local = range == null ? registry.store().localFile(digest) : Optional.empty();
        if (local.isPresent()) {
            metrics.bytesOut(registry, size);
            return BodyInserters.fromResource(new FileSystemResource(local.get()));
        }
        return BodyInserters.fromDataBuffers(registry.store()
                .read(digest, range)
                .doOnNext(buffer -> metrics.bytesOut(registry, buffer.readableByteCount())));
    }
}
