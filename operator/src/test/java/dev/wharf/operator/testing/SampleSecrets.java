package dev.wharf.operator.testing;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Secrets the cluster samples name ({@code samples/cluster/README.md} says how users create them), with test
 * values: the operator only mounts and hashes them, so the values only need to be fixed for the checksums to be.
 */
public final class SampleSecrets {

    private SampleSecrets() {}

    /** The Secrets of namespace {@code artifacts}. */
    public static List<Secret> cluster() {
        return List.of(
                secret("minio-creds", Map.of("accessKey", "test-access", "secretKey", "test-secret")),
                secret("aws-artifacts", Map.of("accessKey", "test-aws-access", "secretKey", "test-aws-secret")),
                secret(
                        "wharf-db",
                        Map.of(
                                "url", "postgresql://postgres.db:5432/wharf",
                                "username", "wharf",
                                "password", "test-password")),
                secret("dockerhub-creds", Map.of("username", "test-user", "password", "test-password")),
                secret("maven-deployers", Map.of("users", "release-bot:$2b$10$test\n")));
    }

    /** A Secret in namespace {@code artifacts} holding the given keys, as {@code kubectl create secret} would. */
    public static Secret secret(String name, Map<String, String> values) {
        return secret("artifacts", name, values);
    }

    /** Base64 encoding of the values, as the API server stores them. */
    private static Map<String, String> encoded(Map<String, String> values) {
        return values.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> Base64.getEncoder()
                                .encodeToString(entry.getValue().getBytes(StandardCharsets.UTF_8))));
    }

    /** A Secret in the namespace holding the given keys. */
    public static Secret secret(String namespace, String name, Map<String, String> values) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withType("Opaque")
                .withData(encoded(values))
                .build();
    }
}
