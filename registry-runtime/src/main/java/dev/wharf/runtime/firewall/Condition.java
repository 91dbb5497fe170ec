package dev.wharf.runtime.firewall;

import java.time.Instant;

/** One rule's condition, compiled from its FirewallPolicy: a pure function of a version, the time and the advisories. */
interface Condition {

    /** What the condition says of {@code candidate} at {@code now}. */
    RuleOutcome test(Candidate candidate, Instant now);
}
