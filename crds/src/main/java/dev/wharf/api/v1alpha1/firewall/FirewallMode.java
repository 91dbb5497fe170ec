package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a firewall does with a version a rule blocks. */
public enum FirewallMode {
    /** Block it: hidden from metadata, refused on download. */
    @JsonProperty("enforce")
    ENFORCE,
    /** Serve it and flag it. */
    @JsonProperty("warn")
    WARN,
    /** Only record the decision. */
    @JsonProperty("audit")
    AUDIT
}
