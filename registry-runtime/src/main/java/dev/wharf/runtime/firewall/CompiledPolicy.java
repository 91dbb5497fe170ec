package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.Exemption;
import dev.wharf.api.v1alpha1.firewall.FailMode;
import dev.wharf.api.v1alpha1.firewall.FirewallMode;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicySpec;
import dev.wharf.api.v1alpha1.firewall.FirewallRule;
import dev.wharf.api.v1alpha1.firewall.LicenseCondition;
import dev.wharf.api.v1alpha1.firewall.RuleAction;
import dev.wharf.api.v1alpha1.firewall.VulnerabilityCondition;
import dev.wharf.runtime.proxy.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A FirewallPolicy compiled whole: every rule's condition built (CEL type-checked, globs and durations read) before
 * any is applied. A policy with a problem in any rule has no rules at all and says why ({@link #problems}), so it is
 * never applied half-way.
 */
public final class CompiledPolicy {

    /** One compiled rule. */
    record Rule(String name, RuleAction action, Condition condition) {}

    /** One compiled exemption; {@code until} is the last day it applies, null for none. */
    record Exempt(PurlGlob purl, String reason, @Nullable LocalDate until) {}

    private final String name;
    private final FirewallMode mode;
    private final FailMode failMode;
    private final List<Rule> rules;
    private final List<Exempt> exemptions;
    private final List<String> problems;
    private final List<PolicyProblem> details;

    private CompiledPolicy(
            String name,
            FirewallMode mode,
            FailMode failMode,
            List<Rule> rules,
            List<Exempt> exemptions,
            List<String> problems,
            List<PolicyProblem> details) {
        this.name = name;
        this.mode = mode;
        this.failMode = failMode;
        this.rules = List.copyOf(rules);
        this.exemptions = List.copyOf(exemptions);
        this.problems = List.copyOf(problems);
        this.details = List.copyOf(details);
    }

    /**
     * Compiles the policy {@code name}; its vulnerability rules read the advisories {@code advisories} gives, empty
     * until they are loaded.
     */
    public static CompiledPolicy compile(
            String name, FirewallPolicySpec spec, Supplier<Optional<AdvisoryIndex>> advisories) {
        List<String> problems = new ArrayList<>();
        List<PolicyProblem> details = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        List<FirewallRule> declared = spec.rules();
        for (int i = 0; i < declared.size(); i++) {
            FirewallRule rule = declared.get(i);
            try {
                rules.add(new Rule(rule.name(), rule.action(), condition(rule, i, advisories)));
            } catch (CelExpression.InvalidExpressionException e) {
                problems.add("spec.rules[" + i + "] (" + rule.name() + "): " + e.getMessage());
                String field = "spec.rules[" + i + "].expression";
                if (e.issues().isEmpty()) {
                    details.add(new PolicyProblem(field, rule.name(), null, null, String.valueOf(e.getMessage())));
                }
                e.issues()
                        .forEach(issue -> details.add(
                                new PolicyProblem(field, rule.name(), issue.line(), issue.column(), issue.message())));
            } catch (IllegalArgumentException e) {
                problems.add("spec.rules[" + i + "] (" + rule.name() + "): " + e.getMessage());
                details.add(new PolicyProblem(
                        "spec.rules[" + i + "]", rule.name(), null, null, String.valueOf(e.getMessage())));
            }
        }
        List<Exempt> exemptions = new ArrayList<>();
        List<Exemption> declaredExemptions = spec.exemptions() == null ? List.of() : spec.exemptions();
        for (int i = 0; i < declaredExemptions.size(); i++) {
            Exemption exemption = declaredExemptions.get(i);
            try {
                exemptions.add(new Exempt(PurlGlob.of(exemption.purl()), exemption.reason(), day(exemption.until())));
            } catch (IllegalArgumentException e) {
                problems.add("spec.exemptions[" + i + "]: " + e.getMessage());
                details.add(new PolicyProblem(
                        "spec.exemptions[" + i + "]", null, null, null, String.valueOf(e.getMessage())));
            }
        }
        FailMode failMode = spec.failMode() == null ? FailMode.CLOSED : spec.failMode();
        return problems.isEmpty()
                ? new CompiledPolicy(name, spec.mode(), failMode, rules, exemptions, List.of(), List.of())
                : new CompiledPolicy(name, spec.mode(), failMode, List.of(), List.of(), problems, details);
    }

    private static Condition condition(FirewallRule rule, int index, Supplier<Optional<AdvisoryIndex>> advisories) {
        if (rule.minimumAge() != null) {
            Duration minimum =
                    Durations.parse("spec.rules[" + index + "].minimumAge", rule.minimumAge(), Duration.ZERO);
            return new MinimumAge(minimum);
        }
        if (rule.packages() != null) {
            return new DeniedPackages(
                    rule.packages().deny().stream().map(PurlGlob::of).toList());
        }
        LicenseCondition licenses = rule.licenses();
        if (licenses != null) {
            if (licenses.allow() != null) {
                return DeclaredLicenses.allowing(licenses.allow());
            }
            if (licenses.deny() != null) {
                return DeclaredLicenses.denying(licenses.deny());
            }
            throw new IllegalArgumentException("a licenses condition needs allow or deny");
        }
        VulnerabilityCondition vulnerabilities = rule.vulnerabilities();
        if (vulnerabilities != null) {
            return new KnownVulnerabilities(
                    vulnerabilities.minSeverity(),
                    vulnerabilities.ignore() == null ? List.of() : vulnerabilities.ignore(),
                    advisories);
        }
        if (rule.expression() != null) {
            return CelExpression.compile(rule.expression());
        }
        throw new IllegalArgumentException("the rule has no condition; give it one of minimumAge, vulnerabilities,"
                + " licenses, packages or expression");
    }

    private static @Nullable LocalDate day(@Nullable String until) {
        if (until == null) {
            return null;
        }
        try {
            return LocalDate.parse(until);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("until is '" + until + "', which is not a day; write YYYY-MM-DD", e);
        }
    }

    /** The policy's name. */
    public String name() {
        return name;
    }

    /** Its mode. */
    public FirewallMode mode() {
        return mode;
    }

    /** Why it is not applied; empty when it compiled. */
    public List<String> problems() {
        return problems;
    }

    /** Why it is not applied, field by field, with the position of each expression's issues; empty when it compiled. */
    public List<PolicyProblem> problemDetails() {
        return details;
    }

    /** Whether it compiled and is applied. */
    public boolean applied() {
        return problems.isEmpty();
    }

    /**
     * Every rule's finding for {@code candidate} at {@code now}, or none when an exemption in force covers it (then
     * {@code exempted} receives its description).
     */
    List<Finding> evaluate(Candidate candidate, Instant now, List<String> exempted) {
        if (!applied()) {
            return List.of();
        }
        String purl = candidate.purl();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Exempt exemption : exemptions) {
            if (exemption.purl().matches(purl) && (exemption.until() == null || !today.isAfter(exemption.until()))) {
                exempted.add("policy " + name + " exempts " + exemption.purl().text()
                        + (exemption.until() == null ? "" : " until " + exemption.until()) + ": "
                        + exemption.reason());
                return List.of();
            }
        }
        List<Finding> findings = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleOutcome outcome = rule.condition().test(candidate, now);
            boolean applies = outcome.kind() == RuleOutcome.Kind.MATCHED
                    || (outcome.kind() == RuleOutcome.Kind.UNDECIDED && failMode == FailMode.CLOSED);
            findings.add(new Finding(name, rule.name(), rule.action(), mode, outcome, applies));
        }
        return findings;
    }
}
