package dev.wharf.operator.registry;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The contents of the Secrets a Registry references, read from the API server on first use and again only when the
 * metadata-only informer reports another resourceVersion. The cache holds Secrets some Registry asked for, so its size
 * is bounded by the references in the cluster, never by the number of Secrets; a Secret gone from the informer leaves
 * it at the next look-up.
 */
final class ReferencedSecrets {

    private final BiFunction<String, String, Optional<Secret>> metadata;
    private final BiFunction<String, String, Secret> reader;
    private final Map<String, Secret> contents = new ConcurrentHashMap<>();

    /**
     * @param metadata the informer's metadata-only copy of a Secret, by namespace and name
     * @param reader a direct read of the whole Secret, by namespace and name; null when it does not exist
     */
    ReferencedSecrets(
            BiFunction<String, String, Optional<Secret>> metadata, BiFunction<String, String, Secret> reader) {
        this.metadata = metadata;
        this.reader = reader;
    }

    /** Reads through the client; the informer's copies decide when a read is needed. */
    static ReferencedSecrets reading(KubernetesClient client, BiFunction<String, String, Optional<Secret>> metadata) {
        return new ReferencedSecrets(
                metadata,
                (namespace, name) ->
                        client.secrets().inNamespace(namespace).withName(name).get());
    }

    /** The whole Secret as of the informer's resourceVersion or later, if the informer knows it. */
    Optional<Secret> get(String namespace, String name) {
        String key = namespace + "/" + name;
        Optional<Secret> known = metadata.apply(namespace, name);
        if (known.isEmpty()) {
            contents.remove(key);
            return Optional.empty();
        }
        String version = known.get().getMetadata().getResourceVersion();
        Secret cached = contents.get(key);
        if (cached != null && Objects.equals(cached.getMetadata().getResourceVersion(), version)) {
            return Optional.of(cached);
        }
        Secret read = reader.apply(namespace, name);
        if (read == null) {
            contents.remove(key);
            return Optional.empty();
        }
        contents.put(key, read);
        return Optional.of(read);
    }

    /** How many Secrets' contents are held. */
    int size() {
        return contents.size();
    }
}
