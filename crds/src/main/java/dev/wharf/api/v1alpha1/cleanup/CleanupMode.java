package dev.wharf.api.v1alpha1.cleanup;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a cleanup run only plans, deletes, or deletes only an approved plan. */
public enum CleanupMode {
    @JsonProperty("Plan")
    PLAN,
    @JsonProperty("Apply")
    APPLY,
    @JsonProperty("ApplyApproved")
    APPLY_APPROVED
}
