package dev.wharf.operator.registry;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * What the Secret informer keeps of each Secret: its name, namespace, uid and resourceVersion, nothing else. Values,
 * labels, annotations (kubectl's last-applied-configuration holds every value) and managed fields are dropped before the
 * object enters the cache, so that thousands of Secrets no Registry names cost the operator a few hundred bytes each.
 */
final class SecretMetadata {

    private SecretMetadata() {}

    /** The Secret reduced to what identifies one version of it. */
    static Secret of(Secret secret) {
        var metadata = secret.getMetadata();
        return new SecretBuilder()
                .withNewMetadata()
                .withName(metadata.getName())
                .withNamespace(metadata.getNamespace())
                .withUid(metadata.getUid())
                .withResourceVersion(metadata.getResourceVersion())
                .endMetadata()
                .build();
    }
}
