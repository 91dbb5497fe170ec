package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loaded CleanupPolicies and FirewallPolicies, which this runtime does not act on yet, are reported, never silent. */
class IneffectivePoliciesTest {

    private static final String POLICIES = """
            apiVersion: wharf.dev/v1alpha1
            kind: FirewallPolicy
            metadata:
              name: npm-supply-chain
            spec:
              targets:
                upstreamProxies: [npmjs]
              mode: enforce
              rules:
                - name: cooldown
                  minimumAge: 72h
                  action: block
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: CleanupPolicy
            metadata:
              name: snapshots
            spec:
              registries: [files]
              schedule: "@daily"
              mode: Apply
              rules:
                - name: old
                  olderThan: 30d
            """;

    @TempDir
    Path dir;

    private void writeConfiguration() {
        ConfigFixtures.write(
                dir,
                "registries.yaml",
                ConfigFixtures.registry("files", "generic", "")
                        + "---\n"
                        + ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]")
                        + "---\n"
                        + ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org"));
        ConfigFixtures.write(dir, "policies.yaml", POLICIES);
    }

    @Test
    void ofWhenPoliciesAreLoadedShouldListTheFirewallPoliciesAsNotFilteringMetadataAndNoCleanupPolicy() {
        writeConfiguration();

        RuntimeConfiguration configuration = ConfigFixtures.load(dir, dir.resolve("no-secrets"));

        assertThat(configuration.problems()).isEmpty();
        assertThat(IneffectivePolicies.of(configuration))
                .containsExactly(new IneffectivePolicies.Policy(
                        "FirewallPolicy",
                        "npm-supply-chain",
                        "MetadataNotFiltered",
                        "FirewallPolicy npm-supply-chain takes effect only in part: in mode enforce it decides"
                                + " each version a request names that comes through its targets (upstream proxies"
                                + " [npmjs], registries []), but blocked versions still appear in package metadata"
                                + " (a version range may resolve to one, whose download is then refused) and"
                                + " quarantine is not available yet",
                        List.of()));
    }

    @Test
    void ofWhenNoPolicyIsLoadedShouldBeEmpty() {
        ConfigFixtures.write(dir, "registries.yaml", ConfigFixtures.registry("files", "generic", ""));

        assertThat(IneffectivePolicies.of(ConfigFixtures.load(dir, dir.resolve("no-secrets"))))
                .isEmpty();
    }

    @Test
    void loadWhenPoliciesAreLoadedShouldWarnOfEachFirewallPolicyThatItHasNoEffect() {
        writeConfiguration();

        try (LogCapture logs = LogCapture.configPackage()) {
            ConfigFixtures.store(dir, dir.resolve("no-secrets"));

            assertThat(logs.lines())
                    .noneSatisfy(line -> assertThat(line).contains("CleanupPolicy snapshots has no effect"))
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("WARN FirewallPolicy npm-supply-chain takes effect only in part")
                            .contains("policyKind=\"FirewallPolicy\"", "reason=\"MetadataNotFiltered\""));
        }
    }
}
