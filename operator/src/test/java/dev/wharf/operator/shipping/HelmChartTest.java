package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CHART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** charts/wharf, linted and rendered by Helm's own code (helm-java), for the default values and two other sets. */
class HelmChartTest {

    static final String RELEASE = "wharf";
    static final String NAMESPACE = "wharf-system";
    /** helm-java renders for Kubernetes 1.20 unless told; the chart needs 1.25 or newer. */
    static final String KUBE_VERSION = "v1.33.0";

    static final Path VALUES =
            Path.of("src", "test", "resources", "shipping", "helm").toAbsolutePath();

    @TempDir
    Path work;

    private static List<JsonNode> render(String valuesFile) {
        TemplateCommand template = new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (!valuesFile.isEmpty()) {
            template = template.withValuesFile(VALUES.resolve(valuesFile));
        }
        return RepositoryFiles.documents(template.call());
    }

    private static List<String> kinds(List<JsonNode> objects) {
        return objects.stream().map(object -> object.path("kind").asText()).toList();
    }

    private static Map<String, String> environment(List<JsonNode> objects) {
        JsonNode deployment = RepositoryFiles.named(objects, "Deployment", "wharf-operator");
        return OperatorDeployments.environment(deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0));
    }

    @ParameterizedTest(name = "values {0}")
    @ValueSource(strings = {"", "values-namespaced.yaml", "values-monitoring.yaml"})
    void lintShouldPassStrictly(String valuesFile) throws IOException {
        Path chart = valuesFile.isEmpty() ? CHART : chartWithValues(valuesFile);

        LintResult result = new Helm(chart).lint().strict().call();

        assertThat(result.getMessages())
                .as("helm lint --strict of charts/wharf with %s", valuesFile.isEmpty() ? "its values" : valuesFile)
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
        assertThat(result.isFailed()).isFalse();
    }

    @ParameterizedTest(name = "values {0}")
    @ValueSource(strings = {"", "values-namespaced.yaml", "values-monitoring.yaml"})
    void renderShouldRunTheOperatorWithLeastPrivilegeAndNoWildcard(String valuesFile) {
        List<JsonNode> objects = render(valuesFile);

        OperatorDeployments.assertRunsTheOperator(RepositoryFiles.named(objects, "Deployment", "wharf-operator"));
        assertThat(RbacRules.grants(RepositoryFiles.named(objects, "ClusterRole", "wharf-operator")))
                .as("the chart's ClusterRole grants what config/rbac grants")
                .isEqualTo(RbacRulesTest.NAMESPACED);
        assertThat(RbacRules.grants(RepositoryFiles.named(objects, "ClusterRole", "wharf-operator-crds")))
                .isEqualTo(RbacRulesTest.CRDS);
        assertThat(objects.stream().flatMap(object -> RbacRules.wildcards(object).stream()))
                .isEmpty();
    }

    @Test
    void renderWithDefaultValuesShouldWatchEveryNamespaceThroughAClusterRoleBinding() {
        List<JsonNode> objects = render("");

        assertThat(kinds(objects))
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ClusterRole",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "ClusterRoleBinding",
                        "Role",
                        "RoleBinding",
                        "Deployment");
        assertThat(RepositoryFiles.named(objects, "ClusterRoleBinding", "wharf-operator")
                        .path("subjects")
                        .path(0))
                .isEqualTo(RepositoryFiles.documents(
                                "{kind: ServiceAccount, name: wharf-operator, namespace: " + NAMESPACE + "}")
                        .getFirst());
        assertThat(RbacRules.grants(RepositoryFiles.named(objects, "Role", "wharf-operator-leader-election")))
                .isEqualTo(RbacRulesTest.LEADER_ELECTION);
        assertThat(environment(objects))
                .containsEntry("WHARF_NAMESPACES", "")
                .containsEntry("WHARF_LEADER_ELECTION", "true")
                .containsEntry("WHARF_LEASE_NAMESPACE", OperatorDeployments.NAMESPACE);
        assertThat(RepositoryFiles.named(objects, "Deployment", "wharf-operator")
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .path(0)
                        .path("image")
                        .asText())
                .as("the image tag defaults to the chart's appVersion")
                .isEqualTo("wharf/operator:"
                        + RepositoryFiles.documents(CHART.resolve("Chart.yaml"))
                                .getFirst()
                                .path("appVersion")
                                .asText());
    }

    @Test
    void renderWithWatchedNamespacesShouldBindTheRoleInThoseNamespacesOnly() {
        List<JsonNode> objects = render("values-namespaced.yaml");

        assertThat(RepositoryFiles.ofKind(objects, "ClusterRoleBinding"))
                .extracting(binding -> binding.path("metadata").path("name").asText())
                .containsExactly("wharf-operator-crds");
        assertThat(RepositoryFiles.ofKind(objects, "RoleBinding"))
                .filteredOn(
                        binding -> binding.path("roleRef").path("name").asText().equals("wharf-operator"))
                .extracting(
                        binding -> binding.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("artifacts", "ci");
        assertThat(environment(objects)).containsEntry("WHARF_NAMESPACES", "artifacts,ci");
        assertThat(RepositoryFiles.named(objects, "Deployment", "wharf-operator")
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void renderWithMonitoringShouldAddAServiceMonitorAndDropTheLeaseRole() {
        List<JsonNode> objects = render("values-monitoring.yaml");

        JsonNode monitor = RepositoryFiles.named(objects, "ServiceMonitor", "wharf-operator");
        assertThat(monitor.path("metadata").path("labels").path("release").asText())
                .isEqualTo("prometheus");
        assertThat(monitor.path("spec")
                        .path("endpoints")
                        .path(0)
                        .path("interval")
                        .asText())
                .isEqualTo("15s");
        JsonNode service = RepositoryFiles.named(objects, "Service", "wharf-operator-metrics");
        assertThat(service.path("spec").path("ports").path(0).path("port").asInt())
                .isEqualTo(9090);
        assertThat(RepositoryFiles.ofKind(objects, "Role")).isEmpty();
        assertThat(environment(objects))
                .containsEntry("WHARF_LEADER_ELECTION", "false")
                .containsEntry("WHARF_LOG_FORMAT", "text")
                .containsEntry("WHARF_HEALTH_PORT", "9090");
        assertThat(RepositoryFiles.named(objects, "Deployment", "wharf-operator")
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .path(0)
                        .path("image")
                        .asText())
                .isEqualTo("registry.example.com/platform/wharf-operator:1.2.3");
    }

    @Test
    void renderWithMonitoringShouldInstallTheAlertsAndTheDashboardOfConfigUnchanged() {
        List<JsonNode> objects = render("values-monitoring.yaml");

        JsonNode rule = RepositoryFiles.named(objects, "PrometheusRule", "wharf");
        JsonNode config = RepositoryFiles.documents(
                        RepositoryFiles.CONFIG.resolve("prometheus").resolve("rules.yaml"))
                .getFirst();
        assertThat(rule.path("spec")).isEqualTo(config.path("spec"));
        assertThat(rule.path("metadata").path("namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(rule.path("metadata").path("labels").path("release").asText())
                .isEqualTo("prometheus");
        JsonNode dashboard = RepositoryFiles.named(objects, "ConfigMap", "wharf-operator-dashboard");
        assertThat(dashboard
                        .path("metadata")
                        .path("labels")
                        .path("grafana_dashboard")
                        .asText())
                .isEqualTo("1");
        assertThat(dashboard.path("data").path("wharf-dashboard.json").asText())
                .isEqualTo(RepositoryFiles.read(
                                RepositoryFiles.CONFIG.resolve("grafana").resolve("wharf-dashboard.json"))
                        .strip());
    }

    @Test
    void renderWhenAValueIsUnknownShouldBeRefusedBySchema() {
        TemplateCommand template = new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .set("replicas", 2);

        assertThatThrownBy(template::call)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicas");
    }

    @Test
    void renderWhenLogFormatIsNotKnownShouldBeRefusedBySchema() {
        TemplateCommand template = new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .set("logFormat", "xml");

        assertThatThrownBy(template::call).hasMessageContaining("logFormat");
    }

    /** A copy of the chart whose values.yaml is its own, overlaid with a values file (lint takes no values file). */
    private Path chartWithValues(String valuesFile) throws IOException {
        Path chart = work.resolve("wharf");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path target = chart.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        ObjectNode values = (ObjectNode)
                RepositoryFiles.documents(CHART.resolve("values.yaml")).getFirst();
        JsonNode overlay = RepositoryFiles.documents(VALUES.resolve(valuesFile)).getFirst();
        RepositoryFiles.YAML.readerForUpdating(values).readValue(overlay);
        Files.writeString(chart.resolve("values.yaml"), RepositoryFiles.YAML.writeValueAsString(values));
        return chart;
    }
}
