package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a firewall does when a rule cannot decide, for want of a publish time or advisory data. */
public enum FailMode {
    @JsonProperty("closed")
    CLOSED,
    @JsonProperty("open")
    OPEN
}
