package dev.wharf.runtime.proxy;

import java.net.URI;
import org.springframework.http.HttpHeaders;

/**
 * What a format makes of a mutable document an upstream served before the engine caches and serves it, such as a
 * package document whose tarball and file URLs are rewritten to Wharf's own. The output is what is kept (in memory and
 * in the metadata database) and served, so a document is transformed once each time the upstream serves it anew,
 * never on a hit or when the upstream says it has not changed. A cached output whose {@link #key} differs from the
 * request's transform is not served: the document is fetched again, unconditionally, and transformed anew.
 */
public interface DocumentTransform {

    /** The document as the upstream served it: tag lists and other documents served unchanged. */
    DocumentTransform IDENTITY = new DocumentTransform() {
        @Override
        public String key() {
            return "identity";
        }

        @Override
        public byte[] apply(Source source, byte[] document) {
            return document;
        }
    };

    /** The longest {@link #key}. */
    int MAX_KEY_LENGTH = 200;

    /**
     * What the output depends on besides the document, at most {@link #MAX_KEY_LENGTH} characters: the transform's own
     * version and its inputs, such as the base URL it rewrites links to ({@code npm-tarballs/2 https://wharf.example}).
     * Outputs cached under another key are stale.
     */
    String key();

    /**
     * The document to keep and serve. It may be slow (it parses the document); the engine calls it off the event loop.
     *
     * @param source where the document came from, to resolve its relative links against
     * @param document the upstream's bytes, at most the engine's document size limit
     * @throws RuntimeException when the document cannot be read, which counts as a failure of the upstream
     */
    byte[] apply(Source source, byte[] document);

    /**
     * Where a document came from.
     *
     * @param upstream the UpstreamProxy that served it
     * @param url the URL it was asked for
     * @param headers the kept headers of the upstream's answer
     */
    record Source(String upstream, URI url, HttpHeaders headers) {}
}
