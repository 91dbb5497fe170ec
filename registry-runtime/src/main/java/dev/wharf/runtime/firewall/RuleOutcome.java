package dev.wharf.runtime.firewall;

import java.util.List;

/**
 * What one condition says of one version, in two halves a finding joins around the policy and rule names: "published
 * 2026-12-05T09:12Z, 21 h ago; policy npm-supply-chain rule cooldown needs 72 h".
 *
 * @param kind whether it matched, did not, or could not decide
 * @param observed the facts the condition read, such as {@code published 2026-12-05T09:12Z, 21 h ago}
 * @param requirement what the rule asks, such as {@code needs 72 h}
 * @param advisories the advisories that affect the version, for a vulnerabilities condition
 */
public record RuleOutcome(Kind kind, String observed, String requirement, List<Advisory> advisories) {

    public RuleOutcome {
        advisories = List.copyOf(advisories);
    }

    /** The three answers of a condition. */
    public enum Kind {
        /** The condition holds: the rule's action applies. */
        MATCHED,
        /** The condition does not hold. */
        CLEAR,
        /** The condition lacks a fact (no publish time, no advisory data); the policy's failMode decides. */
        UNDECIDED
    }

    /** The condition holds. */
    public static RuleOutcome matched(String observed, String requirement) {
        return new RuleOutcome(Kind.MATCHED, observed, requirement, List.of());
    }

    /** The condition does not hold. */
    public static RuleOutcome clear(String observed, String requirement) {
        return new RuleOutcome(Kind.CLEAR, observed, requirement, List.of());
    }

    /** The condition cannot decide, for want of what {@code observed} says. */
    public static RuleOutcome undecided(String observed, String requirement) {
        return new RuleOutcome(Kind.UNDECIDED, observed, requirement, List.of());
    }
}
