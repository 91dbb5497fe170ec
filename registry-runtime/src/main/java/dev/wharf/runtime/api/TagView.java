package dev.wharf.runtime.api;

import dev.wharf.runtime.metadata.TagRecord;
import java.time.Instant;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * A tag in the management API.
 *
 * @param name the tag, such as {@code latest} or {@code 1.4}
 * @param version the version it points at (for an image, the manifest digest)
 * @param digest the digest of that version, where the format has one
 * @param updatedAt when the tag last moved
 */
record TagView(String name, String version, @Nullable String digest, Instant updatedAt) {

    static final Comparator<TagView> BY_NAME = Comparator.comparing(TagView::name);

    static TagView of(TagRecord tag) {
        return new TagView(tag.name(), tag.version(), tag.digest(), tag.updatedAt());
    }
}
