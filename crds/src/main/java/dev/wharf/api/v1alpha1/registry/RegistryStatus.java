package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The observed state of a Registry, computed whole by the operator on every reconcile. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryStatus(
        @Size(max = 16) @JsonPropertyDescription(
                "Conditions: Ready (the registry serves requests) and the ones it is made of: ConfigResolved,"
                        + " StorageReady, Available.")
        @Nullable List<Condition> conditions,

        @JsonPropertyDescription("The metadata.generation this status was computed from.") @Nullable Long observedGeneration,

        @Size(max = Patterns.URL_MAX) @JsonPropertyDescription("The registry's base URL inside the cluster.") @Nullable String url,

        @Size(max = Patterns.URL_MAX) @JsonPropertyDescription("The registry's base URL outside the cluster, when spec.expose is set.")
        @Nullable String externalURL,

        @JsonPropertyDescription("Registry pods ready to serve.") @Nullable Integer readyReplicas,

        @JsonPropertyDescription("Number of files stored, hosted and cached.") @Nullable Long artifacts,

        @JsonPropertyDescription("Bytes of blob storage used.") @Nullable Long storageBytes,

        @Size(max = 64) @JsonPropertyDescription("When the last cleanup run finished, as an RFC 3339 timestamp.")
        @Nullable String lastCleanupTime) {}
