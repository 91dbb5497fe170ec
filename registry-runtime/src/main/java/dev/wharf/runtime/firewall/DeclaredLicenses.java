package dev.wharf.runtime.firewall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code licenses} condition: with a deny list, matches versions that cannot be used without a denied license;
 * with an allow list, versions that cannot be used under allowed licenses only. A version declaring no license, or a
 * declaration that is not an SPDX expression, cannot be decided.
 */
final class DeclaredLicenses implements Condition {

    private final Set<String> listed;
    private final boolean allowList;
    private final String requirement;

    private DeclaredLicenses(List<String> listed, boolean allowList) {
        this.listed = listed.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.allowList = allowList;
        this.requirement = (allowList ? "allows only " : "denies ") + String.join(", ", listed);
    }

    static DeclaredLicenses allowing(List<String> allowed) {
        return new DeclaredLicenses(allowed, true);
    }

    static DeclaredLicenses denying(List<String> denied) {
        return new DeclaredLicenses(denied, false);
    }

    @Override
    public RuleOutcome test(Candidate candidate, Instant now) {
        List<String> declared = candidate.facts().licenses();
        if (declared.isEmpty()) {
            return RuleOutcome.undecided("no license declared", requirement);
        }
        List<LicenseExpression> expressions = new ArrayList<>();
        for (String text : declared) {
            Optional<LicenseExpression> parsed = LicenseExpression.parse(text);
            if (parsed.isEmpty()) {
                return RuleOutcome.undecided("license '" + text + "' is not an SPDX expression", requirement);
            }
            expressions.add(parsed.get());
        }
        Predicate<String> acceptable = id -> listed.contains(id.toLowerCase(Locale.ROOT)) == allowList;
        boolean usable = new LicenseExpression.All(expressions).acceptable(acceptable);
        String observed =
                "license " + declared.stream().map(text -> "'" + text + "'").collect(Collectors.joining(" and "));
        return usable ? RuleOutcome.clear(observed, requirement) : RuleOutcome.matched(observed, requirement);
    }
}
