package dev.wharf.runtime.firewall;

import org.jspecify.annotations.Nullable;

/**
 * Why a FirewallPolicy does not compile, at one place of its spec: for a CEL expression, the line and column its
 * type-checker points at.
 *
 * @param field the spec field, such as {@code spec.rules[2].expression}
 * @param rule the name of the rule it belongs to; null for a problem outside the rules
 * @param line the line in the expression, from 1; null when the problem has no position
 * @param column the column in that line, from 1; null when the problem has no position
 * @param message what is wrong, such as "undeclared reference to 'versoin'"
 */
public record PolicyProblem(
        String field,
        @Nullable String rule,
        @Nullable Integer line,
        @Nullable Integer column,
        String message) {}
