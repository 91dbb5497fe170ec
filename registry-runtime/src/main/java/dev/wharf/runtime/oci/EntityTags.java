package dev.wharf.runtime.oci;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The entity tag of a manifest or blob, {@code "<digest>"}, and the {@code If-None-Match} check of a conditional GET
 * or HEAD: a client that already has the content is answered 304 without a body.
 */
final class EntityTags {

    private EntityTags() {}

    /** The entity tag of the content with {@code digest}. */
    static String of(Object digest) {
        return "\"" + digest + "\"";
    }

    /**
     * Whether the request's {@code If-None-Match} lists the entity tag of {@code digest} or is {@code *}; compared
     * weakly, as RFC 9110 says of {@code If-None-Match}, so {@code W/"<digest>"} matches too.
     */
    static boolean notModified(ServerRequest request, Object digest) {
        List<String> values = request.headers().header(HttpHeaders.IF_NONE_MATCH);
        String current = of(digest);
        for (String value : values) {
            for (String listed : value.split(",", -1)) {
                String tag = listed.strip();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(current)) {
                    return true;
                }
            }
        }
        return false;
    }
}
