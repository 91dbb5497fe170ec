package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Expose;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.api.v1alpha1.registry.S3Storage;
import dev.wharf.operator.references.ReferenceProblem;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.registry.dependents.PodTemplates;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.registry.dependents.RuntimeLayout;
import dev.wharf.operator.registry.dependents.Workloads;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.status.Reasons;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Computes a Registry's whole status from its resolved inputs and what runs; no I/O. {@code Ready} is true when the
 * configuration resolves, the storage is there, a pod serves, no pod fails, the rollout is complete and the runtime
 * serves the format; otherwise it carries the reason of the first of those that does not hold.
 */
public final class RegistryStatusCalculator {

    /** ConfigResolved: every reference resolves. */
    public static final String CONFIG_RESOLVED = "ConfigResolved";

    /** StorageReady: the data volume is bound, or the bucket's credentials resolve. */
    public static final String STORAGE_READY = "StorageReady";

    /** Available: at least one registry pod is ready. */
    public static final String AVAILABLE = "Available";

    private RegistryStatusCalculator() {}

    /** The status the Registry should have. */
    public static RegistryStatus calculate(
            RegistryInputs inputs, Observed observed, @Nullable RegistryStatus previous, Clock clock) {
        Registry registry = inputs.registry();
        RegistrySpec spec = registry.getSpec();
        Long generation = registry.getMetadata().getGeneration();
        List<Condition> before = previous == null ? null : previous.conditions();

        Condition config = inputs.resolved()
                ? Conditions.of(
                        CONFIG_RESOLVED,
                        ConditionStatus.TRUE,
                        Reasons.RESOLVED,
                        "Every UpstreamProxy and Secret this Registry uses exists.",
                        generation,
                        before,
                        clock)
                : Conditions.of(
                        CONFIG_RESOLVED,
                        ConditionStatus.FALSE,
                        inputs.problems().getFirst().reason(),
                        inputs.problems().stream()
                                .map(ReferenceProblem::message)
                                .collect(Collectors.joining("; ")),
                        generation,
                        before,
                        clock);
        Condition storage = storage(inputs, observed, generation, before, clock);
        Condition available = observed.readyReplicas() > 0
                ? Conditions.of(
                        AVAILABLE,
                        ConditionStatus.TRUE,
                        Reasons.AVAILABLE,
                        pods(observed) + " ready.",
                        generation,
                        before,
                        clock)
                : observed.podFailure() != null
                        ? Conditions.of(
                                AVAILABLE,
                                ConditionStatus.FALSE,
                                Reasons.PODS_FAILING,
                                observed.podFailure().message(),
                                generation,
                                before,
                                clock)
                        : Conditions.of(
                                AVAILABLE,
                                ConditionStatus.FALSE,
                                Reasons.PODS_STARTING,
                                observed.workloadExists()
                                        ? "No registry pod is ready yet (" + pods(observed) + " ready)."
                                        : "The registry pods are being created.",
                                generation,
                                before,
                                clock);
        Condition ready = ready(spec.format(), config, storage, available, observed, generation, before, clock);
        return new RegistryStatus(
                List.of(ready, config, storage, available),
                generation,
                url(registry),
                externalUrl(registry),
                observed.readyReplicas(),
                observed.artifacts() != null ? observed.artifacts() : previous == null ? null : previous.artifacts(),
                observed.storageBytes() != null
                        ? observed.storageBytes()
                        : previous == null ? null : previous.storageBytes(),
                previous == null ? null : previous.lastCleanupTime());
    }

    /**
     * The status after a reconcile that failed: Ready=False with the reason and message, every other field as it was
     * (the failure says nothing new about them).
     */
    public static RegistryStatus failed(
            Registry registry, @Nullable RegistryStatus previous, String reason, String message, Clock clock) {
        Long generation = registry.getMetadata().getGeneration();
        List<Condition> before = previous == null ? null : previous.conditions();
        List<Condition> conditions = new ArrayList<>();
        conditions.add(
                Conditions.of(Conditions.READY, ConditionStatus.FALSE, reason, message, generation, before, clock));
        if (before != null) {
            before.stream()
                    .filter(condition -> !condition.type().equals(Conditions.READY))
                    .forEach(conditions::add);
        }
        return new RegistryStatus(
                conditions,
                generation,
                url(registry),
                externalUrl(registry),
                previous == null ? null : previous.readyReplicas(),
                previous == null ? null : previous.artifacts(),
                previous == null ? null : previous.storageBytes(),
                previous == null ? null : previous.lastCleanupTime());
    }

    /** The in-cluster base URL: the Service, port {@value RuntimeLayout#HTTP_PORT}, the format's base path. */
    public static String url(Registry registry) {
        return "http://" + RegistryObjects.name(registry) + "."
                + registry.getMetadata().getNamespace() + ".svc:" + RuntimeLayout.HTTP_PORT + basePath(registry);
    }

    /** The base URL through the Ingress, when {@code spec.expose} is set. */
    public static @Nullable String externalUrl(Registry registry) {
        Expose expose = registry.getSpec().expose();
        if (expose == null) {
            return null;
        }
        return (expose.tls() == null ? "http://" : "https://") + expose.host() + basePath(registry);
    }

    /** Docker clients only speak to {@code /v2/} at the host's root; every other format has its own path. */
    private static String basePath(Registry registry) {
        Format format = registry.getSpec().format();
        return format == Format.DOCKER ? "/" : "/" + format.id() + "/" + RegistryObjects.name(registry) + "/";
    }

    private static Condition storage(
            RegistryInputs inputs,
            Observed observed,
            @Nullable Long generation,
            @Nullable List<Condition> before,
            Clock clock) {
        Registry registry = inputs.registry();
        if (PodTemplates.persistentData(registry.getSpec())) {
            String claim = Workloads.claimName(registry, 0);
            if ("Bound".equals(observed.volumePhase())) {
                return Conditions.of(
                        STORAGE_READY,
                        ConditionStatus.TRUE,
                        Reasons.VOLUME_BOUND,
                        "PersistentVolumeClaim " + claim + " is bound.",
                        generation,
                        before,
                        clock);
            }
            return Conditions.of(
                    STORAGE_READY,
                    ConditionStatus.FALSE,
                    Reasons.VOLUME_PENDING,
                    observed.volumePhase() == null
                            ? "Waiting for PersistentVolumeClaim " + claim + " to be created."
                            : "PersistentVolumeClaim " + claim + " is " + observed.volumePhase()
                                    + ", waiting for it to be bound.",
                    generation,
                    before,
                    clock);
        }
        // Not persistent data: the blobs are in S3.
        S3Storage s3 = Objects.requireNonNull(
                Objects.requireNonNull(registry.getSpec().storage(), "spec.storage")
                        .s3(),
                "spec.storage.s3");
        if (inputs.secretsByName().containsKey(s3.credentialsSecret())) {
            return Conditions.of(
                    STORAGE_READY,
                    ConditionStatus.TRUE,
                    Reasons.BUCKET_CONFIGURED,
                    "Bucket " + s3.bucket() + " at " + s3.endpoint() + " with the credentials of Secret "
                            + s3.credentialsSecret() + "; the pods check it can be written before they are ready.",
                    generation,
                    before,
                    clock);
        }
        return Conditions.of(
                STORAGE_READY,
                ConditionStatus.FALSE,
                Reasons.SECRET_NOT_FOUND,
                "spec.storage.s3.credentialsSecret names Secret " + s3.credentialsSecret() + ", which does not exist.",
                generation,
                before,
                clock);
    }

    private static Condition ready(
            Format format,
            Condition config,
            Condition storage,
            Condition available,
            Observed observed,
            @Nullable Long generation,
            @Nullable List<Condition> before,
            Clock clock) {
        if (!SupportedFormats.isServed(format)) {
            return Conditions.of(
                    Conditions.READY,
                    ConditionStatus.FALSE,
                    Reasons.UNSUPPORTED_FORMAT,
                    "This version of the Wharf runtime does not serve the " + format.id()
                            + " format yet; the Registry is kept and serves once an upgrade brings it.",
                    generation,
                    before,
                    clock);
        }
        for (Condition part : List.of(config, storage, available)) {
            if (part.status() != ConditionStatus.TRUE) {
                return Conditions.of(
                        Conditions.READY,
                        ConditionStatus.FALSE,
                        part.reason(),
                        part.type() + ": " + part.message(),
                        generation,
                        before,
                        clock);
            }
        }
        // Pods serve, but a rollout that is stuck or under way is not the spec served.
        PodFailure failure = observed.podFailure();
        if (failure != null) {
            return Conditions.of(
                    Conditions.READY,
                    ConditionStatus.FALSE,
                    Reasons.PODS_FAILING,
                    "The rollout is stuck: " + failure.message(),
                    generation,
                    before,
                    clock);
        }
        if (observed.rolloutPending() != null) {
            return Conditions.of(
                    Conditions.READY,
                    ConditionStatus.FALSE,
                    Reasons.ROLLOUT_IN_PROGRESS,
                    "The rollout is not complete: " + observed.rolloutPending() + ".",
                    generation,
                    before,
                    clock);
        }
        return Conditions.of(
                Conditions.READY,
                ConditionStatus.TRUE,
                Reasons.AVAILABLE,
                "The registry serves requests.",
                generation,
                before,
                clock);
    }

    private static String pods(Observed observed) {
        Integer desired = observed.desiredReplicas();
        return desired == null
                ? observed.readyReplicas() + " pods"
                : observed.readyReplicas() + " of " + desired + " pods";
    }
}
