package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.operator.OperatorSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config/manager runs the operator as OperatorSettings and HealthServer expect, locked down. */
class ManagerDeploymentTest {

    private final JsonNode deployment = RepositoryFiles.named(
            RepositoryFiles.documents(CONFIG.resolve("manager").resolve("manager.yaml")),
            "Deployment",
            "wharf-operator");

    @Test
    void managerShouldRunTheOperatorWithProbesOnItsHealthServerAndNoPrivileges() {
        OperatorDeployments.assertRunsTheOperator(deployment);
    }

    @Test
    void managerShouldWatchEveryNamespaceAndElectALeader() {
        Map<String, String> environment = OperatorDeployments.environment(deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0));
        environment.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");

        OperatorSettings settings = OperatorSettings.parse(environment);

        assertThat(settings.watchesAllNamespaces()).isTrue();
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseNamespace()).isEqualTo(OperatorDeployments.NAMESPACE);
        assertThat(settings.healthPort()).isEqualTo(OperatorSettings.DEFAULT_HEALTH_PORT);
    }

    @Test
    void settingNamesShouldBeReadFromOperatorSettings() {
        assertThat(OperatorDeployments.settingNames())
                .contains(OperatorSettings.NAMESPACES, OperatorSettings.HEALTH_PORT, OperatorSettings.LOG_FORMAT);
    }

    @Test
    void managerShouldUseTheServiceAccountThatRbacBinds() {
        assertThat(deployment
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("serviceAccountName")
                        .asText())
                .isEqualTo("wharf-operator");
    }
}
