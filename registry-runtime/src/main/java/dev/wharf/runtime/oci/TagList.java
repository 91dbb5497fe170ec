package dev.wharf.runtime.oci;

import dev.wharf.runtime.proxy.UpstreamResult;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tags of an upstream's {@code tags/list} document ({@code {"name": ..., "tags": [...]}}). */
final class TagList {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TagList() {}

    /** The tags the document lists; an UNAVAILABLE naming the upstream when it is not a tag list. */
    static Mono<List<String>> read(UpstreamResult result) {
        return DataBufferUtils.join(result.body())
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return parse(bytes, result.upstream());
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(List.of());
    }

    static List<String> parse(byte[] bytes, String upstream) {
        JsonNode tags;
        try {
            tags = JSON.readTree(bytes).path("tags");
        } catch (JacksonException e) {
            throw notATagList(upstream, e.getOriginalMessage());
        }
        List<String> names = new ArrayList<>();
        if (tags.isNull() || tags.isMissingNode()) {
            return names;
        }
        if (!tags.isArray()) {
            throw notATagList(upstream, "its 'tags' is not an array");
        }
        for (JsonNode tag : tags) {
            if (tag.isString()) {
                names.add(tag.stringValue());
            }
        }
        return names;
    }

    private static OciException notATagList(String upstream, String reason) {
        return new OciException(
                OciError.UNAVAILABLE, "upstream '" + upstream + "' answered tags/list with no tag list: " + reason);
    }
}
