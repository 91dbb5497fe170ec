package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kustomize bases build with the real kustomize, into the objects a user expects. */
class KustomizeBuildTest {

    private static Optional<Kustomize> tool = Optional.empty();

    @BeforeAll
    static void findTool() {
        tool = Kustomize.find();
    }

    private static List<JsonNode> build(String base) {
        assumeTrue(
                tool.isPresent(),
                () -> "Skipping the kustomize build of config/" + base + ": no kustomize that can build it; "
                        + Kustomize.INSTALL);
        return RepositoryFiles.documents(tool.orElseThrow().build(CONFIG.resolve(base)));
    }

    private static List<String> kinds(List<JsonNode> documents) {
        return documents.stream()
                .map(document -> document.path("kind").asText())
                .toList();
    }

    @Test
    void defaultShouldBuildTheCrdsRbacAndOperatorInWharfSystem() {
        List<JsonNode> objects = build("default");

        assertThat(kinds(objects))
                .containsExactlyInAnyOrder(
                        "Namespace",
                        "CustomResourceDefinition",
                        "CustomResourceDefinition",
                        "CustomResourceDefinition",
                        "CustomResourceDefinition",
                        "ServiceAccount",
                        "ClusterRole",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "ClusterRoleBinding",
                        "Role",
                        "RoleBinding",
                        "Deployment");
        assertThat(RepositoryFiles.ofKind(objects, "CustomResourceDefinition"))
                .extracting(crd -> crd.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder(
                        "registries.wharf.dev",
                        "upstreamproxies.wharf.dev",
                        "cleanuppolicies.wharf.dev",
                        "firewallpolicies.wharf.dev");
        for (String kind : List.of("ServiceAccount", "Role", "RoleBinding", "Deployment")) {
            assertThat(RepositoryFiles.ofKind(objects, kind))
                    .allSatisfy(object -> assertThat(
                                    object.path("metadata").path("namespace").asText())
                            .as("%s namespace", kind)
                            .isEqualTo("wharf-system"));
        }
        OperatorDeployments.assertRunsTheOperator(RepositoryFiles.named(objects, "Deployment", "wharf-operator"));
        assertThat(objects.stream().flatMap(object -> RbacRules.wildcards(object).stream()))
                .isEmpty();
    }

    @Test
    void prometheusShouldBuildAServiceMonitorOnTheHealthPortAndTheAlerts() {
        List<JsonNode> objects = build("prometheus");

        assertThat(kinds(objects)).containsExactlyInAnyOrder("Service", "ServiceMonitor", "PrometheusRule");
        assertThat(RepositoryFiles.named(objects, "PrometheusRule", "wharf")
                        .path("spec")
                        .path("groups")
                        .path(0)
                        .path("rules"))
                .extracting(rule -> rule.path("alert").asText())
                .containsExactly(
                        "WharfRegistryDown",
                        "WharfUpstreamBreakerOpen",
                        "WharfStorageErrors",
                        "WharfFirewallBlocksRising",
                        "WharfCleanupFailing",
                        "WharfCleanupRunsFailing");
        JsonNode monitor = RepositoryFiles.named(objects, "ServiceMonitor", "wharf-operator");
        assertThat(monitor.path("spec").path("endpoints").path(0).path("path").asText())
                .isEqualTo("/metrics");
        assertThat(monitor.path("spec").path("endpoints").path(0).path("port").asText())
                .isEqualTo("health");
    }

    @Test
    void grafanaShouldBuildTheDashboardConfigMapForTheSidecar() {
        List<JsonNode> objects = build("grafana");

        JsonNode dashboard = RepositoryFiles.named(objects, "ConfigMap", "wharf-dashboard");
        assertThat(dashboard
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText())
                .isEqualTo("1");
        assertThat(dashboard.path("data").path("wharf-dashboard.json").asText())
                .isEqualTo(RepositoryFiles.read(CONFIG.resolve("grafana").resolve("wharf-dashboard.json")));
    }

    @Test
    void samplesShouldBuildTheClusterSamples() {
        List<JsonNode> objects = build("samples");

        assertThat(kinds(objects))
                .contains("Namespace", "Registry", "UpstreamProxy", "CleanupPolicy", "FirewallPolicy");
        assertThat(RepositoryFiles.ofKind(objects, "Registry")).hasSize(4);
    }

    @Test
    void argocdShouldBuildTheHealthChecksForTheFourKinds() {
        List<JsonNode> objects = build("argocd");

        JsonNode config = RepositoryFiles.named(objects, "ConfigMap", "argocd-cm");
        assertThat(config.path("metadata").path("namespace").asText()).isEqualTo("argocd");
        assertThat(config.path("data").propertyStream().map(entry -> entry.getKey()))
                .containsExactlyInAnyOrder(
                        "resource.customizations.health.wharf.dev_Registry",
                        "resource.customizations.health.wharf.dev_UpstreamProxy",
                        "resource.customizations.health.wharf.dev_CleanupPolicy",
                        "resource.customizations.health.wharf.dev_FirewallPolicy");
        assertThat(config.path("data")
                        .path("resource.customizations.health.wharf.dev_Registry")
                        .asText())
                .isEqualTo(RepositoryFiles.read(
                        CONFIG.resolve("argocd").resolve("health").resolve("health.lua")));
    }
}
