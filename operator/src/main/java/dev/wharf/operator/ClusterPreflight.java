package dev.wharf.operator;

import dev.wharf.api.v1alpha1.WharfApi;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * Checks, before the operator starts its informers, that the API server answers and serves the Wharf resources, so
 * that a missing cluster or missing CRDs end the process with one clear line instead of informer retries.
 */
final class ClusterPreflight {

    /** The resources (plural names in {@code wharf.dev/v1alpha1}) the operator's controllers watch. */
    static final List<String> WATCHED = List.of("registries", "upstreamproxies");

    /**
     * Retries of the check's requests: a few, so that a missing cluster is reported in a second rather than after
     * the client's default backoff of some twenty seconds.
     */
    static final int RETRIES = 2;

    private ClusterPreflight() {}

    /** What stops the operator from working against the cluster this configuration names; see below. */
    static Optional<String> problem(Config config) {
        Config checking =
                new ConfigBuilder(config).withRequestRetryBackoffLimit(RETRIES).build();
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(checking).build()) {
            return problem(client);
        }
    }

    /**
     * What stops the operator from working against this client's cluster.
     *
     * @return the problem, in one line that says what to do, or empty when there is none
     */
    static Optional<String> problem(KubernetesClient client) {
        String server = client.getMasterUrl().toString();
        APIResourceList served;
        try {
            served = client.getApiResources(WharfApi.API_VERSION);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 403) {
                return Optional.of("The Kubernetes API server at " + server + " refused the operator's credentials"
                        + " (HTTP " + e.getCode() + "): check its ServiceAccount and RBAC rules.");
            }
            return Optional.of("Cannot reach the Kubernetes API server at " + server + ": " + networkFailure(e)
                    + ". Run the operator in a pod, or point KUBECONFIG at a cluster.");
        }
        Set<String> names = served == null
                ? Set.of()
                : served.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
        List<String> missing =
                WATCHED.stream().filter(name -> !names.contains(name)).toList();
        if (!missing.isEmpty()) {
            return Optional.of(
                    "The Kubernetes API server at " + server + " does not serve " + String.join(", ", missing) + " in "
                            + WharfApi.API_VERSION + ": install the Wharf CRDs first (kubectl apply -f crds/).");
        }
        return Optional.empty();
    }

    /** What a failed request comes down to, in words, with the innermost cause for the curious. */
    private static String networkFailure(Throwable failure) {
        String innermost = " (" + Failures.innermost(failure) + ")";
        if (Failures.causedBy(failure, UnknownHostException.class)
                || Failures.causedBy(failure, UnresolvedAddressException.class)) {
            return "its host name does not resolve" + innermost;
        }
        if (Failures.causedBy(failure, HttpConnectTimeoutException.class)) {
            return "the connection timed out" + innermost;
        }
        if (Failures.causedBy(failure, ConnectException.class)) {
            return "the connection was refused" + innermost;
        }
        if (Failures.causedBy(failure, SSLException.class)) {
            return "the TLS handshake failed" + innermost;
        }
        return Failures.innermost(failure);
    }
}
