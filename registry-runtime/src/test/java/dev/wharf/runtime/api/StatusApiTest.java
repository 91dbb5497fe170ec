package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.STRANGER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code GET /api/v1/status} against the running runtime; only the figures test stores anything in {@code copies}. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StatusApiTest {

    @TempDir
    static Path root;

    /** What the operator would generate and mount: only the status endpoint accepts it. */
    private static final String OPERATOR_CREDENTIAL = "wharf-status-Zm9yIHRoZSBzdGF0dXMgZW5kcG9pbnQgb25seQ";

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        Path credential = Files.writeString(root.resolve("status-credential"), OPERATOR_CREDENTIAL + "\n");
        registry.add("wharf.status.credential-file", credential::toString);
        Files.writeString(root.resolve("config").resolve("policies.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata:
                  name: old-copies
                spec:
                  registries: [copies]
                  schedule: "@daily"
                  mode: Plan
                  rules:
                    - name: old
                      olderThan: 30d
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: FirewallPolicy
                metadata:
                  name: cooldown
                spec:
                  targets: {registries: [files]}
                  mode: warn
                  rules:
                    - {name: young, minimumAge: 72h, action: warn}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: FirewallPolicy
                metadata:
                  name: typo
                spec:
                  targets: {registries: [copies]}
                  mode: enforce
                  rules:
                    - {name: fine, minimumAge: 1h, action: block}
                    - name: custom
                      expression: "version.prerelease &&\\n  versoin.number == '1'"
                      action: block
                """);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void statusShouldCountWhatEachRegistryHolds() {
        upload(client, "copies", "status-app", "1.0", "a.bin", new byte[100]);
        upload(client, "copies", "status-app", "1.0", "b.bin", new byte[20]);
        upload(client, "copies", "status-app", "2.0", "a.bin", new byte[3]);
        upload(client, "copies", "status-lib", "0.1", "lib.txt", utf8("lib"));

        status().expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.registries[?(@.name == 'copies')].packages")
                .isEqualTo(List.of(2))
                .jsonPath("$.registries[?(@.name == 'copies')].versions")
                .isEqualTo(List.of(3))
                .jsonPath("$.registries[?(@.name == 'copies')].files")
                .isEqualTo(List.of(4))
                .jsonPath("$.registries[?(@.name == 'copies')].storageBytes")
                .isEqualTo(List.of(126))
                .jsonPath("$.registries[?(@.name == 'copies')].downloads")
                .isEqualTo(List.of(0))
                .jsonPath("$.registries[?(@.name == 'copies')].lastPushedAt")
                .value(value -> assertThat(value.toString()).contains("T"));
    }

    @Test
    void statusShouldListEveryConfiguredRegistryWithReadinessAndPlaceholders() {
        status().expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.registries[*].name")
                .isEqualTo(List.of("copies", "crates", "files", "jars", "public-files"))
                .jsonPath("$.registries[?(@.name == 'crates')].implemented")
                .isEqualTo(List.of(false))
                .jsonPath("$.registries[?(@.name == 'files')].implemented")
                .isEqualTo(List.of(true))
                .jsonPath("$.registries[*].ready")
                .isEqualTo(List.of(true, true, true, true, true))
                .jsonPath("$.registries[0].upstreams")
                .isEmpty()
                .jsonPath("$.registries[0].lastCleanupRun")
                .isEmpty();
    }

    @Test
    void statusShouldDescribeTheConfiguration() {
        status().expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.configuration.source")
                .isNotEmpty()
                .jsonPath("$.configuration.lastLoaded")
                .isNotEmpty()
                .jsonPath("$.configuration.servingPrevious")
                .isEqualTo(false)
                .jsonPath("$.configuration.problems")
                .isEmpty();
    }

    @Test
    void statusShouldSummariseEachCleanupPolicyAndListNoCleanupPolicyAsIneffective() {
        status().expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.policies[?(@.kind == 'CleanupPolicy')]")
                .isEmpty()
                .jsonPath("$.cleanupPolicies[0].name")
                .isEqualTo("old-copies")
                .jsonPath("$.cleanupPolicies[0].mode")
                .isEqualTo("Plan")
                .jsonPath("$.cleanupPolicies[0].registries")
                .isEqualTo(List.of("copies"))
                .jsonPath("$.cleanupPolicies[0].nextRun")
                .value(value -> assertThat(value.toString()).endsWith("T00:00:00Z"));
    }

    @Test
    void statusShouldSummariseEachFirewallPolicyWithItsVerdictCounts() {
        status().expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firewallPolicies[*].name")
                .isEqualTo(List.of("cooldown", "typo"))
                .jsonPath("$.firewallPolicies[0].mode")
                .isEqualTo("warn")
                .jsonPath("$.firewallPolicies[0].registries")
                .isEqualTo(List.of("files"))
                .jsonPath("$.firewallPolicies[0].applied")
                .isEqualTo(true)
                .jsonPath("$.firewallPolicies[0].problems")
                .isEmpty()
                .jsonPath("$.firewallPolicies[0].advisories")
                .isEmpty()
                .jsonPath("$.firewallPolicies[0].counts.evaluated")
                .isEqualTo(0)
                .jsonPath("$.firewallPolicies[0].counts.blocked")
                .isEqualTo(0);
    }

    @Test
    void statusWhenAnExpressionDoesNotTypeCheckShouldGiveTheFieldLineAndColumn() {
        status().expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.firewallPolicies[1].applied")
                .isEqualTo(false)
                .jsonPath("$.firewallPolicies[1].problems.length()")
                .isEqualTo(1)
                .jsonPath("$.firewallPolicies[1].problems[0].field")
                .isEqualTo("spec.rules[1].expression")
                .jsonPath("$.firewallPolicies[1].problems[0].rule")
                .isEqualTo("custom")
                .jsonPath("$.firewallPolicies[1].problems[0].line")
                .isEqualTo(2)
                .jsonPath("$.firewallPolicies[1].problems[0].column")
                .isEqualTo(3)
                .jsonPath("$.firewallPolicies[1].problems[0].message")
                .value(message -> assertThat(message.toString()).contains("undeclared reference to 'versoin'"));
    }

    @Test
    void statusWhenAnonymousShouldAnswer401() {
        client.get()
                .uri("/api/v1/status")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("this endpoint needs an authenticated caller; send credentials (Basic or Bearer)");
    }

    @Test
    void statusWithTheOperatorsCredentialShouldAnswer200() {
        client.get()
                .uri("/api/v1/status")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_CREDENTIAL)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.registries[*].name")
                .isEqualTo(List.of("copies", "crates", "files", "jars", "public-files"));
    }

    @Test
    void statusWithAnotherBearerShouldAnswer401WithoutRepeatingIt() {
        client.get()
                .uri("/api/v1/status")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_CREDENTIAL + "x")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the bearer token is not a Wharf API token");
    }

    @Test
    void theOperatorsCredentialShouldOpenNoOtherRoute() {
        client.get()
                .uri("/api/v1/registries/files/packages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_CREDENTIAL)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the bearer token is not a Wharf API token");
    }

    /** Any authenticated caller may read the status, even one without a role. */
    private WebTestClient.ResponseSpec status() {
        return client.get()
                .uri("/api/v1/status")
                .header(HttpHeaders.AUTHORIZATION, basic(STRANGER))
                .exchange();
    }
}
