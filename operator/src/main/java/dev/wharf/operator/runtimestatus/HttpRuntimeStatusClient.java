package dev.wharf.operator.runtimestatus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code GET <base>/api/v1/status} of a Registry's runtime over HTTP, with a short timeout, and picks the
 * Registry's entry: its version count (the artifact count) and its storage bytes. The endpoint needs an authenticated
 * caller: the operator presents its ServiceAccount token, which the runtime accepts when the Registry enables
 * {@code spec.access.serviceAccountTokens}; otherwise the call is refused and the fields stay as they were.
 */
public final class HttpRuntimeStatusClient implements RuntimeStatusClient {

    /** The status path, relative to the runtime's root. */
    public static final String STATUS_PATH = "/api/v1/status";

    /** Where the kubelet puts the operator's own ServiceAccount token. */
    public static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(HttpRuntimeStatusClient.class);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final HttpClient http;
    private final Function<Registry, URI> root;
    private final Supplier<Optional<String>> token;

    /**
     * @param root the runtime's root URL for a Registry, such as {@code http://npm.artifacts.svc:8080}
     * @param token the bearer token to present, read on every call so that a rotated token is used
     */
    public HttpRuntimeStatusClient(Function<Registry, URI> root, Supplier<Optional<String>> token) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.root = root;
        this.token = token;
    }

    /** The in-cluster client: the Registry's Service, and the operator's ServiceAccount token when it has one. */
    public static HttpRuntimeStatusClient inCluster() {
        return new HttpRuntimeStatusClient(
                registry -> URI.create("http://" + registry.getMetadata().getName() + "."
                        + registry.getMetadata().getNamespace() + ".svc:8080"),
                HttpRuntimeStatusClient::serviceAccountToken);
    }

    @Override
    public Optional<RuntimeUsage> usage(Registry registry) {
        URI uri = root.apply(registry).resolve(STATUS_PATH);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET();
        token.get().ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.debug("The runtime of Registry {} answered {} to {}", name(registry), response.statusCode(), uri);
                return Optional.empty();
            }
            if (response.body().length > MAX_BODY_BYTES) {
                return Optional.empty();
            }
            StatusDocument document =
                    JSON.unmarshal(new String(response.body(), StandardCharsets.UTF_8), StatusDocument.class);
            return usageOf(document, registry.getMetadata().getName());
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot read the status of Registry {} at {}: {}", name(registry), uri, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<RuntimeUsage> usageOf(@Nullable StatusDocument document, String name) {
        if (document == null || document.registries() == null) {
            return Optional.empty();
        }
        return document.registries().stream()
                .filter(entry -> name.equals(entry.name()))
                .findFirst()
                .map(entry -> new RuntimeUsage(entry.versions(), entry.storageBytes()));
    }

    private static Optional<String> serviceAccountToken() {
        try {
            return Files.isReadable(SERVICE_ACCOUNT_TOKEN)
                    ? Optional.of(Files.readString(SERVICE_ACCOUNT_TOKEN).strip())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String name(Registry registry) {
        return registry.getMetadata().getNamespace() + "/"
                + registry.getMetadata().getName();
    }

    /** The part of the runtime's status document read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StatusDocument(@Nullable List<RegistryEntry> registries) {}

    /** One registry of the status document. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RegistryEntry(@Nullable String name, long versions, long storageBytes) {}
}
