package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.firewall.Exemption;
import dev.wharf.api.v1alpha1.firewall.FailMode;
import dev.wharf.api.v1alpha1.firewall.FirewallMode;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicySpec;
import dev.wharf.api.v1alpha1.firewall.FirewallRule;
import dev.wharf.api.v1alpha1.firewall.LicenseCondition;
import dev.wharf.api.v1alpha1.firewall.PackageCondition;
import dev.wharf.api.v1alpha1.firewall.RuleAction;
import dev.wharf.api.v1alpha1.firewall.Severity;
import dev.wharf.api.v1alpha1.firewall.Targets;
import dev.wharf.api.v1alpha1.firewall.VulnerabilityCondition;
import dev.wharf.runtime.version.VersionSchemes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Policies, rules and candidates for the firewall's table tests. */
final class Policies {

    static final Ecosystem NPM = new Ecosystem("npm", "npm", '/');
    static final Ecosystem PYPI = new Ecosystem("pypi", "PyPI", (char) 0);
    static final Ecosystem MAVEN = new Ecosystem("maven", "Maven", ':');

    private Policies() {}

    static FirewallRule minimumAge(String name, String age, RuleAction action) {
        return new FirewallRule(name, action, age, null, null, null, null);
    }

    static FirewallRule packages(String name, RuleAction action, String... deny) {
        return new FirewallRule(name, action, null, null, null, new PackageCondition(List.of(deny)), null);
    }

    static FirewallRule denyLicenses(String name, RuleAction action, String... deny) {
        return new FirewallRule(name, action, null, null, new LicenseCondition(null, List.of(deny)), null, null);
    }

    static FirewallRule allowLicenses(String name, RuleAction action, String... allow) {
        return new FirewallRule(name, action, null, null, new LicenseCondition(List.of(allow), null), null, null);
    }

    static FirewallRule vulnerabilities(String name, Severity minimum, String... ignore) {
        return new FirewallRule(
                name, RuleAction.BLOCK, null, new VulnerabilityCondition(minimum, List.of(ignore)), null, null, null);
    }

    static FirewallRule expression(String name, RuleAction action, String expression) {
        return new FirewallRule(name, action, null, null, null, null, expression);
    }

    static FirewallPolicySpec spec(
            FirewallMode mode, @Nullable FailMode failMode, List<Exemption> exemptions, FirewallRule... rules) {
        return new FirewallPolicySpec(
                new Targets(List.of("npmjs"), null), mode, failMode, List.of(rules), null, exemptions);
    }

    static CompiledPolicy compile(String name, FirewallPolicySpec spec) {
        return CompiledPolicy.compile(name, spec, Optional::empty);
    }

    static CompiledPolicy compile(String name, FirewallPolicySpec spec, AdvisoryIndex advisories) {
        return CompiledPolicy.compile(name, spec, () -> Optional.of(advisories));
    }

    static Candidate npm(String name, String version, @Nullable Instant published, String... licenses) {
        return new Candidate(
                NPM, VersionSchemes.of(Format.NPM), name, version, new VersionFacts(published, List.of(licenses)));
    }

    static Candidate pypi(String name, String version) {
        return new Candidate(PYPI, VersionSchemes.of(Format.PYPI), name, version, VersionFacts.UNKNOWN);
    }

    static Candidate maven(String name, String version) {
        return new Candidate(MAVEN, VersionSchemes.of(Format.MAVEN), name, version, VersionFacts.UNKNOWN);
    }
}
