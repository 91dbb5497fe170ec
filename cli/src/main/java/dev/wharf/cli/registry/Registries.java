package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.http.ApiClient;
import java.util.ArrayList;
import java.util.List;

/** Reading the API's registry documents. */
final class Registries {

    private Registries() {}

    /** The path of one registry. */
    static String path(String registry) {
        return "/api/v1/registries/" + ApiClient.segment(registry);
    }

    /** Its UpstreamProxies in order, comma-separated; {@code -} for none. */
    static String upstreams(JsonNode registry) {
        List<String> names = new ArrayList<>();
        registry.path("upstreamProxies")
                .forEach(upstream -> names.add(upstream.path("name").asText()));
        return names.isEmpty() ? "-" : String.join(",", names);
    }
}
