package dev.wharf.operator.runtimestatus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One FirewallPolicy as one Registry's runtime reports it ({@code firewallPolicies[]} of its status document):
 * whether its rules compiled, where they do not, its advisories and the verdicts recorded.
 *
 * @param registries the registries of that runtime it guards
 * @param applied whether every rule compiled and the policy is applied
 * @param problems why it does not compile, with the line and column of each expression's type-check issue
 * @param advisories the advisories loaded; null when it names no source or none is loaded yet
 * @param counts the verdicts recorded in the Registries it guards there
 * @param limitation what the runtime does not do yet for such a policy, as it says in {@code policies[]}; null when
 *     nothing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FirewallPolicyReport(
        String name,
        @Nullable List<String> registries,
        @Nullable String mode,
        boolean applied,
        @Nullable List<Problem> problems,
        @Nullable Advisories advisories,
        @Nullable Counts counts,
        @Nullable String limitation) {

    /** The same report with the runtime's word on what such a policy does not do yet. */
    public FirewallPolicyReport withLimitation(@Nullable String text) {
        return new FirewallPolicyReport(name, registries, mode, applied, problems, advisories, counts, text);
    }

    /** Why a field does not compile; line and column from 1 for an expression's issue. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(
            String field,
            @Nullable String rule,
            @Nullable Integer line,
            @Nullable Integer column,
            String message) {

        /** As a person reads it: "spec.rules[1].expression (rule custom), line 2, column 3: undeclared ...". */
        public String describe() {
            return field + (rule == null ? "" : " (rule " + rule + ")")
                    + (line == null ? "" : ", line " + line + (column == null ? "" : ", column " + column)) + ": "
                    + message;
        }
    }

    /** When the advisories were read, and how many were kept. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Advisories(@Nullable String loadedAt, long count) {}

    /** Versions with a verdict, and of those the warned and the blocked. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(long evaluated, long warned, long blocked) {}
}
