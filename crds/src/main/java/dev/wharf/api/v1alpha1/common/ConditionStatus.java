package dev.wharf.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The status of a {@link Condition}, as in Kubernetes: True, False or Unknown. */
public enum ConditionStatus {
    @JsonProperty("True")
    TRUE,
    @JsonProperty("False")
    FALSE,
    @JsonProperty("Unknown")
    UNKNOWN
}
