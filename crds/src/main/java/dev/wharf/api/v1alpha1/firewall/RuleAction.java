package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a firewall rule does to a version it matches. */
public enum RuleAction {
    @JsonProperty("block")
    BLOCK,
    @JsonProperty("warn")
    WARN
}
