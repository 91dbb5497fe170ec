package dev.wharf.runtime.firewall;

import static dev.wharf.runtime.firewall.Policies.compile;
import static dev.wharf.runtime.firewall.Policies.maven;
import static dev.wharf.runtime.firewall.Policies.npm;
import static dev.wharf.runtime.firewall.Policies.pypi;
import static dev.wharf.runtime.firewall.Policies.spec;
import static dev.wharf.runtime.firewall.Policies.vulnerabilities;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.firewall.FailMode;
import dev.wharf.api.v1alpha1.firewall.FirewallMode;
import dev.wharf.api.v1alpha1.firewall.Severity;
import dev.wharf.runtime.firewall.Verdict.Decision;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OSV archives read streaming, and the vulnerabilities condition over them with each ecosystem's version order. */
class OsvArchiveTest {

    private static final Instant NOW = Instant.parse("2026-12-06T06:30:00Z");

    private static AdvisoryIndex index;

    @BeforeAll
    static void load() throws IOException {
        index = new OsvArchive(OsvFixtures.NAMES)
                .read(new ByteArrayInputStream(OsvFixtures.zip(OsvFixtures.DOCUMENTS)), NOW);
    }

    private static Verdict verdict(Severity minimum, FailMode failMode, Candidate candidate, String... ignore) {
        CompiledPolicy policy = compile(
                "cves",
                spec(FirewallMode.ENFORCE, failMode, List.of(), vulnerabilities("cves", minimum, ignore)),
                index);
        return FirewallEvaluator.evaluate(candidate, List.of(policy), NOW);
    }

    @Test
    void readWhenArchiveHoldsOtherEcosystemsAndWithdrawnAdvisoriesShouldKeepOnlyLiveServedOnes() {
        assertThat(index.advisories()).isEqualTo(5);
        assertThat(index.skipped()).isEqualTo(2);
        assertThat(index.loadedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "lodash {0}: {1}")
    @CsvSource({"4.17.20, BLOCKED", "4.17.21, PASSED", "1.0.0, BLOCKED", "4.17.21-rc.1, BLOCKED", "5.0.0, PASSED"})
    void vulnerabilitiesWhenNpmVersionIsInAnEcosystemRangeShouldBlockBySemverOrder(String version, Decision expected) {
        assertThat(verdict(Severity.HIGH, FailMode.CLOSED, npm("lodash", version, NOW))
                        .decision())
                .isEqualTo(expected);
    }

    @Test
    void vulnerabilitiesWhenBlockingShouldNameTheAdvisoryItsSeverityAndScore() {
        Verdict verdict = verdict(Severity.HIGH, FailMode.CLOSED, npm("lodash", "4.17.20", NOW));

        assertThat(verdict.reason())
                .isEqualTo("affected by GHSA-35jh-r3h4-6jhm (HIGH, CVSS 7.2); policy cves rule cves blocks advisories"
                        + " of HIGH and above and malicious packages");
        assertThat(verdict.findings().getFirst().outcome().advisories())
                .singleElement()
                .satisfies(advisory -> {
                    assertThat(advisory.summary()).isEqualTo("Command Injection in lodash");
                    assertThat(advisory.link()).isEqualTo("https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm");
                });
    }

    @Test
    void vulnerabilitiesWhenSeverityIsBelowTheMinimumShouldPassAndSayWhatWasFound() {
        Verdict verdict = verdict(Severity.CRITICAL, FailMode.CLOSED, npm("lodash", "4.17.20", NOW));

        assertThat(verdict.decision()).isEqualTo(Decision.PASSED);
        assertThat(verdict.findings().getFirst().outcome().observed())
                .isEqualTo("affected only below CRITICAL: GHSA-35jh-r3h4-6jhm (HIGH, CVSS 7.2)");
    }

    @ParameterizedTest(name = "ignore {0}")
    @CsvSource({"GHSA-35jh-r3h4-6jhm", "CVE-2021-23337"})
    void vulnerabilitiesWhenTheAdvisoryOrAnAliasIsIgnoredShouldPass(String ignored) {
        assertThat(verdict(Severity.LOW, FailMode.CLOSED, npm("lodash", "4.17.20", NOW), ignored)
                        .decision())
                .isEqualTo(Decision.PASSED);
    }

    @ParameterizedTest(name = "event-stream {0}: {1}")
    @CsvSource({"3.3.6, BLOCKED", "3.3.5, PASSED"})
    void vulnerabilitiesWhenAdvisoryIsMaliciousShouldMatchWhateverTheMinimum(String version, Decision expected) {
        Verdict verdict = verdict(Severity.CRITICAL, FailMode.CLOSED, npm("event-stream", version, NOW));

        assertThat(verdict.decision()).isEqualTo(expected);
        if (expected == Decision.BLOCKED) {
            assertThat(verdict.reason()).startsWith("affected by MAL-2022-1 (malicious package); policy cves");
        }
    }

    @ParameterizedTest(name = "requests {0}: {1}")
    @CsvSource({"2.30.0, BLOCKED", "2.31.0, PASSED", "2.3.0, BLOCKED", "2.2.1, PASSED", "2.31.0rc1, BLOCKED"})
    void vulnerabilitiesWhenPypiVersionShouldUsePep440OrderAndTheNormalisedName(String version, Decision expected) {
        // The advisory names the project "Requests" and rates it MODERATE (GitHub's word for MEDIUM).
        assertThat(verdict(Severity.MEDIUM, FailMode.CLOSED, pypi("requests", version))
                        .decision())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "log4j-core {0}: {1}")
    @CsvSource({
        "2.14.1, BLOCKED",
        "2.15.0, PASSED",
        "2.12.1, BLOCKED",
        "2.12.2, PASSED",
        "2.3, BLOCKED",
        "2.3.1, PASSED",
        "2.0-beta9, BLOCKED",
        "2.0-beta8, PASSED",
        "1.2.17, PASSED",
    })
    void vulnerabilitiesWhenMavenVersionShouldUseMavensOrderAcrossSeveralRanges(String version, Decision expected) {
        assertThat(verdict(Severity.CRITICAL, FailMode.CLOSED, maven("org.apache.logging.log4j:log4j-core", version))
                        .decision())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "failMode {0}: {1}")
    @CsvSource({"CLOSED, BLOCKED", "OPEN, PASSED"})
    void vulnerabilitiesWhenAdvisoryHasOnlyACvss4VectorShouldBeUndecided(FailMode failMode, Decision expected) {
        Verdict verdict = verdict(Severity.LOW, failMode, npm("minimist", "1.2.5", NOW));

        assertThat(verdict.decision()).isEqualTo(expected);
        assertThat(verdict.findings().getFirst().outcome().observed())
                .isEqualTo("affected by GHSA-4444-cvss-four (severity unknown)");
    }

    @Test
    void vulnerabilitiesWhenVersionIsAtTheRangeLimitShouldPass() {
        assertThat(verdict(Severity.LOW, FailMode.CLOSED, npm("minimist", "2.0.0", NOW))
                        .decision())
                .isEqualTo(Decision.PASSED);
    }

    @Test
    void vulnerabilitiesWhenAdvisoriesAreNotLoadedShouldFollowFailMode() {
        CompiledPolicy policy = CompiledPolicy.compile(
                "cves",
                spec(FirewallMode.ENFORCE, null, List.of(), vulnerabilities("cves", Severity.HIGH)),
                Optional::empty);

        assertThat(FirewallEvaluator.evaluate(npm("lodash", "4.17.21", NOW), List.of(policy), NOW)
                        .reason())
                .isEqualTo("advisories not loaded yet; policy cves rule cves blocks advisories of HIGH and above and"
                        + " malicious packages, and failMode closed treats what cannot be decided as a match");
    }

    @Test
    void readWhenADocumentIsNotJsonShouldSkipItAndKeepTheRest() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("broken.json"));
            zip.write("{\"id\": \"GHSA-broken\", \"affected\": [".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("README.md"));
            zip.write("not an advisory".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            try (ZipInputStream fixture =
                    new ZipInputStream(new ByteArrayInputStream(OsvFixtures.zip(List.of("MAL-2022-1.json"))))) {
                zip.putNextEntry(new ZipEntry(fixture.getNextEntry().getName()));
                fixture.transferTo(zip);
                zip.closeEntry();
            }
        }

        AdvisoryIndex read = new OsvArchive(OsvFixtures.NAMES).read(new ByteArrayInputStream(bytes.toByteArray()), NOW);

        assertThat(read.advisories()).isEqualTo(1);
        assertThat(read.skipped()).isEqualTo(1);
    }

    @Test
    void readWhenTheZipIsTruncatedShouldFailNamingTheEntry() {
        byte[] zip = OsvFixtures.zip(OsvFixtures.DOCUMENTS);
        InputStream truncated = new ByteArrayInputStream(Arrays.copyOf(zip, 700));

        assertThatThrownBy(() -> new OsvArchive(OsvFixtures.NAMES).read(truncated, NOW))
                .isInstanceOf(IOException.class);
    }
}
