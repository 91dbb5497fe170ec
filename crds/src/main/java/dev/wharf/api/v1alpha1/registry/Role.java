package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a subject may do in a registry; each role includes the ones before it. */
public enum Role {
    @JsonProperty("read")
    READ,
    @JsonProperty("write")
    WRITE,
    @JsonProperty("delete")
    DELETE,
    @JsonProperty("admin")
    ADMIN;

    /** Whether this role grants everything {@code other} grants. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
