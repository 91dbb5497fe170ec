package dev.wharf.runtime.api;

import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Content for the API tests, pushed through the generic format as a client would. */
final class ApiFixtures {

    private ApiFixtures() {}

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads a file as the writer; fails the test unless it is stored. */
    static void upload(WebTestClient client, String registry, String pkg, String version, String path, byte[] content) {
        client.put()
                .uri("/generic/" + registry + "/" + pkg + "/" + version + "/" + path)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(content)
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
