package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A vulnerability severity, from the advisory's CVSS rating. */
public enum Severity {
    @JsonProperty("LOW")
    LOW,
    @JsonProperty("MEDIUM")
    MEDIUM,
    @JsonProperty("HIGH")
    HIGH,
    @JsonProperty("CRITICAL")
    CRITICAL
}
