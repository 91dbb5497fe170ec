package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.http.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Merges a registry into docker's {@code config.json} (podman reads it too): {@code auths.<host>.auth}, keeping every
 * other host, the credential helpers and the rest of the file.
 */
final class DockerConfigFile {

    private DockerConfigFile() {}

    static String merge(String existing, String host, String username, String token) {
        ObjectNode config;
        try {
            JsonNode parsed = existing.isBlank() ? null : ApiClient.JSON.readTree(existing);
            config = parsed instanceof ObjectNode object ? object : ApiClient.JSON.createObjectNode();
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "docker's config.json is not JSON (" + e.getMessage()
                            + "); fix it, or move it away and run this again");
        }
        ObjectNode auths = config.has("auths") && config.get("auths") instanceof ObjectNode object
                ? object
                : config.putObject("auths");
        ObjectNode entry = auths.putObject(host);
        entry.put(
                "auth", Base64.getEncoder().encodeToString((username + ":" + token).getBytes(StandardCharsets.UTF_8)));
        try {
            return ApiClient.JSON
                            .writer()
                            .with(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(config) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
