package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/** Settings that only a maven Registry has. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MavenSettings(
        @JsonPropertyDescription(
                "Which versions clients may deploy: Release (only release versions such as 1.2.0), Snapshot"
                        + " (only -SNAPSHOT versions and their timestamped builds) or Mixed (both). A deploy of the"
                        + " other kind is refused with 400 and nothing is written. Unset means Mixed.")
        @Nullable MavenVersionPolicy versionPolicy) {}
