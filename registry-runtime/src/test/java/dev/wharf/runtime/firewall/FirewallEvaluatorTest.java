package dev.wharf.runtime.firewall;

import static dev.wharf.runtime.firewall.Policies.allowLicenses;
import static dev.wharf.runtime.firewall.Policies.compile;
import static dev.wharf.runtime.firewall.Policies.denyLicenses;
import static dev.wharf.runtime.firewall.Policies.expression;
import static dev.wharf.runtime.firewall.Policies.maven;
import static dev.wharf.runtime.firewall.Policies.minimumAge;
import static dev.wharf.runtime.firewall.Policies.npm;
import static dev.wharf.runtime.firewall.Policies.packages;
import static dev.wharf.runtime.firewall.Policies.pypi;
import static dev.wharf.runtime.firewall.Policies.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.firewall.Exemption;
import dev.wharf.api.v1alpha1.firewall.FailMode;
import dev.wharf.api.v1alpha1.firewall.FirewallMode;
import dev.wharf.api.v1alpha1.firewall.RuleAction;
import dev.wharf.runtime.firewall.Verdict.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verdicts of the built-in conditions, modes, failMode and exemptions, as tables. */
class FirewallEvaluatorTest {

    private static final Instant NOW = Instant.parse("2026-12-06T06:30:00Z");

    private static Verdict verdict(CompiledPolicy policy, Candidate candidate) {
        return FirewallEvaluator.evaluate(candidate, List.of(policy), NOW);
    }

    @Test
    void minimumAgeWhenTooYoungShouldBlockWithThePublishTimeTheAgeAndTheRequirement() {
        CompiledPolicy policy = compile(
                "npm-supply-chain",
                spec(FirewallMode.ENFORCE, null, List.of(), minimumAge("cooldown", "72h", RuleAction.BLOCK)));

        Verdict verdict = verdict(policy, npm("left-pad", "1.3.0", Instant.parse("2026-12-05T09:12:41Z")));

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCKED);
        assertThat(verdict.reason())
                .isEqualTo("published 2026-12-05T09:12Z, 21 h ago; policy npm-supply-chain rule cooldown needs 72 h");
    }

    @ParameterizedTest(name = "{0} old, mode {1}, action {2}: {3}")
    @CsvSource({
        "PT1H, ENFORCE, BLOCK, BLOCKED",
        "PT1H, ENFORCE, WARN, WARNING",
        "PT1H, WARN, BLOCK, WARNING",
        "PT1H, AUDIT, BLOCK, PASSED",
        "PT72H, ENFORCE, BLOCK, PASSED",
        "P30D, ENFORCE, BLOCK, PASSED",
    })
    void minimumAgeWhenModeAndActionVaryShouldDecideAsTheModeSays(
            Duration age, FirewallMode mode, RuleAction action, Decision expected) {
        CompiledPolicy policy = compile("p", spec(mode, null, List.of(), minimumAge("cooldown", "72h", action)));

        assertThat(verdict(policy, npm("left-pad", "1.3.0", NOW.minus(age))).decision())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "failMode {0}: {1}")
    @CsvSource({"CLOSED, BLOCKED", "OPEN, PASSED"})
    void minimumAgeWhenPublishTimeIsUnknownShouldFollowFailMode(FailMode failMode, Decision expected) {
        CompiledPolicy policy = compile(
                "p", spec(FirewallMode.ENFORCE, failMode, List.of(), minimumAge("cooldown", "72h", RuleAction.BLOCK)));

        Verdict verdict = verdict(policy, npm("left-pad", "1.3.0", null));

        assertThat(verdict.decision()).isEqualTo(expected);
        assertThat(verdict.findings().getFirst().message()).startsWith("publish time unknown; policy p rule cooldown");
    }

    @Test
    void minimumAgeWhenFailModeIsUnsetShouldFailClosed() {
        CompiledPolicy policy = compile(
                "p", spec(FirewallMode.ENFORCE, null, List.of(), minimumAge("cooldown", "3d", RuleAction.BLOCK)));

        assertThat(verdict(policy, npm("left-pad", "1.3.0", null)).reason())
                .isEqualTo("publish time unknown; policy p rule cooldown needs 72 h, and failMode closed treats what"
                        + " cannot be decided as a match");
    }

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
        "pkg:npm/event-stream@3.3.6, event-stream, 3.3.6, BLOCKED",
        "pkg:npm/event-stream@3.3.6, event-stream, 3.3.5, PASSED",
        "pkg:npm/event-stream, event-stream, 4.0.0, BLOCKED",
        "pkg:npm/@acme/*, @acme/tools, 1.0.0, BLOCKED",
        "pkg:npm/%40acme/tools@1.0.0, @acme/tools, 1.0.0, BLOCKED",
        "pkg:npm/@acme/*, acme-tools, 1.0.0, PASSED",
        "pkg:npm/colors@1.4.?, colors, 1.4.1, BLOCKED",
        "pkg:npm/colors@1.4.?, colors, 1.4.10, PASSED",
    })
    void packagesWhenTheUrlMatchesAGlobShouldBlock(String glob, String name, String version, Decision expected) {
        CompiledPolicy policy =
                compile("p", spec(FirewallMode.ENFORCE, null, List.of(), packages("banned", RuleAction.BLOCK, glob)));

        assertThat(verdict(policy, npm(name, version, NOW)).decision()).isEqualTo(expected);
    }

    @Test
    void packagesWhenPypiGlobIsWrittenUnnormalisedShouldMatchTheNormalisedProject() {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        null,
                        List.of(),
                        packages("banned", RuleAction.BLOCK, "pkg:pypi/Foo_Bar@1.0")));

        assertThat(verdict(policy, pypi("foo-bar", "1.0")).reason())
                .isEqualTo("pkg:pypi/foo-bar@1.0 matches pkg:pypi/Foo_Bar@1.0; policy p rule banned denies it");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"org.acme:lib, BLOCKED", "org.acme.sub:lib, PASSED", "com.example:lib, PASSED"})
    void packagesWhenMavenGroupGlobShouldMatchItsArtifacts(String name, Decision expected) {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        null,
                        List.of(),
                        packages("acme", RuleAction.BLOCK, "pkg:maven/org.acme/*")));

        assertThat(verdict(policy, maven(name, "1.0")).decision()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AGPL-3.0-only | WARNING",
                "MIT | PASSED",
                "MIT OR AGPL-3.0-only | PASSED",
                "MIT AND AGPL-3.0-only | WARNING",
                "(Apache-2.0 OR AGPL-3.0-only) AND SSPL-1.0 | WARNING",
                "agpl-3.0-only | WARNING",
                "GPL-2.0-only WITH Classpath-exception-2.0 | PASSED",
            })
    void licensesWhenDenyListedShouldMatchOnlyWhenNoChoiceAvoidsThem(String license, Decision expected) {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        null,
                        List.of(),
                        denyLicenses("licenses", RuleAction.WARN, "AGPL-3.0-only", "SSPL-1.0")));

        assertThat(verdict(policy, npm("x", "1.0.0", NOW, license)).decision()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "MIT | PASSED",
                "Apache-2.0 OR GPL-3.0-only | PASSED",
                "Apache-2.0 AND GPL-3.0-only | BLOCKED",
                "LicenseRef-Proprietary | BLOCKED",
            })
    void licensesWhenAllowListedShouldMatchWhatCannotBeUsedUnderThem(String license, Decision expected) {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        null,
                        List.of(),
                        allowLicenses("permissive", RuleAction.BLOCK, "MIT", "Apache-2.0")));

        assertThat(verdict(policy, npm("x", "1.0.0", NOW, license)).decision()).isEqualTo(expected);
    }

    @Test
    void licensesWhenDeclarationIsNotSpdxShouldBeUndecidedAndSayWhichDeclaration() {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        FailMode.OPEN,
                        List.of(),
                        allowLicenses("permissive", RuleAction.BLOCK, "MIT")));

        Verdict verdict = verdict(policy, npm("x", "1.0.0", NOW, "SEE LICENSE IN LICENSE.txt"));

        assertThat(verdict.decision()).isEqualTo(Decision.PASSED);
        assertThat(verdict.findings().getFirst().message())
                .isEqualTo("license 'SEE LICENSE IN LICENSE.txt' is not an SPDX expression; policy p rule permissive"
                        + " allows only MIT, and failMode open lets what cannot be decided pass");
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "version.prerelease && package.ecosystem == 'npm' | 1.0.0-rc.1 | BLOCKED",
                "version.prerelease && package.ecosystem == 'npm' | 1.0.0 | PASSED",
                "package.name.startsWith('@acme/') | 1.0.0 | BLOCKED",
                "'MIT' in version.licenses | 1.0.0 | BLOCKED",
                "version.age < duration('72h') | 1.0.0 | BLOCKED",
                "version.published < timestamp('2020-01-01T00:00:00Z') | 1.0.0 | PASSED",
                "package.purl == 'pkg:npm/@acme/tools@1.0.0' | 1.0.0 | BLOCKED",
            })
    void expressionWhenItEvaluatesShouldMatchWhenTrue(String source, String version, Decision expected) {
        CompiledPolicy policy = compile(
                "p", spec(FirewallMode.ENFORCE, null, List.of(), expression("custom", RuleAction.BLOCK, source)));

        assertThat(policy.problems()).isEmpty();
        assertThat(verdict(policy, npm("@acme/tools", version, NOW.minus(Duration.ofHours(5)), "MIT"))
                        .decision())
                .isEqualTo(expected);
    }

    @Test
    void expressionWhenItReadsAnUnknownPublishTimeShouldFollowFailMode() {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        FailMode.CLOSED,
                        List.of(),
                        expression("young", RuleAction.BLOCK, "version.age < duration('72h')")));

        assertThat(verdict(policy, npm("x", "1.0.0", null)).decision()).isEqualTo(Decision.BLOCKED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "versoin.prerelease | line 1, column 1: undeclared reference to 'versoin'",
                "version.prerelease == 'yes' | line 1, column 20: found no matching overload for '_==_'",
                "package.name | does not type-check to a bool",
                "version.prerelease && | line 1, column 22: mismatched input '<EOF>'",
            })
    void expressionWhenItDoesNotTypeCheckShouldReportThePositionAndApplyNoRuleOfThePolicy(
            String source, String problem) {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        null,
                        List.of(),
                        packages("banned", RuleAction.BLOCK, "pkg:npm/x"),
                        expression("custom", RuleAction.BLOCK, source)));

        assertThat(policy.applied()).isFalse();
        assertThat(policy.problems())
                .singleElement()
                .asString()
                .startsWith("spec.rules[1] (custom): ")
                .contains(problem);
        assertThat(verdict(policy, npm("x", "1.0.0", NOW)).decision()).isEqualTo(Decision.PASSED);
    }

    @ParameterizedTest(name = "until {0}: {1}")
    @CsvSource({"2026-12-06, PASSED", "2026-12-05, BLOCKED", ", PASSED"})
    void exemptionWhenInForceShouldLetTheVersionThroughAndSayWhy(String until, Decision expected) {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        null,
                        List.of(new Exemption("pkg:npm/left-pad@1.*", "reviewed by security, ticket SEC-12", until)),
                        minimumAge("cooldown", "72h", RuleAction.BLOCK)));

        Verdict verdict = verdict(policy, npm("left-pad", "1.3.0", NOW.minus(Duration.ofHours(1))));

        assertThat(verdict.decision()).isEqualTo(expected);
        if (expected == Decision.PASSED) {
            assertThat(verdict.exemptions())
                    .containsExactly("policy p exempts pkg:npm/left-pad@1.*" + (until == null ? "" : " until " + until)
                            + ": reviewed by security, ticket SEC-12");
        }
    }

    @Test
    void evaluateWhenPoliciesDisagreeShouldTakeTheStrongestAndListEveryReason() {
        CompiledPolicy warn = compile(
                "licenses",
                spec(FirewallMode.WARN, null, List.of(), denyLicenses("agpl", RuleAction.BLOCK, "AGPL-3.0-only")));
        CompiledPolicy block = compile(
                "cooldown", spec(FirewallMode.ENFORCE, null, List.of(), minimumAge("young", "1d", RuleAction.BLOCK)));

        Verdict verdict = FirewallEvaluator.evaluate(
                npm("x", "1.0.0", NOW.minus(Duration.ofHours(2)), "AGPL-3.0-only"), List.of(warn, block), NOW);

        assertThat(verdict.decision()).isEqualTo(Decision.BLOCKED);
        assertThat(verdict.applied()).extracting(Finding::policy).containsExactly("licenses", "cooldown");
        assertThat(verdict.reason())
                .isEqualTo("published 2026-12-06T04:30Z, 2 h ago; policy cooldown rule young needs 24 h");
    }

    @Test
    void compileWhenAnExemptionIsNotAPackageUrlShouldNotApplyThePolicy() {
        CompiledPolicy policy = compile(
                "p",
                spec(
                        FirewallMode.ENFORCE,
                        null,
                        List.of(new Exemption("left-pad", "why", null)),
                        minimumAge("cooldown", "72h", RuleAction.BLOCK)));

        assertThat(policy.problems())
                .containsExactly("spec.exemptions[0]: 'left-pad' is not a package URL; write"
                        + " pkg:<type>/<name>[@<version>], such as pkg:npm/event-stream@3.3.6 or pkg:maven/org.acme/*");
    }
}
