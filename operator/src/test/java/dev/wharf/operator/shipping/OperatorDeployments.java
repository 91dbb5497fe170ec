package dev.wharf.operator.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.RuntimeImage;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;

/** What every Deployment of the operator must hold, whether kustomize or Helm renders it. */
final class OperatorDeployments {

    /** What a pod's namespace field reference resolves to in these checks. */
    static final String NAMESPACE = "wharf-system";

    private OperatorDeployments() {}

    /** The names of the environment variables {@link OperatorSettings} reads. */
    static List<String> settingNames() {
        return Stream.concat(
                        Arrays.stream(OperatorSettings.class.getFields())
                                .filter(field ->
                                        Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                                .map(OperatorDeployments::value)
                                .filter(value -> value.startsWith("WHARF_")),
                        Stream.of(RuntimeImage.OVERRIDE_VARIABLE))
                .sorted()
                .toList();
    }

    /** The container's environment, with field references to the pod's namespace resolved. */
    static Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            String fieldPath = variable.path("valueFrom")
                    .path("fieldRef")
                    .path("fieldPath")
                    .asText();
            environment.put(
                    variable.path("name").asText(),
                    fieldPath.equals("metadata.namespace")
                            ? NAMESPACE
                            : variable.path("value").asText());
        }
        return environment;
    }

    /** Checks a rendered operator Deployment: settings, probes on the health server, a locked-down container. */
    static void assertRunsTheOperator(JsonNode deployment) {
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").path(0);
        Map<String, String> environment = environment(container);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(environment.keySet())
                .as("the Deployment sets every variable of OperatorSettings, and no unknown WHARF_ one")
                .containsExactlyInAnyOrderElementsOf(settingNames());
        softly.assertThat(environment.get(RuntimeImage.OVERRIDE_VARIABLE))
                .as("the runtime image the Deployment has the operator run: the runtime of the operator's version")
                .isEqualTo(RuntimeImage.REPOSITORY + ":" + RuntimeImage.version());
        Map<String, String> inPod = new LinkedHashMap<>(environment);
        inPod.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        softly.assertThatCode(() -> OperatorSettings.parse(inPod))
                .as("OperatorSettings accepts the Deployment's environment")
                .doesNotThrowAnyException();
        int healthPort = OperatorSettings.parse(inPod).healthPort();
        softly.assertThat(container.path("ports").path(0).path("containerPort").asInt())
                .as("the health port")
                .isEqualTo(healthPort);
        softly.assertThat(container.path("ports").path(0).path("name").asText()).isEqualTo("health");
        for (String probe : List.of("startupProbe", "livenessProbe")) {
            softly.assertThat(container.path(probe).path("httpGet").path("path").asText())
                    .as(probe)
                    .isEqualTo("/healthz");
            softly.assertThat(container.path(probe).path("httpGet").path("port").asText())
                    .as(probe)
                    .isEqualTo("health");
        }
        softly.assertThat(container
                        .path("readinessProbe")
                        .path("httpGet")
                        .path("path")
                        .asText())
                .isEqualTo("/readyz");

        JsonNode security = container.path("securityContext");
        softly.assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                .as("pod runAsNonRoot")
                .isTrue();
        softly.assertThat(pod.path("securityContext").path("runAsUser").asInt())
                .as("pod runAsUser")
                .isPositive();
        softly.assertThat(security.path("runAsNonRoot").asBoolean())
                .as("runAsNonRoot")
                .isTrue();
        softly.assertThat(security.path("readOnlyRootFilesystem").asBoolean())
                .as("readOnlyRootFilesystem")
                .isTrue();
        softly.assertThat(security.path("allowPrivilegeEscalation").asBoolean(true))
                .as("allowPrivilegeEscalation")
                .isFalse();
        softly.assertThat(
                        security.path("capabilities").path("drop").valueStream().map(JsonNode::asText))
                .as("capabilities dropped")
                .containsExactly("ALL");
        softly.assertThat(security.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        softly.assertThat(
                        container.path("resources").path("requests").path("cpu").isMissingNode())
                .as("a CPU request")
                .isFalse();
        softly.assertThat(container
                        .path("resources")
                        .path("requests")
                        .path("memory")
                        .isMissingNode())
                .as("a memory request")
                .isFalse();
        softly.assertThat(container
                        .path("resources")
                        .path("limits")
                        .path("memory")
                        .isMissingNode())
                .as("a memory limit")
                .isFalse();
        softly.assertThat(container.path("volumeMounts").findValuesAsText("mountPath"))
                .as("a writable /tmp for the JVM on the read-only root filesystem")
                .contains("/tmp");
        softly.assertAll();
    }

    private static String value(Field field) {
        try {
            Object value = field.get(null);
            assertThat(value).isNotNull();
            return String.valueOf(value);
        } catch (IllegalAccessException e) {
            throw new AssertionError("cannot read OperatorSettings." + field.getName(), e);
        }
    }
}
