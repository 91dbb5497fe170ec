package dev.wharf.operator.upstream;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.status.Reasons;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Computes an UpstreamProxy's whole status from the proxy and the Registries around it; no I/O. */
public final class UpstreamProxyStatusCalculator {

    /** The most names {@code status.usedBy} may hold, as the CRD schema says. */
    static final int USED_BY_MAX = 1024;

    private UpstreamProxyStatusCalculator() {}

    /**
     * The status the proxy should have.
     *
     * @param proxy the UpstreamProxy
     * @param registries Registries that may name it; those of other namespaces, being deleted or not naming it are ignored
     * @param previous the status the proxy has now, whose Ready transition time and health are kept
     * @param clock the time of a Ready transition
     */
    public static UpstreamProxyStatus calculate(
            UpstreamProxy proxy, Collection<Registry> registries, @Nullable UpstreamProxyStatus previous, Clock clock) {
        String namespace = proxy.getMetadata().getNamespace();
        String name = proxy.getMetadata().getName();
        List<String> users = registries.stream()
                .filter(registry -> Objects.equals(registry.getMetadata().getNamespace(), namespace))
                // A Registry being deleted (its finalizer still running) no longer uses the proxy.
                .filter(registry -> registry.getMetadata().getDeletionTimestamp() == null)
                .filter(registry ->
                        RegistryToUpstreamProxyMapper.namedProxies(registry).contains(name))
                .map(registry -> registry.getMetadata().getName())
                .distinct()
                .sorted()
                .toList();
        Long generation = proxy.getMetadata().getGeneration();
        Condition ready = Conditions.of(
                Conditions.READY,
                ConditionStatus.TRUE,
                Reasons.ACCEPTED,
                readyMessage(users.size()),
                generation,
                previous == null ? null : previous.conditions(),
                clock);
        return new UpstreamProxyStatus(
                List.of(ready),
                generation,
                users.size() > USED_BY_MAX ? users.subList(0, USED_BY_MAX) : users,
                // Health is reported by the registry pods; until the operator collects it, keep what is there.
                previous == null ? null : previous.health());
    }

    private static String readyMessage(int users) {
        return switch (users) {
            case 0 -> "Accepted; no Registry in this namespace names this UpstreamProxy yet.";
            case 1 -> "Accepted; 1 Registry in this namespace names this UpstreamProxy.";
            default ->
                users > USED_BY_MAX
                        ? "Accepted; " + users + " Registries in this namespace name this UpstreamProxy;"
                                + " status.usedBy lists the first " + USED_BY_MAX + "."
                        : "Accepted; " + users + " Registries in this namespace name this UpstreamProxy.";
        };
    }
}
