package dev.wharf.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads a {@code v1 Secret} manifest as the API server would store it: base64 {@code data}, then {@code stringData}
 * over it. Problems name the key, never the value.
 */
final class SecretManifestReader {

    private static final Pattern KEY = Pattern.compile("^[-._a-zA-Z0-9]{1,253}$");

    private SecretManifestReader() {}

    /** The Secret, or empty with the reasons added to {@code problems}. */
    static Optional<SecretManifest> read(JsonNode manifest, ManifestLocation location, List<ConfigProblem> problems) {
        int before = problems.size();
        String name = location.name();
        if (name == null) {
            problems.add(new ConfigProblem(location, "metadata.name is required"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode data = manifest.path("data");
        readMap(data, "data", location, problems, (key, text) -> {
            try {
                values.put(key, new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(
                        location, "data." + key + " is not valid base64; put plain text under stringData instead"));
            }
        });
        readMap(manifest.path("stringData"), "stringData", location, problems, values::put);
        if (problems.size() > before || name == null) {
            return Optional.empty();
        }
        return Optional.of(new SecretManifest(name, values));
    }

    private static void readMap(
            JsonNode map,
            String field,
            ManifestLocation location,
            List<ConfigProblem> problems,
            BiConsumer<String, String> entry) {
        if (map.isMissingNode() || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            problems.add(new ConfigProblem(location, field + " must be a map of keys to strings"));
            return;
        }
        for (Map.Entry<String, JsonNode> property : map.properties()) {
            String key = property.getKey();
            if (!KEY.matcher(key).matches() || key.equals(".") || key.equals("..")) {
                problems.add(new ConfigProblem(
                        location,
                        field + " has a key that is not a valid Secret key (letters, digits, '-', '_' and '.')"));
            } else if (!property.getValue().isTextual()) {
                problems.add(new ConfigProblem(
                        location, field + "." + key + " must be a string: quote the value in the YAML"));
            } else {
                entry.accept(key, property.getValue().asText());
            }
        }
    }
}
