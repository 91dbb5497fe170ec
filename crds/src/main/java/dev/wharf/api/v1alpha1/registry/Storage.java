package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import org.jspecify.annotations.Nullable;

/** Where a registry keeps its blobs: exactly one of a filesystem volume or an S3 bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.filesystem) ? 1 : 0) + (has(self.s3) ? 1 : 0) == 1",
        message = "spec.storage needs exactly one of filesystem or s3")
public record Storage(
        @JsonPropertyDescription("Blobs on a PersistentVolumeClaim mounted into the (single) registry pod.") @Nullable FilesystemStorage filesystem,

        @JsonPropertyDescription("Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, ...).") @Nullable S3Storage s3) {}
