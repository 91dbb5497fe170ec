package dev.wharf.operator.runtimestatus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.BreakerState;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code GET <base>/api/v1/status} of a Registry's runtime over HTTP, with a short timeout, and picks the
 * Registry's entry: its version count (the artifact count), its storage bytes, the health of its upstreams and the
 * CleanupPolicies and FirewallPolicies loaded for it. The
 * call presents the Registry's status credential as a Bearer token, which the runtime compares with the file it mounts
 * from the same Secret; the credential is never logged, and a refused call leaves the status fields as they were.
 */
public final class HttpRuntimeStatusClient implements RuntimeStatusClient {

    /** The status path, relative to the runtime's root. */
    public static final String STATUS_PATH = "/api/v1/status";

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(HttpRuntimeStatusClient.class);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final HttpClient http;
    private final Function<Registry, URI> root;

    /** @param root the runtime's root URL for a Registry, such as {@code http://npm.artifacts.svc:8080} */
    public HttpRuntimeStatusClient(Function<Registry, URI> root) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.root = root;
    }

    @Override
    public Optional<RuntimeReport> report(Registry registry, String credential) {
        URI uri = root.apply(registry).resolve(STATUS_PATH);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + credential)
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.debug("The runtime of Registry {} answered {} to {}", name(registry), response.statusCode(), uri);
                return Optional.empty();
            }
            if (response.body().length > MAX_BODY_BYTES) {
                return Optional.empty();
            }
            StatusDocument document =
                    JSON.unmarshal(new String(response.body(), StandardCharsets.UTF_8), StatusDocument.class);
            return reportOf(document, registry.getMetadata().getName());
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot read the status of Registry {} at {}: {}", name(registry), uri, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<RuntimeReport> reportOf(@Nullable StatusDocument document, String name) {
        if (document == null || document.registries() == null) {
            return Optional.empty();
        }
        List<CleanupPolicyReport> cleanups =
                Objects.requireNonNullElse(document.cleanupPolicies(), List.<CleanupPolicyReport>of()).stream()
                        .filter(policy -> policy.name() != null
                                && policy.registries() != null
                                && policy.registries().contains(name))
                        .toList();
        Map<String, String> limitations = new HashMap<>();
        Objects.requireNonNullElse(document.policies(), List.<PartialPolicy>of()).stream()
                .filter(policy -> "FirewallPolicy".equals(policy.kind()) && policy.name() != null)
                .forEach(policy -> limitations.put(policy.name(), policy.message()));
        List<FirewallPolicyReport> firewalls =
                Objects.requireNonNullElse(document.firewallPolicies(), List.<FirewallPolicyReport>of()).stream()
                        .filter(policy -> policy.name() != null
                                && policy.registries() != null
                                && policy.registries().contains(name))
                        .map(policy -> policy.withLimitation(limitations.get(policy.name())))
                        .toList();
        return document.registries().stream()
                .filter(entry -> name.equals(entry.name()))
                .findFirst()
                .map(entry -> new RuntimeReport(
                        entry.versions(),
                        entry.storageBytes(),
                        entry.upstreams() == null
                                ? List.of()
                                : entry.upstreams().stream()
                                        .filter(upstream -> upstream.name() != null)
                                        .map(upstream -> new UpstreamReport(
                                                Objects.requireNonNull(upstream.name()),
                                                upstream.breaker() == null ? BreakerState.CLOSED : upstream.breaker(),
                                                upstream.consecutiveFailures(),
                                                upstream.lastSuccess(),
                                                upstream.lastFailure(),
                                                upstream.lastError()))
                                        .toList(),
                        cleanups,
                        firewalls));
    }

    private static String name(Registry registry) {
        return registry.getMetadata().getNamespace() + "/"
                + registry.getMetadata().getName();
    }

    /** The part of the runtime's status document read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StatusDocument(
            @Nullable List<RegistryEntry> registries,
            @Nullable List<CleanupPolicyReport> cleanupPolicies,
            @Nullable List<FirewallPolicyReport> firewallPolicies,
            @Nullable List<PartialPolicy> policies) {}

    /** A policy the runtime says takes effect only in part, and what it does not do. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PartialPolicy(
            @Nullable String kind,
            @Nullable String name,
            @Nullable String message) {}

    /** One registry of the status document. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RegistryEntry(
            @Nullable String name,
            long versions,
            long storageBytes,
            @Nullable List<UpstreamEntry> upstreams) {}

    /** One upstream of a registry of the status document. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UpstreamEntry(
            @Nullable String name,
            @Nullable BreakerState breaker,
            int consecutiveFailures,
            @Nullable String lastSuccess,
            @Nullable String lastFailure,
            @Nullable String lastError) {}
}
