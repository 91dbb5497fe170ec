package dev.wharf.operator.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.operator.shipping.LuaHealthCheck.Health;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Argo CD health check of config/argocd, run on LuaJ against the cases of health_test.yaml (Argo CD's own
 * layout for resource customizations): Healthy, Progressing while it converges or heals by itself, else Degraded.
 */
class ArgoCdHealthCheckTest {

    static final Path DIRECTORY = LuaHealthCheck.SCRIPT.getParent();

    private final LuaHealthCheck check = new LuaHealthCheck(LuaHealthCheck.SCRIPT);

    static List<JsonNode> cases() {
        return RepositoryFiles.documents(DIRECTORY.resolve("health_test.yaml"))
                .getFirst()
                .path("tests")
                .valueStream()
                .toList();
    }

    static Stream<Arguments> testCases() {
        return cases().stream()
                .map(test -> Arguments.of(
                        test.path("inputPath").asText(),
                        test.path("healthStatus").path("status").asText(),
                        test.path("healthStatus").path("message").asText()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("testCases")
    void healthShouldFollowTheReadyCondition(String inputPath, String status, String message) {
        JsonNode resource =
                RepositoryFiles.documents(DIRECTORY.resolve(inputPath)).getFirst();

        assertThat(check.health(resource)).isEqualTo(new Health(status, message));
    }

    @Test
    void everyTestDataFileShouldBeACase() {
        List<String> inputs =
                cases().stream().map(test -> test.path("inputPath").asText()).toList();

        assertThat(RepositoryFiles.filesIn(DIRECTORY.resolve("testdata"), ".yaml"))
                .extracting(file -> "testdata/" + file.getFileName())
                .containsExactlyInAnyOrderElementsOf(inputs);
    }

    @Test
    void casesShouldCoverEachKindAndEachStatus() {
        assertThat(cases())
                .extracting(test -> RepositoryFiles.documents(
                                DIRECTORY.resolve(test.path("inputPath").asText()))
                        .getFirst()
                        .path("kind")
                        .asText())
                .contains("Registry", "UpstreamProxy", "CleanupPolicy", "FirewallPolicy");
        assertThat(cases())
                .extracting(test -> test.path("healthStatus").path("status").asText())
                .contains("Healthy", "Progressing", "Degraded");
    }

    @Test
    void healthWhenReadyIsTrueButFalseIsLaterInTheListShouldReadOnlyTheReadyCondition() {
        JsonNode resource = RepositoryFiles.documents("""
                        kind: Registry
                        metadata: {name: npm, generation: 2}
                        status:
                          conditions:
                            - {type: Available, status: "False", reason: PodsNotReady}
                            - {type: Ready, status: "True", reason: Available, observedGeneration: 2}
                        """).getFirst();

        assertThat(check.health(resource)).isEqualTo(new Health("Healthy", "Available"));
    }
}
