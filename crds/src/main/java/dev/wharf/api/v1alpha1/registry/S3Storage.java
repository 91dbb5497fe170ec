package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import org.jspecify.annotations.Nullable;

/** Blob storage in an S3-compatible bucket. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3Storage(
        @Required
        @Size(max = Patterns.URL_MAX) @Pattern(Patterns.HTTP_URL) @JsonPropertyDescription(
                "The S3 API endpoint, such as https://s3.eu-west-1.amazonaws.com or http://minio.storage:9000.")
        String endpoint,

        @Required
        @Size(min = 3, max = 63) @Pattern("^[a-z0-9][a-z0-9.-]*[a-z0-9]$") @JsonPropertyDescription("The bucket; it must exist.")
        String bucket,

        @Size(max = 512) @Pattern("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*/$") @ValidationRule(value = "!self.contains('..')", message = "spec.storage.s3.prefix must not contain '..'")
        @JsonPropertyDescription(
                "Key prefix for every object this registry writes, ending in '/', such as 'npm/'; lets registries"
                        + " share a bucket.")
        @Nullable String prefix,

        @Size(max = 64) @Pattern("^[a-z0-9-]+$") @JsonPropertyDescription("The bucket's region. Unset means us-east-1, which MinIO accepts.")
        @Nullable String region,

        @Required
        @Size(max = Patterns.SECRET_NAME_MAX) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription(
                "Secret in this namespace with keys 'accessKey' and 'secretKey'. It is mounted into the registry"
                        + " pods, never copied.")
        String credentialsSecret,

        @JsonPropertyDescription(
                "Address the bucket as endpoint/bucket instead of bucket.endpoint. Unset means true, which"
                        + " MinIO needs.")
        @Nullable Boolean pathStyleAccess) {}
