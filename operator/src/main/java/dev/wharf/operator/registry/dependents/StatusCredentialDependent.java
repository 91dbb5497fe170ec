package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Registry's status credential: a random value the operator generates once and keeps in a Secret of its own, which
 * the registry pods mount ({@code wharf.status.credential-file}) and the operator presents when it reads the runtime's
 * {@code /api/v1/status}. It grants that read and nothing else. The value is kept as long as the Secret holds one;
 * deleting the Secret rotates it (the pods see the new file without a restart).
 */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class StatusCredentialDependent extends RegistryDependent<Secret> {

    /** The key of the credential in the Secret. */
    public static final String KEY = "credential";

    /** The credential's prefix: a reader of a log or a diff sees what it is. */
    static final String PREFIX = "wharf-status-";

    private static final SecureRandom RANDOM = new SecureRandom();

    public StatusCredentialDependent() {
        super(Secret.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.statusSecretName(registry);
    }

    @Override
    protected Secret desired(Registry registry, Context<Registry> context) {
        return render(registry, getSecondaryResource(registry, context).flatMap(StatusCredentialDependent::credential));
    }

    /** The Secret, holding {@code existing} when there is one, else a new credential. */
    public static Secret render(Registry registry, Optional<String> existing) {
        String credential = existing.orElseGet(StatusCredentialDependent::generate);
        return new SecretBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.statusSecretName(registry)))
                .withType("Opaque")
                .withImmutable(false)
                .withData(Map.of(KEY, Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** The credential a status Secret holds; empty when it holds none that could have been generated here. */
    public static Optional<String> credential(@Nullable Secret secret) {
        if (secret == null || secret.getData() == null || secret.getData().get(KEY) == null) {
            return Optional.empty();
        }
        try {
            String value =
                    new String(Base64.getDecoder().decode(secret.getData().get(KEY)), StandardCharsets.UTF_8);
            return value.startsWith(PREFIX) ? Optional.of(value) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** 256 random bits, URL-safe. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
