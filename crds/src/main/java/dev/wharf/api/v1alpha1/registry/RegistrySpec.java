package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a Registry serves, who may use it, where it keeps its data and how it is run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value =
                "!has(self.replicas) || self.replicas <= 1"
                        + " || (has(self.storage) && has(self.storage.s3) && has(self.database) && has(self.database.postgres))",
        message = "replicas > 1 needs spec.storage.s3 and spec.database.postgres: filesystem storage and the embedded"
                + " database live on one pod's volume")
@ValidationRule(
        value =
                "!has(self.autoscaling) || self.autoscaling.maxReplicas <= 1"
                        + " || (has(self.storage) && has(self.storage.s3) && has(self.database) && has(self.database.postgres))",
        message = "autoscaling beyond one replica needs spec.storage.s3 and spec.database.postgres: filesystem storage"
                + " and the embedded database live on one pod's volume")
@ValidationRule(
        value = "!(has(self.replicas) && has(self.autoscaling))",
        message = "set either spec.replicas or spec.autoscaling, not both: the autoscaler owns the replica count")
@ValidationRule(
        value =
                "!has(self.allowPush) || self.allowPush || (has(self.upstreamProxies) && size(self.upstreamProxies) > 0)",
        message = "a Registry with allowPush: false and no upstreamProxies could never hold anything: name an"
                + " UpstreamProxy or allow pushes")
@ValidationRule(
        value = "!has(self.maven) || self.format == 'maven'",
        message = "spec.maven applies only to a Registry of format maven: remove it or set spec.format: maven")
@ValidationRule(
        value =
                "(has(self.storage) && has(self.storage.s3) && has(self.database) && has(self.database.postgres)) || (has(oldSelf.storage) && has(oldSelf.storage.s3) && has(oldSelf.database) && has(oldSelf.database.postgres))"
                        + " || (has(self.storage) && has(self.storage.filesystem) && has(self.storage.filesystem.size) ? self.storage.filesystem.size : '10Gi') == (has(oldSelf.storage) && has(oldSelf.storage.filesystem) && has(oldSelf.storage.filesystem.size) ? oldSelf.storage.filesystem.size : '10Gi')",
        message = "spec.storage.filesystem.size cannot change while the data is on a volume (it sizes the StatefulSet's"
                + " volume claim, which Kubernetes does not let change): expand the PersistentVolumeClaim data-<name>-0"
                + " itself if its StorageClass allows it, or create a new Registry")
@ValidationRule(
        value =
                "(has(self.storage) && has(self.storage.s3) && has(self.database) && has(self.database.postgres)) || (has(oldSelf.storage) && has(oldSelf.storage.s3) && has(oldSelf.database) && has(oldSelf.database.postgres))"
                        + " || (has(self.storage) && has(self.storage.filesystem) && has(self.storage.filesystem.storageClassName) ? self.storage.filesystem.storageClassName : '') == (has(oldSelf.storage) && has(oldSelf.storage.filesystem) && has(oldSelf.storage.filesystem.storageClassName) ? oldSelf.storage.filesystem.storageClassName : '')",
        message = "spec.storage.filesystem.storageClassName cannot change while the data is on a volume (the"
                + " StatefulSet's volume claim keeps its class): create a new Registry and copy the packages to it")
public record RegistrySpec(
        @Required
        @ValidationRule(
                value = "self == oldSelf",
                message = "spec.format cannot change: create a new Registry and copy the packages to it")
        @JsonPropertyDescription(
                "The package format this registry serves, such as docker, maven, npm or pypi. It cannot change"
                        + " after creation.")
        Format format,

        @Size(max = 16) @ValidationRule(
                value = "self.all(x, self.exists_one(y, y == x))",
                message = "spec.upstreamProxies names an UpstreamProxy twice; list each once, in the order to try"
                        + " them")
        @JsonPropertyDescription(
                "Names of UpstreamProxies in this namespace, tried top to bottom when a package is not in the"
                        + " registry's own content. The first that has it wins.")
        @Nullable List<@Size(max = Patterns.RESOURCE_NAME_MAX) @Pattern(Patterns.RESOURCE_NAME) String> upstreamProxies,

        @JsonPropertyDescription(
                "Whether clients with the write role may push. False makes a pure proxy registry. Unset means"
                        + " true.")
        @Nullable Boolean allowPush,

        @JsonPropertyDescription(
                "Whether a published version may be pushed again with different content. Unset means false:"
                        + " versions are immutable, as most clients expect.")
        @Nullable Boolean allowOverwrite,

        @JsonPropertyDescription("Who may read, write, delete and administer this registry.") @Nullable Access access,

        @Size(max = 32) @ValidationRule(
                value = "self.all(k, size(k) >= 1 && size(k) <= 63)",
                message = "spec.metadata keys must be 1 to 63 characters long")
        @JsonPropertyDescription(
                "Free-form key:value pairs describing the registry (team, purpose, cost centre), shown by the"
                        + " management API.")
        @Nullable Map<String, @Size(max = Patterns.TEXT_MAX) String> metadata,

        @JsonPropertyDescription(
                "Where blobs are stored: exactly one of filesystem (a PersistentVolumeClaim) or s3. Unset means a"
                        + " filesystem volume of the default size.")
        @Nullable Storage storage,

        @JsonPropertyDescription(
                "Where metadata is stored: the embedded database (on the storage volume, one replica) or"
                        + " PostgreSQL. Unset means embedded.")
        @Nullable Database database,

        @Min(0) @Max(50) @JsonPropertyDescription(
                "Number of registry pods. More than one needs s3 storage and a postgres database. Unset means 1.")
        @Nullable Integer replicas,

        @JsonPropertyDescription(
                "Scale the registry pods with a HorizontalPodAutoscaler instead of a fixed replica count.")
        @Nullable Autoscaling autoscaling,

        @JsonPropertyDescription(
                "A PodDisruptionBudget for the registry pods, so voluntary evictions keep it available.")
        @Nullable DisruptionBudget disruptionBudget,

        @JsonPropertyDescription("Expose the registry outside the cluster through an Ingress.") @Nullable Expose expose,

        @JsonPropertyDescription("CPU and memory for each registry pod.") @Nullable Resources resources,

        @JsonPropertyDescription("Let the Prometheus operator scrape the registry through a ServiceMonitor.") @Nullable Monitoring monitoring,

        @Size(max = Patterns.QUANTITY_MAX) @Pattern(Patterns.QUANTITY) @JsonPropertyDescription(
                "Largest single file a client may upload, as a quantity such as 2Gi; a larger upload is refused"
                        + " with 413. Unset means 20Gi, so that one runaway upload cannot fill the storage: set a"
                        + " larger quantity to allow larger files.")
        @Nullable String maxUploadSize,

        @Size(max = Patterns.IMAGE_MAX) @Pattern(Patterns.IMAGE) @JsonPropertyDescription("Registry runtime image to run instead of the one matching the operator's version.")
        @Nullable String image,

        @JsonPropertyDescription(
                "What happens to stored data when the Registry is deleted: Retain (the default) keeps the s3"
                        + " objects and the postgres data; Delete removes them.")
        @Nullable DeletionPolicy deletionPolicy,

        @JsonPropertyDescription("Settings of a maven Registry: which kinds of versions it accepts.") @Nullable MavenSettings maven) {}
