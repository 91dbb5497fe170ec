package dev.wharf.runtime.cleanup;

/** How a cleanup run ended. */
public enum RunOutcome {
    /** Mode Plan: planned, nothing deleted. */
    Planned,
    /** Mode Apply or ApplyApproved: the plan's candidates were deleted. */
    Applied,
    /** Mode ApplyApproved, and spec.approvedPlan is not the current plan's hash: nothing deleted. */
    NotApproved,
    /** The plan has more candidates than spec.maxDeletionsPerRun: nothing deleted. */
    OverLimit,
    /** The runtime stopped during the run; the next start completed its plan. */
    Interrupted,
    /** An error stopped the run; the message says which. */
    Failed
}
