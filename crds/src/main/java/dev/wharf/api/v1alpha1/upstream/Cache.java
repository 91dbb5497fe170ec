package dev.wharf.api.v1alpha1.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** How long an upstream's answers are trusted. Immutable files (addressed by digest or version) never expire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cache(
        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription(
                "How long mutable metadata (tags, version lists, indexes) is served before it is re-checked."
                        + " Unset means 10m.")
        @Nullable String metadataTTL,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription("How long a 'not found' from the upstream is remembered. Unset means 1m.")
        @Nullable String negativeTTL,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription(
                "How long past its TTL cached metadata may still be served while the upstream is down or slow."
                        + " Unset means 7d.")
        @Nullable String maxStale) {}
