package dev.wharf.runtime.firewall;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A FirewallPolicy as the status endpoint shows it, for the operator's status: whether it compiled (and where it does
 * not), the advisories it has loaded and the verdicts recorded in the registries it guards.
 *
 * @param mode enforce, warn or audit
 * @param registries the configured registries it guards, directly or through one of their UpstreamProxies, by name
 * @param applied whether it compiled and is applied; false when {@code problems} is not empty
 * @param problems why it does not compile, with the line and column of each expression's issues
 * @param advisories the advisories it has loaded; null when it names no source or none is loaded yet
 * @param counts the versions evaluated in {@code registries} and their decisions
 */
public record FirewallSummary(
        String name,
        String mode,
        List<String> registries,
        boolean applied,
        List<PolicyProblem> problems,
        @Nullable Advisories advisories,
        Counts counts) {

    public FirewallSummary {
        registries = List.copyOf(registries);
        problems = List.copyOf(problems);
    }

    /**
     * The advisories of the policy's source as last loaded.
     *
     * @param loadedAt when its archive was read (RFC 3339)
     * @param count the advisories kept, for the ecosystems served here
     * @param skipped the documents left out (withdrawn, other ecosystems, not OSV)
     */
    public record Advisories(String loadedAt, long count, long skipped) {}

    /**
     * Recorded verdicts: the latest of each version in the guarded registries (a version guarded by two policies is
     * counted by both).
     *
     * @param evaluated versions with a verdict
     * @param warned those served with a warning
     * @param blocked those refused
     */
    public record Counts(long evaluated, long warned, long blocked) {

        /** No verdict yet. */
        public static final Counts NONE = new Counts(0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(evaluated + other.evaluated, warned + other.warned, blocked + other.blocked);
        }
    }
}
