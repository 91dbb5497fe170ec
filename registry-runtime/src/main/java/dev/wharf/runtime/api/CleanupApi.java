package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.cleanup.CleanupBusyException;
import dev.wharf.runtime.cleanup.CleanupReports;
import dev.wharf.runtime.cleanup.CleanupRunner;
import dev.wharf.runtime.cleanup.RunOutcome;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.config.ConfiguredCleanupPolicy;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/cleanup-policies}: the CleanupPolicies with their last plan, last run and next run; one policy's
 * plan a page at a time; planning now and running now under the policy's mode. A policy acts on the Registries it
 * selects, so every call needs the admin role in each of them (the list: in every registry served).
 */
final class CleanupApi {

    private static final int MAX_PAGE = 1000;

    private final ConfigurationStore configuration;
    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final CleanupRunner runner;
    private final CleanupReports reports;

    CleanupApi(
            ConfigurationStore configuration,
            ServedRegistries registries,
            AccessGuard guard,
            CleanupRunner runner,
            CleanupReports reports) {
        this.configuration = configuration;
        this.registries = registries;
        this.guard = guard;
        this.runner = runner;
        this.reports = reports;
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return admin(request, registries.serving())
                .thenMany(Flux.fromIterable(
                        configuration.current().cleanupPolicies().values()))
                .concatMap(reports::summary)
                .collectList()
                .flatMap(ApiResponses::json);
    }

    Mono<ServerResponse> get(ServerRequest request) {
        return admitted(request).flatMap(policy -> reports.summary(policy)).flatMap(ApiResponses::json);
    }

    /** {@code GET .../{name}/plan/candidates?after=<seq>&limit=<n>}, or {@code .../plan/kept}: the whole plan. */
    Mono<ServerResponse> items(ServerRequest request, boolean kept) {
        long after = number(request, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(request, "limit", 1, MAX_PAGE, 100);
        return admitted(request)
                .flatMapMany(policy -> reports.page(policy.name(), kept, after, limit))
                .collectList()
                .flatMap(ApiResponses::json);
    }

    Mono<ServerResponse> plan(ServerRequest request) {
        return admitted(request)
                .flatMap(policy -> runner.plan(policy)
                        .onErrorMap(
                                CleanupBusyException.class,
                                e -> RequestRefusedException.conflict(String.valueOf(e.getMessage())))
                        .then(reports.summary(policy)))
                .flatMap(ApiResponses::json);
    }

    Mono<ServerResponse> run(ServerRequest request) {
        ConfiguredCleanupPolicy policy =
                configuration.current().cleanupPolicies().get(request.pathVariable("policy"));
        Collection<ServedRegistry> scope = policy == null ? registries.serving() : selected(policy);
        return admin(request, scope)
                .flatMap(principal -> runner.run(found(request, policy), principal.toString()))
                .onErrorMap(
                        CleanupBusyException.class,
                        e -> RequestRefusedException.conflict(String.valueOf(e.getMessage())))
                .flatMap(run -> RunOutcome.NotApproved.name().equals(run.outcome())
                        ? Mono.error(RequestRefusedException.conflict("CleanupPolicy "
                                + found(request, policy).name() + " has mode ApplyApproved and " + run.message()))
                        : reports.summary(found(request, policy)).flatMap(ApiResponses::json));
    }

    /**
     * The policy the request names, once the caller is an admin of every registry it selects; a name that no loaded
     * policy has is answered 404 only to an admin of every registry, so that nobody else learns which names exist.
     */
    private Mono<ConfiguredCleanupPolicy> admitted(ServerRequest request) {
        ConfiguredCleanupPolicy policy =
                configuration.current().cleanupPolicies().get(request.pathVariable("policy"));
        Collection<ServedRegistry> scope = policy == null ? registries.serving() : selected(policy);
        return admin(request, scope).map(principal -> found(request, policy));
    }

    private static ConfiguredCleanupPolicy found(ServerRequest request, @Nullable ConfiguredCleanupPolicy policy) {
        if (policy == null) {
            throw RequestRefusedException.notFound("no CleanupPolicy named '" + request.pathVariable("policy")
                    + "' is loaded; GET " + ApiPaths.CLEANUP_POLICIES + " lists those that are");
        }
        return policy;
    }

    private List<ServedRegistry> selected(ConfiguredCleanupPolicy policy) {
        return registries.serving().stream()
                .filter(registry -> policy.registries().contains(registry.name()))
                .toList();
    }

    private Mono<Principal> admin(ServerRequest request, Collection<ServedRegistry> scope) {
        return guard.requireAuthenticated(request, registries.serving())
                .flatMap(principal -> Flux.fromIterable(scope)
                        .concatMap(registry -> guard.authorize(request, registry, principal, Role.ADMIN))
                        .then(Mono.just(principal)));
    }

    private static long number(ServerRequest request, String name, long min, long max, long unset) {
        String value = request.queryParam(name).orElse(null);
        if (value == null) {
            return unset;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RequestRefusedException.badRequest(
                "the query parameter " + name + " is '" + value + "'; give a whole number from " + min + " to " + max);
    }
}
