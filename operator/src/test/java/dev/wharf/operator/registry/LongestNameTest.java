package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Registry with the longest name the CRD allows (63 characters) gets objects whose names, and the names and labels
 * their controllers derive from them (StatefulSet revisions and pods, Job pods), all fit Kubernetes' limits.
 */
@EnableKubernetesMockClient(crud = true)
class LongestNameTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final String NAMESPACE = "long-names";
    /** 63 characters, as the CRD's name rule allows at most; a second one shares its first 62. */
    private static final String LONGEST = "registry-with-the-longest-name-the-crd-allows-sixty-three-chars";

    private static final String OTHER = "registry-with-the-longest-name-the-crd-allows-sixty-three-charx";
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    /** What the StatefulSet controller appends for a revision: '-' and a hash of at most 10 characters. */
    private static final int REVISION_SUFFIX = 11;

    static KubernetesClient client;
    static Operator operator;

    @BeforeAll
    static void startOperator() {
        operator = RegistryOperator.start(client, new SimpleMeterRegistry());
        assertThat(LONGEST).hasSize(63);
        assertThat(OTHER).hasSize(63).startsWith(LONGEST.substring(0, 62)).isNotEqualTo(LONGEST);
        create(
                LONGEST,
                "format: generic\n  expose: {host: files.example.com}\n  disruptionBudget: {maxUnavailable: 1}");
        create(OTHER, "format: generic");
        create(LONGEST.substring(0, 62) + "d", """
                format: docker
                  storage: {s3: {endpoint: "http://minio:9000", bucket: wharf, credentialsSecret: s3}}
                  database: {postgres: {secret: db}}
                  autoscaling: {minReplicas: 1, maxReplicas: 3}""");
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {LONGEST, OTHER})
    void everyObjectShouldHaveAValidNameAndLabels(String registry) {
        List<HasMetadata> objects = await().atMost(TIMEOUT)
                .until(() -> objectsOf(registry), found -> found.stream().anyMatch(StatefulSet.class::isInstance));

        List<String> problems = new ArrayList<>();
        for (HasMetadata object : objects) {
            check(problems, object);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDeploymentLayoutShouldFitToo() {
        String registry = LONGEST.substring(0, 62) + "d";
        List<HasMetadata> objects = await().atMost(TIMEOUT)
                .until(() -> objectsOf(registry), found -> found.stream().anyMatch(Deployment.class::isInstance));

        List<String> problems = new ArrayList<>();
        objects.forEach(object -> check(problems, object));
        assertThat(problems).isEmpty();
    }

    @Test
    void twoLongNamesSharingAPrefixShouldGetDistinctDerivedNames() {
        Registry one = registry(LONGEST);
        Registry other = registry(OTHER);

        assertThat(RegistryObjects.statefulSetName(one)).isNotEqualTo(RegistryObjects.statefulSetName(other));
        assertThat(PurgeJobs.name(one)).isNotEqualTo(PurgeJobs.name(other));
        assertThat(RegistryObjects.statefulSetName(one)).startsWith("registry-with-the-longest-name");
        assertThat(RegistryObjects.statefulSetName(registry("short"))).isEqualTo("short");
        assertThat(PurgeJobs.name(registry("short"))).isEqualTo("short-purge");
    }

    @Test
    void thePurgeJobShouldFitAndLabelItsPodsWithValidValues() {
        Registry registry = YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: %s, namespace: %s}
                spec:
                  format: docker
                  storage: {s3: {endpoint: "http://minio:9000", bucket: wharf, credentialsSecret: s3}}
                  database: {postgres: {secret: db}}
                """.formatted(LONGEST, NAMESPACE), Registry.class);
        Job job = PurgeJobs.render(
                new RegistryInputs(registry, List.of(), List.of(), List.of(), List.of(), new TreeMap<>(), List.of()),
                "img");

        List<String> problems = new ArrayList<>();
        check(problems, job);
        // The Job controller labels its pods job-name=<job name>.
        label(problems, "Job pods job-name", job.getMetadata().getName());
        assertThat(problems).isEmpty();
    }

    private static void check(List<String> problems, HasMetadata object) {
        String what = object.getKind() + " " + object.getMetadata().getName();
        String name = object.getMetadata().getName();
        if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            problems.add(what + ": not a DNS subdomain of at most 253 characters");
        }
        if (object instanceof Service
                && (name.length() > 63 || !DNS_1035_LABEL.matcher(name).matches())) {
            problems.add(what + ": a Service name must be a DNS-1035 label of at most 63 characters");
        }
        if (object instanceof Job && name.length() > 63) {
            problems.add(what + ": a Job name becomes its pods' job-name label, at most 63 characters");
        }
        labels(problems, what, object.getMetadata());
        if (object instanceof StatefulSet statefulSet) {
            label(problems, what + " revision label", name + "-" + "x".repeat(REVISION_SUFFIX - 1));
            label(problems, what + " pod name label", name + "-0");
            template(problems, what, statefulSet.getSpec().getTemplate());
            statefulSet.getSpec().getVolumeClaimTemplates().forEach(claim -> {
                labels(problems, what + " claim template", claim.getMetadata());
                String claimName = claim.getMetadata().getName() + "-" + name + "-0";
                if (claimName.length() > 253 || !SUBDOMAIN.matcher(claimName).matches()) {
                    problems.add(what + ": claim " + claimName + " is not a DNS subdomain");
                }
            });
            if (!statefulSet.getSpec().getServiceName().equals(RegistryObjects.name(registry(object)))) {
                problems.add(what + ": its governing Service is not the Registry's");
            }
        }
        if (object instanceof Deployment deployment) {
            template(problems, what, deployment.getSpec().getTemplate());
        }
        if (object instanceof Job job) {
            template(problems, what, job.getSpec().getTemplate());
        }
    }

    private static void template(List<String> problems, String what, PodTemplateSpec template) {
        labels(problems, what + " pod template", template.getMetadata());
        template.getSpec().getVolumes().forEach(volume -> {
            if (volume.getName().length() > 63
                    || !DNS_LABEL.matcher(volume.getName()).matches()) {
                problems.add(what + ": volume name " + volume.getName() + " is not a DNS label");
            }
        });
        template.getSpec()
                .getContainers()
                .forEach(container -> container.getPorts().forEach(port -> {
                    if (port.getName() != null && port.getName().length() > 15) {
                        problems.add(what + ": port name " + port.getName() + " is longer than 15 characters");
                    }
                }));
    }

    private static void labels(List<String> problems, String what, ObjectMeta metadata) {
        if (metadata.getLabels() != null) {
            metadata.getLabels().forEach((key, value) -> label(problems, what + " label " + key, value));
        }
    }

    private static void label(List<String> problems, String what, String value) {
        if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
            problems.add(what + ": '" + value + "' (" + value.length() + " characters) is not a label value");
        }
    }

    private static Registry registry(HasMetadata object) {
        return registry(object.getMetadata().getLabels().get(RegistryObjects.INSTANCE));
    }

    private static Registry registry(String name) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: %s, namespace: %s}
                spec: {format: generic}
                """.formatted(name, NAMESPACE), Registry.class);
    }

    private static List<HasMetadata> objectsOf(String registry) {
        List<HasMetadata> objects = new ArrayList<>(RegistryOperator.objectsOf(client, NAMESPACE, registry));
        Stream.of(client.secrets()
                        .inNamespace(NAMESPACE)
                        .withLabel(RegistryObjects.INSTANCE, registry)
                        .list())
                .flatMap(list -> list.getItems().stream())
                .map(Secret.class::cast)
                .forEach(objects::add);
        return objects;
    }

    private static void create(String name, String spec) {
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: %s, namespace: %s}
                        spec:
                          %s
                        """.formatted(name, NAMESPACE, spec), Registry.class))
                .create();
    }
}
