package dev.wharf.operator.testing;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the API server and its garbage collector do when an owner is deleted with a propagation policy, played against
 * the mock API server (which knows finalizers but has no garbage collector). Only the operator's own finalizer is left
 * to the operator.
 */
public final class GarbageCollector {

    /** The finalizers the API server adds for these policies. */
    public static final String FOREGROUND = "foregroundDeletion";

    public static final String ORPHAN = "orphan";

    private final KubernetesClient client;

    public GarbageCollector(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Deletes {@code owner} with {@code propagation}, as the API server and the garbage collector would, up to the
     * point where only the owner's other finalizers hold it:
     *
     * <ul>
     *   <li>{@code Foreground}: the owner is marked deleted and held by {@value #FOREGROUND}; every object it owns is
     *       deleted; then that finalizer goes.
     *   <li>{@code Background}: the owner is marked deleted; its objects are deleted by {@link #collect} once it is
     *       gone.
     *   <li>{@code Orphan}: the owner is marked deleted and held by {@value #ORPHAN}; its owner reference is removed from
     *       every object it owns, which stay; then that finalizer goes.
     * </ul>
     */
    public <T extends HasMetadata> void delete(T owner, DeletionPropagation propagation) {
        String uid = owner.getMetadata().getUid();
        String namespace = owner.getMetadata().getNamespace();
        switch (propagation) {
            case FOREGROUND -> {
                addFinalizer(owner, FOREGROUND);
                client.resource(owner).delete();
                owned(namespace, uid).forEach(object -> client.resource(object).delete());
                removeFinalizer(owner, FOREGROUND);
            }
            case BACKGROUND -> client.resource(owner).delete();
            case ORPHAN -> {
                addFinalizer(owner, ORPHAN);
                client.resource(owner).delete();
                owned(namespace, uid)
                        .forEach(object -> client.resource(object).edit(edited -> {
                            edited.getMetadata()
                                    .setOwnerReferences(edited.getMetadata().getOwnerReferences().stream()
                                            .filter(reference -> !uid.equals(reference.getUid()))
                                            .toList());
                            return edited;
                        }));
                removeFinalizer(owner, ORPHAN);
            }
        }
    }

    /** Deletes what a deleted owner owned, as the garbage collector does once the owner is gone (Background). */
    public void collect(String namespace, String ownerUid) {
        owned(namespace, ownerUid).forEach(object -> client.resource(object).delete());
    }

    /** Every object of the namespace, of the kinds a Registry runs as, that names {@code uid} as an owner. */
    public List<HasMetadata> owned(String namespace, String uid) {
        List<HasMetadata> owned = new ArrayList<>();
        Stream.concat(RegistryOperator.KINDS.stream(), Stream.of(Secret.class))
                .forEach(kind -> client.resources(kind).inNamespace(namespace).list().getItems().stream()
                        .filter(object -> owns(uid, object))
                        .forEach(owned::add));
        return owned;
    }

    private static boolean owns(String uid, HasMetadata object) {
        List<OwnerReference> references = object.getMetadata().getOwnerReferences();
        return references != null && references.stream().anyMatch(reference -> uid.equals(reference.getUid()));
    }

    private <T extends HasMetadata> void addFinalizer(T owner, String finalizer) {
        client.resource(owner).edit(edited -> {
            List<String> finalizers = new ArrayList<>(
                    Objects.requireNonNullElse(edited.getMetadata().getFinalizers(), List.<String>of()));
            finalizers.add(finalizer);
            edited.getMetadata().setFinalizers(finalizers);
            return edited;
        });
    }

    private <T extends HasMetadata> void removeFinalizer(T owner, String finalizer) {
        T current = client.resource(owner).get();
        if (current == null) {
            return;
        }
        client.resource(current).edit(edited -> {
            edited.getMetadata()
                    .setFinalizers(edited.getMetadata().getFinalizers().stream()
                            .filter(name -> !name.equals(finalizer))
                            .toList());
            return edited;
        });
    }
}
