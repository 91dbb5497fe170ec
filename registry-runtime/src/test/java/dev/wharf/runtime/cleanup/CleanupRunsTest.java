package dev.wharf.runtime.cleanup;

import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.config.ConfiguredCleanupPolicy;
import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
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
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Cleanup runs against a running runtime (generic registry, H2): Apply deletes what the plan lists through the version
 * delete and audits it with the policy and rule; ApplyApproved and maxDeletionsPerRun delete nothing until allowed;
 * the lease keeps a second replica out; a run stopped with its runtime is completed from its plan.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CleanupRunsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        Files.writeString(root.resolve("config/cleanup.yaml"), POLICIES);
        registry.add("wharf.cleanup.enabled", () -> "false");
    }

    static final String POLICIES = """
            apiVersion: wharf.dev/v1alpha1
            kind: CleanupPolicy
            metadata: {name: apply-old}
            spec:
              registries: [files]
              schedule: "@daily"
              mode: Apply
              rules:
                - {name: old, packages: ['apply-*'], olderThan: 30d, keepLatest: 1, protect: ['keep-*']}
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: CleanupPolicy
            metadata: {name: approved}
            spec:
              registries: [files]
              schedule: "0 3 * * *"
              timeZone: Europe/Paris
              mode: ApplyApproved
              approvedPlan: "0000000000000000000000000000000000000000000000000000000000000000"
              rules:
                - {name: old, packages: ['approved-*'], olderThan: 30d}
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: CleanupPolicy
            metadata: {name: limited}
            spec:
              registries: [files]
              schedule: "@hourly"
              mode: Apply
              maxDeletionsPerRun: 1
              rules:
                - {name: old, packages: ['limited-*'], olderThan: 30d}
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: CleanupPolicy
            metadata: {name: resumed}
            spec:
              registries: [files]
              schedule: "@daily"
              mode: Apply
              rules:
                - {name: old, packages: ['resumed-*'], olderThan: 30d}
            """;

    @Autowired
    private WebTestClient client;

    @Autowired
    private CleanupRunner runner;

    @Autowired
    private ConfigurationStore configuration;

    @Autowired
    private MetadataDatabase database;

    @Autowired
    private AuditTrail audit;

    @Test
    void runWhenModeIsApplyShouldDeleteThePlannedVersionsAndAuditThemWithPolicyAndRule() {
        push("apply-a", "1.0", 100);
        push("apply-a", "keep-1", 90);
        push("apply-a", "2.0", 80);
        push("apply-a", "3.0", 70);

        RunRecord run = block(runner.run(policy("apply-old"), "test"));

        assertThat(run.outcome()).isEqualTo("Applied");
        assertThat(run.deleted()).isEqualTo(2);
        assertThat(run.message()).startsWith("deleted 2 of the plan's 2 candidates");
        assertThat(versions("apply-a")).containsExactlyInAnyOrder("keep-1", "3.0");
        List<AuditEvent> deletes = Objects.requireNonNull(audit.recent("files", 50)
                .filter(event -> event.action().equals("version.delete") && "apply-a".equals(event.packageName()))
                .collectList()
                .block(TIMEOUT));
        assertThat(deletes).extracting(AuditEvent::version).containsExactlyInAnyOrder("1.0", "2.0");
        assertThat(deletes).allSatisfy(event -> {
            assertThat(event.actor()).isEqualTo("cleanup:apply-old");
            assertThat(event.detail()).startsWith("CleanupPolicy apply-old, rule old, plan ");
            assertThat(event.detail()).contains("olderThan 30d; not among the 1 newest");
        });
        StoredPlan plan = block(runner.latestPlan("apply-old"));
        assertThat(plan.candidates()).isEqualTo(2);
        List<PlanItem> kept = Objects.requireNonNull(
                runner.items(plan.id(), true, 0, 20).collectList().block(TIMEOUT));
        assertThat(kept)
                .extracting(PlanItem::version, PlanItem::why)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("keep-1", "protected by 'keep-*'"),
                        org.assertj.core.groups.Tuple.tuple("3.0", "among the 1 newest (keepLatest 1)"));
    }

    @Test
    void runWhenApplyApprovedAndTheApprovalIsAnotherHashShouldDeleteNothingAndNameTheHash() {
        push("approved-a", "1.0", 100);

        RunRecord run = block(runner.run(policy("approved"), "test"));
        StoredPlan plan = block(runner.latestPlan("approved"));

        assertThat(run.outcome()).isEqualTo("NotApproved");
        assertThat(run.message())
                .isEqualTo("spec.approvedPlan is 0000000000000000000000000000000000000000000000000000000000000000,"
                        + " but the current plan's hash is " + plan.hash() + ": nothing was deleted; review the plan"
                        + " and set spec.approvedPlan to " + plan.hash() + " to apply it");
        assertThat(versions("approved-a")).containsExactly("1.0");
    }

    @Test
    void planWhenNothingChangedShouldGiveTheSameHashAtAnotherTime() {
        push("approved-b", "1.0", 100);
        StoredPlan first = block(runner.plan(policy("approved")));

        StoredPlan second = block(runner.plan(policy("approved")));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.plannedAt()).isAfter(first.plannedAt());
        assertThat(second.hash()).isEqualTo(first.hash());
    }

    @Test
    void runWhenThePlanHasMoreCandidatesThanMaxDeletionsPerRunShouldDeleteNone() {
        push("limited-a", "1.0", 100);
        push("limited-a", "2.0", 100);

        RunRecord run = block(runner.run(policy("limited"), "test"));

        assertThat(run.outcome()).isEqualTo("OverLimit");
        assertThat(run.message())
                .endsWith("that is more than maxDeletionsPerRun 1, so nothing was deleted: narrow the"
                        + " rules or raise the limit");
        assertThat(versions("limited-a")).containsExactlyInAnyOrder("1.0", "2.0");
    }

    @Test
    void runWhenAnotherReplicaHoldsTheLeaseShouldRefuseNamingThePolicy() {
        sql("INSERT INTO cleanup_lease (policy, holder, expires_at) VALUES ('limited', 'other-replica', :t)"
                        + " ON CONFLICT DO NOTHING")
                .bind("t", Sql.time(Instant.now().plus(Duration.ofHours(1))))
                .then()
                .then(sql("UPDATE cleanup_lease SET holder = 'other-replica', expires_at = :t WHERE policy = 'limited'")
                        .bind("t", Sql.time(Instant.now().plus(Duration.ofHours(1))))
                        .then())
                .block(TIMEOUT);
        try {
            assertThatThrownBy(() -> runner.run(policy("limited"), "test").block(TIMEOUT))
                    .isInstanceOf(CleanupBusyException.class)
                    .hasMessageStartingWith("CleanupPolicy limited is being planned or run by another replica");
        } finally {
            sql("UPDATE cleanup_lease SET expires_at = :t WHERE policy = 'limited'")
                    .bind("t", Sql.time(Instant.EPOCH))
                    .then()
                    .block(TIMEOUT);
        }
        assertThat(block(runner.run(policy("limited"), "test")).outcome()).isEqualTo("OverLimit");
    }

    @Test
    void resumeWhenARunStoppedWithItsRuntimeShouldCompleteItsPlan() {
        push("resumed-a", "1.0", 100);
        push("resumed-a", "2.0", 100);
        StoredPlan plan = block(runner.plan(policy("resumed")));
        sql("INSERT INTO cleanup_run (policy, plan_id, mode, started_by, holder, started_at) VALUES ('resumed',"
                        + " :plan, 'APPLY', 'schedule', 'dead-replica', :t)")
                .bind("plan", plan.id())
                .bind("t", Sql.time(Instant.now()))
                .then()
                .block(TIMEOUT);

        List<RunRecord> resumed = Objects.requireNonNull(
                runner.resumeInterrupted(configuration.current().cleanupPolicies())
                        .collectList()
                        .block(TIMEOUT));

        assertThat(resumed).singleElement().satisfies(run -> {
            assertThat(run.startedBy()).startsWith("resume of run ");
            assertThat(run.outcome()).isEqualTo("Applied");
            assertThat(run.deleted()).isEqualTo(2);
        });
        assertThat(versions("resumed-a")).isEmpty();
        assertThat(sql("SELECT outcome, message FROM cleanup_run WHERE holder = 'dead-replica'")
                        .map(row -> row.get("outcome", String.class) + ": " + row.get("message", String.class))
                        .one()
                        .block(TIMEOUT))
                .isEqualTo("Interrupted: the runtime stopped during this run, after 0 deletions; a new run completes"
                        + " its plan");
    }

    private ConfiguredCleanupPolicy policy(String name) {
        return Objects.requireNonNull(configuration.current().cleanupPolicies().get(name), name);
    }

    private void push(String pkg, String version, int daysAgo) {
        client.put()
                .uri("/generic/files/" + pkg + "/" + version + "/f.txt")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue((pkg + version).getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isCreated();
        sql("UPDATE version SET created_at = :t WHERE version = :v AND package_id = (SELECT p.id FROM package p"
                        + " JOIN registry r ON r.id = p.registry_id WHERE r.name = 'files' AND p.name = :p)")
                .bind("t", Sql.time(Instant.now().minus(Duration.ofDays(daysAgo))))
                .bind("v", version)
                .bind("p", pkg)
                .then()
                .block(TIMEOUT);
    }

    private List<String> versions(String pkg) {
        return Objects.requireNonNull(sql("SELECT v.version FROM version v JOIN package p ON p.id = v.package_id"
                        + " JOIN registry r ON r.id = p.registry_id WHERE r.name = 'files' AND p.name = :p")
                .bind("p", pkg)
                .map(row -> Objects.requireNonNull(row.get("version", String.class)))
                .all()
                .collectList()
                .block(TIMEOUT));
    }

    private DatabaseClient.GenericExecuteSpec sql(String sql) {
        return database.client().sql(sql);
    }

    private static <T> T block(reactor.core.publisher.Mono<T> mono) {
        return Objects.requireNonNull(mono.block(TIMEOUT));
    }
}
