package dev.wharf.runtime.proxy;

import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import dev.wharf.runtime.config.SecretResolver;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One {@link UpstreamClient} per UpstreamProxy, speaking its format's protocol, shared by the Registries that name it, so that they share its circuit
 * breaker and health. A changed spec makes a new client (with a closed breaker); requests in flight finish on the old
 * one.
 */
final class UpstreamClients {

    private static final int MAX_CLIENTS = 4096;

    private final UpstreamProtocols protocols;
    private final Supplier<SecretResolver> secrets;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> clients = new ConcurrentHashMap<>();

    private record Entry(ConfiguredUpstreamProxy proxy, UpstreamClient client) {}

    UpstreamClients(UpstreamProtocols protocols, Supplier<SecretResolver> secrets, Clock clock) {
        this.protocols = protocols;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The client of {@code proxy}, made when it is new or its spec changed. */
    UpstreamClient of(ConfiguredUpstreamProxy proxy) {
        Entry entry = clients.compute(proxy.name(), (name, existing) -> {
            if (existing != null && existing.proxy().equals(proxy)) {
                return existing;
            }
            return new Entry(
                    proxy,
                    new UpstreamClient(
                            UpstreamSettings.of(proxy),
                            protocols.of(proxy.spec().format()),
                            secrets,
                            clock));
        });
        if (clients.size() > MAX_CLIENTS) {
            clients.keySet().removeIf(name -> !name.equals(proxy.name()));
        }
        return entry.client();
    }

    /** The health of the UpstreamProxy named {@code name}; unknown when it was never asked. */
    UpstreamHealth health(String name) {
        Entry entry = clients.get(name);
        return entry == null ? UpstreamHealth.unknown(name) : entry.client().health();
    }
}
