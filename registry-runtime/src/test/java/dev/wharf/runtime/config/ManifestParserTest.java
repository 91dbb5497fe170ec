package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of problem in a manifest file is reported with its file, document, kind and name, and the reason. */
class ManifestParserTest {

    private final ManifestParser parser = ConfigFixtures.parser();

    private ParsedManifests parse(String path, String content) {
        return parser.parse(new ManifestFiles(List.of(new ManifestFile(path, content)), List.of()));
    }

    private static List<String> problems(ParsedManifests parsed) {
        return parsed.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void parseWhenFormatIsNotInTheEnumerationShouldReportTheFieldPathTheValueAndTheAllowedValues() {
        ParsedManifests parsed = parse("samples/local/npm.yaml", ConfigFixtures.registry("npm", "npmm", ""));

        assertThat(parsed.registries()).isEmpty();
        assertThat(problems(parsed))
                .singleElement()
                .asString()
                .startsWith("samples/local/npm.yaml (Registry npm): /spec/format: \"npmm\" is not one of the allowed"
                        + " values [cargo, composer, conda, dart, debian, docker, generic, go, helm, huggingface,"
                        + " maven, npm, nuget,");
        assertThat(parsed.refused())
                .containsExactly(new ManifestLocation("samples/local/npm.yaml", 1, "Registry", "npm"));
    }

    @Test
    void parseWhenACelRuleFailsShouldReportItsMessageAtTheRuleNode() {
        ParsedManifests parsed = parse("generic.yaml", ConfigFixtures.registry("files", "generic", "allowPush: false"));

        assertThat(problems(parsed))
                .containsExactly("generic.yaml (Registry files): /spec: a Registry with allowPush: false and no"
                        + " upstreamProxies could never hold anything: name an UpstreamProxy or allow pushes");
    }

    @Test
    void parseWhenAFieldIsUnknownShouldRefuseItAsStrictFieldValidationDoes() {
        ParsedManifests parsed = parse("npm.yaml", ConfigFixtures.registry("npm", "npm", "allowPushes: true"));

        assertThat(problems(parsed))
                .singleElement()
                .asString()
                .startsWith("npm.yaml (Registry npm): /spec: ")
                .contains("allowPushes");
    }

    @Test
    void parseWhenTheSecondDocumentIsInvalidShouldNameItsPositionAndKeepTheFirst() {
        String content = ConfigFixtures.registry("maven", "maven", "upstreamProxies: [central]") + "---\n"
                + ConfigFixtures.upstreamProxy("central", "maven", "ftp://repo.example.com");

        ParsedManifests parsed = parse("maven.yaml", content);

        assertThat(parsed.registries())
                .extracting(r -> r.value().getMetadata().getName())
                .containsExactly("maven");
        assertThat(parsed.upstreamProxies()).isEmpty();
        assertThat(problems(parsed))
                .singleElement()
                .asString()
                .startsWith("maven.yaml (document 2, UpstreamProxy central): /spec/url: ");
    }

    @Test
    void parseWhenTheKindIsUnknownShouldListTheKindsTheRuntimeReads() {
        ParsedManifests parsed = parse("extra.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  a: b
                """);

        assertThat(problems(parsed))
                .containsExactly(
                        "extra.yaml (ConfigMap settings): unknown kind v1 ConfigMap: this runtime reads"
                                + " wharf.dev/v1alpha1 Registry, UpstreamProxy, CleanupPolicy and FirewallPolicy, and v1 Secret");
    }

    @Test
    void parseWhenTheApiVersionIsAnotherWharfVersionShouldReportItAsUnknown() {
        ParsedManifests parsed =
                parse("npm.yaml", ConfigFixtures.registry("npm", "npm", "").replace("v1alpha1", "v1beta1"));

        assertThat(problems(parsed))
                .singleElement()
                .asString()
                .startsWith("npm.yaml (Registry npm): unknown kind wharf.dev/v1beta1 Registry: ");
    }

    @Test
    void parseWhenTheNameIsMissingShouldSaySo() {
        ParsedManifests parsed = parse(
                "npm.yaml", ConfigFixtures.registry("npm", "npm", "").replace("  name: npm\n", "  labels: {a: b}\n"));

        assertThat(problems(parsed)).containsExactly("npm.yaml (Registry without a name): metadata.name is required");
    }

    @Test
    void parseWhenADocumentIsNotAMappingShouldSaySo() {
        ParsedManifests parsed = parse("list.yaml", "- a\n- b\n");

        assertThat(problems(parsed))
                .containsExactly(
                        "list.yaml (unknown kind without a name): not a Kubernetes manifest: expected a mapping"
                                + " with apiVersion, kind and metadata");
    }

    @Test
    void parseWhenYamlIsBrokenShouldGiveTheLineAndColumn() {
        ParsedManifests parsed = parse("broken.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: npm
                spec:
                  format: npm
                   allowPush: true
                """);

        assertThat(problems(parsed))
                .singleElement()
                .asString()
                .startsWith("broken.yaml: not valid YAML at line 7, column 13: ");
    }

    @Test
    void parseWhenAKeyIsRepeatedShouldRefuseTheFileAsKubectlDoes() {
        ParsedManifests parsed = parse("npm.yaml", ConfigFixtures.registry("npm", "npm", "format: maven"));

        assertThat(problems(parsed))
                .singleElement()
                .asString()
                .startsWith("npm.yaml: not valid YAML at line ")
                .contains("Duplicate field 'format'");
    }

    @Test
    void parseWhenDocumentsAreEmptyShouldSkipThemSilently() {
        ParsedManifests parsed = parse("npm.yaml", "---\n" + ConfigFixtures.registry("npm", "npm", "") + "---\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.registries()).hasSize(1);
    }

    @Test
    void parseWhenEveryKindIsValidShouldReadEachIntoItsType() {
        String content = String.join(
                "---\n",
                ConfigFixtures.registry("npm", "npm", "upstreamProxies: [npmjs]"),
                ConfigFixtures.upstreamProxy("npmjs", "npm", "https://registry.npmjs.org"),
                """
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata:
                  name: weekly
                spec:
                  registries: [npm]
                  schedule: "@weekly"
                  rules:
                    - name: old
                      olderThan: 90d
                """,
                """
                apiVersion: wharf.dev/v1alpha1
                kind: FirewallPolicy
                metadata:
                  name: cooldown
                spec:
                  targets: {upstreamProxies: [npmjs]}
                  mode: enforce
                  rules:
                    - {name: cooldown, minimumAge: 72h, action: block}
                """,
                ConfigFixtures.secret("token", "token: t"));

        ParsedManifests parsed = parse("all.yaml", content);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.registries()).hasSize(1);
        assertThat(parsed.upstreamProxies()).hasSize(1);
        assertThat(parsed.cleanupPolicies())
                .singleElement()
                .satisfies(policy ->
                        assertThat(policy.value().getSpec().schedule()).isEqualTo("@weekly"));
        assertThat(parsed.firewallPolicies())
                .singleElement()
                .satisfies(policy -> assertThat(policy.location())
                        .isEqualTo(new ManifestLocation("all.yaml", 4, "FirewallPolicy", "cooldown")));
        assertThat(parsed.secrets()).extracting(secret -> secret.value().name()).containsExactly("token");
    }
}
