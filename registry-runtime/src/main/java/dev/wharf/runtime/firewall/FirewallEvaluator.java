package dev.wharf.runtime.firewall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decides a version against every policy that guards it: pure, given the time. */
public final class FirewallEvaluator {

    private FirewallEvaluator() {}

    /** The verdict on {@code candidate} of {@code policies} at {@code now}; PASSED when no policy applies. */
    public static Verdict evaluate(Candidate candidate, List<CompiledPolicy> policies, Instant now) {
        List<Finding> findings = new ArrayList<>();
        List<String> exempted = new ArrayList<>();
        for (CompiledPolicy policy : policies) {
            findings.addAll(policy.evaluate(candidate, now, exempted));
        }
        return Verdict.of(findings, exempted, now);
    }
}
