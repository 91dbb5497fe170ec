package dev.wharf.runtime.api;

import dev.wharf.runtime.auth.StatusReader;
import dev.wharf.runtime.cleanup.CleanupReports;
import dev.wharf.runtime.cleanup.PolicySummary;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.config.ConfiguredRegistry;
import dev.wharf.runtime.config.IneffectivePolicies;
import dev.wharf.runtime.config.RuntimeConfiguration;
import dev.wharf.runtime.firewall.FirewallReports;
import dev.wharf.runtime.firewall.FirewallSummary;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.RegistryUsage;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.UnimplementedFormats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/status}, for operators and the operator: the configuration's state and, per configured registry,
 * whether it serves, what it holds and how its upstreams are. Cheap enough to call every minute: one query counts every registry.
 */
final class StatusApi {

    private final ConfigurationStore configuration;
    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final Registries usage;
    private final UnimplementedFormats formats;
    private final UpstreamEngine upstreams;
    private final StatusReader operator;
    private final CleanupReports cleanup;
    private final FirewallReports firewall;

    StatusApi(
            ConfigurationStore configuration,
            ServedRegistries registries,
            AccessGuard guard,
            Registries usage,
            UnimplementedFormats formats,
            UpstreamEngine upstreams,
            StatusReader operator,
            CleanupReports cleanup,
            FirewallReports firewall) {
        this.configuration = configuration;
        this.registries = registries;
        this.guard = guard;
        this.usage = usage;
        this.formats = formats;
        this.upstreams = upstreams;
        this.operator = operator;
        this.cleanup = cleanup;
        this.firewall = firewall;
    }

    /** The status; any authenticated caller may read it, and the operator with its status credential. */
    Mono<ServerResponse> get(ServerRequest request) {
        Mono<?> caller = operator.recognise(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                .<Mono<?>>map(principal -> {
                    request.attributes().put(AccessGuard.PRINCIPAL_ATTRIBUTE, principal);
                    return Mono.just(principal);
                })
                .orElseGet(() -> guard.requireAuthenticated(request, registries.serving()));
        RuntimeConfiguration current = configuration.current();
        return caller.then(Mono.zip(
                        usage.usageByName(),
                        Flux.fromIterable(current.cleanupPolicies().values())
                                .concatMap(cleanup::summary)
                                .collectList(),
                        firewall.summaries(current)))
                .flatMap(found -> ApiResponses.json(status(found.getT1(), found.getT2(), found.getT3())));
    }

    private StatusView status(
            Map<String, RegistryUsage> counts, List<PolicySummary> cleanups, List<FirewallSummary> firewalls) {
        Map<String, List<String>> unavailable = registries.unavailable();
        List<StatusView.RegistryStatus> statuses = registries.configured().stream()
                .map(registry -> status(
                        registry,
                        counts.getOrDefault(registry.name(), RegistryUsage.EMPTY),
                        unavailable.get(registry.name()),
                        lastCleanupRun(cleanups, registry.name())))
                .toList();
        List<StatusView.PolicyStatus> policies = IneffectivePolicies.of(configuration.current()).stream()
                .map(StatusView.PolicyStatus::of)
                .toList();
        return new StatusView(
                StatusView.Configuration.of(configuration.status()), statuses, policies, cleanups, firewalls);
    }

    /** When a CleanupPolicy selecting the registry last finished a run. */
    private static @Nullable Instant lastCleanupRun(List<PolicySummary> cleanups, String registry) {
        return cleanups.stream()
                .filter(policy -> policy.registries().contains(registry))
                .map(PolicySummary::lastRun)
                .filter(Objects::nonNull)
                .map(PolicySummary.Run::time)
                .filter(Objects::nonNull)
                .map(Instant::parse)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private StatusView.RegistryStatus status(
            ConfiguredRegistry registry,
            RegistryUsage counts,
            @Nullable List<String> problems,
            @Nullable Instant lastCleanupRun) {
        return new StatusView.RegistryStatus(
                registry.name(),
                registry.format().id(),
                formats.isImplemented(registry.format()),
                problems == null,
                problems == null ? List.of() : problems,
                counts.packages(),
                counts.versions(),
                counts.files(),
                counts.storageBytes(),
                counts.downloads(),
                counts.lastPushedAt(),
                registry.upstreamProxies().stream()
                        .map(proxy -> StatusView.Upstream.of(
                                proxy.name(), proxy.spec().url(), upstreams.health(proxy.name())))
                        .toList(),
                lastCleanupRun);
    }
}
