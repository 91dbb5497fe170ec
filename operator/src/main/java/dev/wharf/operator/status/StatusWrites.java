package dev.wharf.operator.status;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Writes a primary resource's status the one way every controller here does: a replace of the status subresource
 * under the resource version the reconcile read, retried on a conflict with the newer resource from the cache, and
 * cached so the next reconcile sees it.
 *
 * <p>A patch computed against a cached copy (java-operator-sdk's {@code patchStatus} without server-side apply) can
 * land on a newer object than the one it was computed from; list items are addressed by index in a JSON patch, so
 * {@code usedBy} or {@code conditions} could come out wrong with no event left to correct them. Optimistic locking
 * makes a stale write fail instead, and the same code path runs against a cluster and in the tests.
 */
public final class StatusWrites {

    private StatusWrites() {}

    /**
     * Writes {@code status} as the status of {@code primary}. The reconciler then returns
     * {@code UpdateControl.noUpdate()}: the write is done.
     */
    public static <P extends CustomResource<?, S>, S> void write(P primary, S status, Context<P> context) {
        var cloner =
                context.getControllerConfiguration().getConfigurationService().getResourceCloner();
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(primary, context, current -> {
            P next = cloner.clone(current);
            next.setStatus(status);
            return next;
        });
    }
}
