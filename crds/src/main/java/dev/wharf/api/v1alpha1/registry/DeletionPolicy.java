package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to a Registry's stored data when the Registry is deleted. */
public enum DeletionPolicy {
    @JsonProperty("Retain")
    RETAIN,
    @JsonProperty("Delete")
    DELETE
}
