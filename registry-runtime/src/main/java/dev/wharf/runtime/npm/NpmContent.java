package dev.wharf.runtime.npm;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;

/** The media types of the npm registry protocol, and which packument form a request asks for. */
final class NpmContent {

    /** A tarball's content type. */
    static final String TARBALL = "application/octet-stream";

    /** The abbreviated packument ("corgi") that installers ask for. */
    static final MediaType ABBREVIATED = MediaType.parseMediaType("application/vnd.npm.install-v1+json");

    private NpmContent() {}

    /**
     * Whether the request asks for the abbreviated packument: its {@code Accept} names that type before (or without)
     * {@code application/json}, and it is not a {@code ?write=true} read for a change.
     */
    static boolean wantsAbbreviated(ServerRequest request) {
        if (request.queryParam("write").isPresent()) {
            return false;
        }
        double abbreviated = 0;
        double json = 0;
        for (MediaType type : request.headers().accept()) {
            if (type.isWildcardType()) {
                continue;
            }
            if (type.isCompatibleWith(ABBREVIATED)) {
                abbreviated = Math.max(abbreviated, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return abbreviated > 0 && abbreviated >= json;
    }
}
