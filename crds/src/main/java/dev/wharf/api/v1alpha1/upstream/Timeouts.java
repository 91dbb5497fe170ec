package dev.wharf.api.v1alpha1.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** Time limits on requests to an upstream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Timeouts(
        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription("Time to establish a connection. Unset means 5s.")
        @Nullable String connect,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription(
                "Time to the first byte of a response; past it, stale content is served if there is any."
                        + " Unset means 30s.")
        @Nullable String response) {}
