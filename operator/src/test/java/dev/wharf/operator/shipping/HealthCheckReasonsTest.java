package dev.wharf.operator.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.operator.status.Reasons;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check and the operator agree on reasons: each reason of {@link Reasons} is either one the health
 * check knows (as healing by itself or as needing a change) or a Ready=True reason shown Healthy by a test case.
 */
class HealthCheckReasonsTest {

    static final List<String> KINDS = List.of("Registry", "UpstreamProxy", "CleanupPolicy", "FirewallPolicy");

    private final LuaHealthCheck check = new LuaHealthCheck(LuaHealthCheck.SCRIPT);
    private final JsonNode anyResource =
            RepositoryFiles.documents("kind: Registry").getFirst();

    @Test
    void everyReasonOfTheOperatorShouldBeClassifiedByTheHealthCheck() {
        Set<String> known = new HashSet<>();
        check.reasonsByKind("HEALS_BY_ITSELF", anyResource).values().forEach(known::addAll);
        check.reasonsByKind("NEEDS_A_CHANGE", anyResource).values().forEach(known::addAll);
        known.addAll(healthyReasons());

        assertThat(operatorReasons())
                .as("a reason of dev.wharf.operator.status.Reasons is missing from config/argocd/health/health.lua:"
                        + " add it to HEALS_BY_ITSELF (Argo CD shows Progressing) or NEEDS_A_CHANGE (Degraded), or, for"
                        + " a Ready=True reason, add a Healthy case to health_test.yaml")
                .isSubsetOf(known);
    }

    @Test
    void healthCheckShouldClassifyReasonsForEachKindAndNoReasonTwice() {
        Map<String, Set<String>> heals = check.reasonsByKind("HEALS_BY_ITSELF", anyResource);
        Map<String, Set<String>> needsAChange = check.reasonsByKind("NEEDS_A_CHANGE", anyResource);

        assertThat(heals).containsOnlyKeys(KINDS);
        assertThat(needsAChange).containsOnlyKeys(KINDS);
        for (String kind : KINDS) {
            assertThat(heals.get(kind)).as(kind).doesNotContainAnyElementsOf(needsAChange.get(kind));
        }
    }

    /** Reasons only the other conditions (ConfigResolved, StorageReady) carry; the health check reads Ready alone. */
    private static final Set<String> NOT_READY_CONDITION_REASONS =
            Set.of(Reasons.RESOLVED, Reasons.VOLUME_BOUND, Reasons.BUCKET_CONFIGURED);

    private static List<String> operatorReasons() {
        return Arrays.stream(Reasons.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(HealthCheckReasonsTest::value)
                .filter(reason -> !NOT_READY_CONDITION_REASONS.contains(reason))
                .toList();
    }

    /** The reasons of the Ready=True conditions in the test cases that expect Healthy. */
    private static Set<String> healthyReasons() {
        Set<String> reasons = new HashSet<>();
        for (JsonNode test : ArgoCdHealthCheckTest.cases()) {
            if (test.path("healthStatus").path("status").asText().equals("Healthy")) {
                JsonNode resource = RepositoryFiles.documents(ArgoCdHealthCheckTest.DIRECTORY.resolve(
                                test.path("inputPath").asText()))
                        .getFirst();
                for (JsonNode condition : resource.path("status").path("conditions")) {
                    if (condition.path("type").asText().equals("Ready")) {
                        reasons.add(condition.path("reason").asText());
                    }
                }
            }
        }
        return reasons;
    }

    private static String value(Field field) {
        try {
            return String.valueOf(field.get(null));
        } catch (IllegalAccessException e) {
            throw new AssertionError("cannot read Reasons." + field.getName(), e);
        }
    }
}
