package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** Blob storage on a PersistentVolumeClaim. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilesystemStorage(
        @Size(max = Patterns.QUANTITY_MAX) @Pattern(Patterns.QUANTITY) @JsonPropertyDescription("Size of the volume, such as 50Gi. Unset means 10Gi.")
        @Nullable String size,

        @Size(max = 253) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription("StorageClass of the volume. Unset means the cluster's default class.")
        @Nullable String storageClassName) {}
