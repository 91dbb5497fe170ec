package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.FirewallMode;
import dev.wharf.api.v1alpha1.firewall.RuleAction;

/**
 * One rule's outcome for one version, with what it did.
 *
 * @param policy the FirewallPolicy
 * @param rule the rule's name
 * @param action what the rule does on a match
 * @param mode the policy's mode
 * @param outcome what the condition said
 * @param applies whether the rule's action applies: it matched, or could not decide under {@code failMode: closed}
 */
public record Finding(
        String policy, String rule, RuleAction action, FirewallMode mode, RuleOutcome outcome, boolean applies) {

    /** The decision the finding leads to on its own. */
    public Verdict.Decision decision() {
        if (!applies || mode == FirewallMode.AUDIT) {
            return Verdict.Decision.PASSED;
        }
        return action == RuleAction.BLOCK && mode == FirewallMode.ENFORCE
                ? Verdict.Decision.BLOCKED
                : Verdict.Decision.WARNING;
    }

    /**
     * The reason in words: "published 2026-12-05T09:12Z, 21 h ago; policy npm-supply-chain rule cooldown needs 72 h",
     * with what failMode made of an undecided condition and what audit mode only records.
     */
    public String message() {
        StringBuilder message = new StringBuilder(outcome.observed())
                .append("; policy ")
                .append(policy)
                .append(" rule ")
                .append(rule)
                .append(' ')
                .append(outcome.requirement());
        if (outcome.kind() == RuleOutcome.Kind.UNDECIDED) {
            message.append(
                    applies
                            ? ", and failMode closed treats what cannot be decided as a match"
                            : ", and failMode open lets what cannot be decided pass");
        }
        if (applies && mode == FirewallMode.AUDIT) {
            message.append(" (audit mode: recorded only)");
        }
        return message.toString();
    }
}
