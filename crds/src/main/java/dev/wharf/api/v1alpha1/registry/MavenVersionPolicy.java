package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which kinds of Maven versions a maven Registry accepts: releases, snapshots, or both. */
public enum MavenVersionPolicy {
    @JsonProperty("Release")
    RELEASE,
    @JsonProperty("Snapshot")
    SNAPSHOT,
    @JsonProperty("Mixed")
    MIXED
}
