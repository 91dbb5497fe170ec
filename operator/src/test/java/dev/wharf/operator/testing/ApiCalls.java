package dev.wharf.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The API calls the operator makes, as RBAC names them ({@code group/resource: verb}, the core group as {@code core}),
 * recorded from every operator the tests of this JVM start against the mock server: the evidence the RBAC roles are
 * compared with.
 */
public final class ApiCalls {

    private static final Set<String> RECORDED = new ConcurrentSkipListSet<>();

    private ApiCalls() {}

    /** A client to the same server as {@code client} whose every request is recorded. */
    public static KubernetesClient recording(KubernetesClient client) {
        return new KubernetesClientBuilder()
                .withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("wharf-rbac", new Recorder()))
                .build();
    }

    /** Everything recorded so far in this JVM, sorted. */
    public static SortedSet<String> recorded() {
        return new TreeSet<>(RECORDED);
    }

    /** The RBAC grant a request needs; empty for discovery and other non-resource paths. */
    public static Optional<String> grant(String method, URI uri) {
        String[] parts = uri.getRawPath().replaceAll("^/+|/+$", "").split("/");
        int next;
        String group;
        if (parts.length >= 2 && parts[0].equals("api")) {
            group = "core";
            next = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            group = parts[1];
            next = 3;
        } else {
            return Optional.empty();
        }
        if (parts.length > next + 1 && parts[next].equals("namespaces")) {
            // namespaces/<ns>/<resource>/..., unless the namespace itself is the object.
            if (parts.length == next + 2) {
                return verb(method, uri, true).map(verb -> group + "/namespaces: " + verb);
            }
            next += 2;
        }
        if (parts.length <= next) {
            return Optional.empty();
        }
        String resource = parts[next];
        boolean named = parts.length > next + 1;
        if (parts.length > next + 2) {
            resource = resource + "/" + parts[next + 2];
        }
        String finalResource = resource;
        return verb(method, uri, named).map(verb -> group + "/" + finalResource + ": " + verb);
    }

    private static Optional<String> verb(String method, URI uri, boolean named) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        boolean watch = query.matches("(^|.*&)watch=(true|1)(&.*|$)");
        return Optional.of(
                switch (method.toUpperCase(Locale.ROOT)) {
                    case "GET" -> watch ? "watch" : named ? "get" : "list";
                    case "POST" -> "create";
                    case "PUT" -> "update";
                    case "PATCH" -> "patch";
                    case "DELETE" -> named ? "delete" : "deletecollection";
                    default -> method.toLowerCase(Locale.ROOT);
                });
    }

    /** Records each request before it is sent. */
    private static final class Recorder implements Interceptor {

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            grant(request.method(), request.uri()).ifPresent(RECORDED::add);
        }
    }
}
