package dev.wharf.runtime.cleanup;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

/**
 * {@code /api/v1/cleanup-policies}: admins list policies, plan and run them; the plan pages out every candidate; an
 * ApplyApproved run without the approval answers 409 naming the hash.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CleanupApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        Files.writeString(root.resolve("config/cleanup.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: api-apply}
                spec:
                  registries: [files]
                  schedule: "0 3 * * *"
                  timeZone: Europe/Paris
                  mode: Apply
                  rules:
                    - {name: old, packages: ['api-apply-*'], olderThan: 30d}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: api-approved}
                spec:
                  registries: [files]
                  schedule: "@daily"
                  mode: ApplyApproved
                  approvedPlan: "1111111111111111111111111111111111111111111111111111111111111111"
                  rules:
                    - {name: old, packages: ['api-approved-*'], olderThan: 30d}
                """);
        registry.add("wharf.cleanup.enabled", () -> "false");
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private MetadataDatabase database;

    @Test
    void listWhenAdminShouldShowEachPolicyWithItsNextRun() {
        client.get()
                .uri("/api/v1/cleanup-policies")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].name")
                .isEqualTo(List.of("api-apply", "api-approved"))
                .jsonPath("$[0].timeZone")
                .isEqualTo("Europe/Paris")
                .jsonPath("$[0].mode")
                .isEqualTo("Apply")
                .jsonPath("$[0].nextRun")
                .value(next -> assertThat(next.toString()).matches(".*T0[12]:00:00Z"));
    }

    @Test
    void listWhenNotAdminShouldBeForbidden() {
        client.get()
                .uri("/api/v1/cleanup-policies")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType("application/problem+json");
    }

    @Test
    void planThenRunWhenModeIsApplyShouldListTheCandidateWithItsReasonAndDeleteIt() {
        push("api-apply-a", "1.0", 40);
        push("api-apply-a", "2.0", 1);

        client.post()
                .uri("/api/v1/cleanup-policies/api-apply/plan")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.plan.hash")
                .value(hash -> assertThat(hash.toString()).matches("[0-9a-f]{64}"))
                .jsonPath("$.plan.candidates")
                .isEqualTo(1)
                .jsonPath("$.plan.sample[0].item")
                .isEqualTo("api-apply-a:1.0")
                .jsonPath("$.plan.sample[0].why")
                .value(why ->
                        assertThat(why.toString()).matches("pushed \\d{4}-\\d\\d-\\d\\d, 40 days ago; olderThan 30d"))
                .jsonPath("$.plan.keptSample[0].why")
                .value(why -> assertThat(why.toString()).endsWith("1 day ago: not olderThan 30d"));
        client.get()
                .uri("/api/v1/cleanup-policies/api-apply/plan/candidates?after=0&limit=10")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].item")
                .isEqualTo(List.of("api-apply-a:1.0"))
                .jsonPath("$[0].deleted")
                .isEqualTo(false);

        client.post()
                .uri("/api/v1/cleanup-policies/api-apply/run")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.lastRun.outcome")
                .isEqualTo("Applied")
                .jsonPath("$.lastRun.deleted")
                .isEqualTo(1)
                .jsonPath("$.lastRun.startedBy")
                .isEqualTo("user:admin");

        client.get()
                .uri("/api/v1/registries/files/packages/api-apply-a/versions/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void runWhenApplyApprovedWithoutTheApprovalShouldAnswer409NamingTheHash() {
        push("api-approved-a", "1.0", 40);

        client.post()
                .uri("/api/v1/cleanup-policies/api-approved/run")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString())
                        .matches("CleanupPolicy api-approved has mode ApplyApproved and spec.approvedPlan is 1{64}, but"
                                + " the current plan's hash is ([0-9a-f]{64}): nothing was deleted; review the plan and"
                                + " set spec.approvedPlan to \\1 to apply it"));
    }

    @Test
    void getWhenThePolicyIsUnknownShouldAnswer404NamingIt() {
        client.get()
                .uri("/api/v1/cleanup-policies/nope")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no CleanupPolicy named 'nope' is loaded; GET /api/v1/cleanup-policies lists those that"
                        + " are");
    }

    @Test
    void candidatesWhenTheLimitIsOutOfRangeShouldAnswer400() {
        client.get()
                .uri("/api/v1/cleanup-policies/api-apply/plan/candidates?limit=0")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the query parameter limit is '0'; give a whole number from 1 to 1000");
    }

    private void push(String pkg, String version, int daysAgo) {
        client.put()
                .uri("/generic/files/" + pkg + "/" + version + "/f.txt")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue((pkg + version).getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isCreated();
        database.client()
                .sql("UPDATE version SET created_at = :t WHERE version = :v AND package_id = (SELECT p.id FROM"
                        + " package p JOIN registry r ON r.id = p.registry_id WHERE r.name = 'files' AND p.name = :p)")
                .bind(
                        "t",
                        Sql.time(Instant.now().minus(Duration.ofDays(daysAgo)).minusSeconds(60)))
                .bind("v", version)
                .bind("p", pkg)
                .then()
                .block(TIMEOUT);
    }
}
