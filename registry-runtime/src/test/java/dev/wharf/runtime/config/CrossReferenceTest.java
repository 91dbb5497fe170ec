package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks across documents: duplicate names, UpstreamProxies and Secrets a Registry names, policy targets. A
 * Registry whose references do not resolve is loaded anyway, marked with the reason.
 */
class CrossReferenceTest {

    @TempDir
    Path dir;

    @TempDir
    Path secrets;

    private RuntimeConfiguration load() {
        return ConfigFixtures.load(dir, secrets);
    }

    @Test
    void loadWhenAnUpstreamProxyDoesNotExistShouldLoadTheRegistryMarkedWithTheReason() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));

        RuntimeConfiguration configuration = load();

        ConfiguredRegistry npm = configuration.registry("npm").orElseThrow();
        assertThat(npm.ready()).isFalse();
        assertThat(npm.problems()).containsExactly("spec.upstreamProxies: UpstreamProxy npmjs does not exist");
        assertThat(configuration.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("npm.yaml")
                        + " (Registry npm): spec.upstreamProxies: UpstreamProxy npmjs does not exist");
        assertThat(configuration.complete()).isTrue();
    }

    @Test
    void loadWhenAnUpstreamProxyIsInvalidShouldSayItIsNotLoadedAndWhere() {
        ConfigFixtures.write(
                dir,
                "npm.yaml",
                ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]") + "---\n"
                        + ConfigFixtures.upstreamProxy("npmjs", "npm", "not-a-url"));

        ConfiguredRegistry npm = load().registry("npm").orElseThrow();

        assertThat(npm.problems())
                .containsExactly("spec.upstreamProxies: UpstreamProxy npmjs is not loaded: its manifest "
                        + dir.resolve("npm.yaml") + " (document 2, UpstreamProxy npmjs) is invalid");
    }

    @Test
    void loadWhenAnUpstreamProxyHasAnotherFormatShouldNameBothFormats() {
        ConfigFixtures.write(
                dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [central, npmjs]"));
        ConfigFixtures.write(dir, "central.yaml", ConfigFixtures.upstreamProxy("central", "maven", "https://repo1"));
        ConfigFixtures.write(
                dir, "npmjs.yaml", ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org"));

        ConfiguredRegistry npm = load().registry("npm").orElseThrow();

        assertThat(npm.problems())
                .containsExactly("spec.upstreamProxies: UpstreamProxy central has format maven, but this Registry has"
                        + " format npm; a Registry can only use UpstreamProxies of its own format");
        assertThat(npm.upstreamProxies())
                .extracting(ConfiguredUpstreamProxy::name)
                .containsExactly("npmjs");
    }

    @Test
    void loadWhenUpstreamProxiesAreListedShouldKeepTheRegistrysOrder() {
        ConfigFixtures.write(dir, "a.yaml", ConfigFixtures.upstreamProxy("a-mirror", "npm", "https://a.example"));
        ConfigFixtures.write(dir, "z.yaml", ConfigFixtures.upstreamProxy("z-mirror", "npm", "https://z.example"));
        ConfigFixtures.write(
                dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [z-mirror, a-mirror]"));

        assertThat(load().registry("npm").orElseThrow().upstreamProxies())
                .extracting(ConfiguredUpstreamProxy::name)
                .containsExactly("z-mirror", "a-mirror");
    }

    @Test
    void loadWhenANameIsDefinedTwiceShouldKeepTheFirstMarkItAndReportTheSecond() {
        ConfigFixtures.write(dir, "a.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigFixtures.write(dir, "b.yaml", ConfigFixtures.registry("npm", "maven", ""));

        RuntimeConfiguration configuration = load();

        ConfiguredRegistry npm = configuration.registry("npm").orElseThrow();
        assertThat(npm.format().id()).isEqualTo("npm");
        assertThat(npm.problems())
                .containsExactly(
                        "Registry npm is also defined in " + dir.resolve("b.yaml") + "; remove one of the definitions");
        assertThat(configuration.documentProblems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("b.yaml") + " (Registry npm): Registry npm is already defined in "
                        + dir.resolve("a.yaml") + "; this definition is ignored");
        assertThat(configuration.complete()).isFalse();
    }

    @Test
    void loadWhenAReferencedSecretIsMissingShouldSayWhereItWasLookedFor() {
        ConfigFixtures.write(
                dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "access:\n  usersSecret: npm-users"));

        ConfiguredRegistry npm = load().registry("npm").orElseThrow();

        assertThat(npm.problems())
                .containsExactly("spec.access.usersSecret: Secret npm-users does not exist; looked in v1 Secret"
                        + " manifests in the configuration directory, or files mounted as " + secrets
                        + "/<secret>/<key>");
        assertThat(npm.secretNames()).containsExactly("npm-users");
    }

    @Test
    void loadWhenASecretLacksAKeyShouldNameTheKeysItNeeds() {
        ConfigFixtures.write(dir, "docker.yaml", ConfigFixtures.registry("docker", "docker", """
                        storage:
                          s3: {endpoint: "http://minio:9000", bucket: wharf, credentialsSecret: minio}
                        database:
                          postgres: {secret: db}
                        """));
        ConfigFixtures.write(dir, "minio.yaml", ConfigFixtures.secret("minio", "accessKey: a"));
        ConfigFixtures.write(dir, "db.yaml", ConfigFixtures.secret("db", "url: u\nusername: n\npassword: p"));

        ConfiguredRegistry docker = load().registry("docker").orElseThrow();

        assertThat(docker.problems())
                .containsExactly("spec.storage.s3.credentialsSecret: Secret minio has no key secretKey; it needs"
                        + " accessKey, secretKey");
    }

    @Test
    void loadWhenTheSecretIsMountedInsteadOfAManifestShouldBeReady() throws Exception {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));
        ConfigFixtures.write(
                dir,
                "npmjs.yaml",
                ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org")
                        + "  credentialsSecret: npmjs-token\n");
        Files.createDirectories(secrets.resolve("npmjs-token"));
        Files.writeString(secrets.resolve("npmjs-token/token"), "t");

        ConfiguredRegistry npm = load().registry("npm").orElseThrow();

        assertThat(npm.problems()).isEmpty();
        assertThat(npm.secretNames()).containsExactly("npmjs-token");
    }

    @Test
    void loadWhenAnUpstreamProxysSecretIsMissingShouldMarkTheRegistriesUsingIt() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));
        ConfigFixtures.write(
                dir,
                "npmjs.yaml",
                ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org")
                        + "  credentialsSecret: npmjs-token\n");

        assertThat(load().registry("npm").orElseThrow().problems())
                .singleElement()
                .asString()
                .startsWith("UpstreamProxy npmjs spec.credentialsSecret: Secret npmjs-token does not exist");
    }

    @Test
    void loadWhenCleanupPoliciesSelectByNameAndLabelShouldResolveTheRegistriesAndReportMissingOnes() {
        ConfigFixtures.write(
                dir,
                "registries.yaml",
                ConfigFixtures.registry("npm", "npm", "")
                                .replace("  name: npm\n", "  name: npm\n  labels: {wharf.dev/cleanup: standard}\n")
                        + "---\n"
                        + ConfigFixtures.registry("maven", "maven", "")
                                .replace(
                                        "  name: maven\n",
                                        "  name: maven\n  labels: {wharf.dev/cleanup: standard, environment: production}\n")
                        + "---\n" + ConfigFixtures.registry("docker", "docker", ""));
        ConfigFixtures.write(dir, "cleanup.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: standard}
                spec:
                  registrySelector:
                    matchLabels: {wharf.dev/cleanup: standard}
                    matchExpressions: [{key: environment, operator: NotIn, values: [production]}]
                  schedule: "@daily"
                  rules: [{name: old, olderThan: 90d}]
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: named}
                spec:
                  registries: [docker, gone]
                  schedule: "@daily"
                  rules: [{name: old, olderThan: 90d}]
                """);

        RuntimeConfiguration configuration = load();

        assertThat(configuration.cleanupPolicies().get("standard").registries()).containsExactly("npm");
        assertThat(configuration.cleanupPolicies().get("named").registries()).containsExactly("docker");
        assertThat(configuration.cleanupPoliciesFor("npm"))
                .extracting(ConfiguredCleanupPolicy::name)
                .containsExactly("standard");
        assertThat(configuration.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("cleanup.yaml")
                        + " (document 2, CleanupPolicy named): spec.registries: Registry gone does not exist");
    }

    @Test
    void loadWhenFirewallPoliciesTargetProxiesAndRegistriesShouldApplyToTheRegistriesBehindThem() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"));
        ConfigFixtures.write(
                dir, "npmjs.yaml", ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org"));
        ConfigFixtures.write(dir, "pypi.yaml", ConfigFixtures.registry("pypi", "pypi", ""));
        ConfigFixtures.write(dir, "firewall.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: FirewallPolicy
                metadata: {name: npm-cooldown}
                spec:
                  targets: {upstreamProxies: [npmjs, gone]}
                  mode: enforce
                  rules: [{name: cooldown, minimumAge: 72h, action: block}]
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: FirewallPolicy
                metadata: {name: pypi-audit}
                spec:
                  targets: {registries: [pypi]}
                  mode: audit
                  rules: [{name: cooldown, minimumAge: 24h, action: warn}]
                  advisories:
                    source: {url: "https://osv.example/all.zip", credentialsSecret: osv}
                """);

        RuntimeConfiguration configuration = load();

        assertThat(configuration.firewallPoliciesFor("npm"))
                .extracting(ConfiguredFirewallPolicy::name)
                .containsExactly("npm-cooldown");
        assertThat(configuration.firewallPoliciesFor("pypi"))
                .extracting(ConfiguredFirewallPolicy::name)
                .containsExactly("pypi-audit");
        assertThat(configuration.firewallPolicies().get("npm-cooldown").upstreamProxies())
                .containsExactly("npmjs");
        assertThat(configuration.problems())
                .extracting(ConfigProblem::reason)
                .containsExactly(
                        "spec.targets.upstreamProxies: UpstreamProxy gone does not exist",
                        "spec.advisories.source.credentialsSecret: Secret osv does not exist; looked in v1 Secret"
                                + " manifests in the configuration directory, or files mounted as " + secrets
                                + "/<secret>/<key>");
    }
}
