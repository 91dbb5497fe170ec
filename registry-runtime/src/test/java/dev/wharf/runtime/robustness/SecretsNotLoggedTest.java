package dev.wharf.runtime.robustness;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A whole authenticated session, right and wrong credentials included, with the runtime, Spring's web layer, R2DBC and
 * Reactor Netty logging at DEBUG, and Spring's codecs at TRACE: no password, token, {@code Authorization} value or
 * password hash reaches the log.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "logging.level.dev.wharf=DEBUG",
            "logging.level.org.springframework.web=DEBUG",
            // TRACE: the codecs then log every value they read or write in full, not cut off at 100 characters.
            "logging.level.org.springframework.http.codec=TRACE",
            "logging.level.org.springframework.r2dbc=DEBUG",
            "logging.level.reactor.netty=DEBUG"
        })
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    private static final byte[] NONE = new byte[0];

    @LocalServerPort
    private int port;

    @Test
    void sessionWithRightAndWrongCredentialsShouldLogNoSecret(CapturedOutput output) throws IOException {
        String pkg = "secrets-" + UUID.randomUUID();
        String url = "/generic/files/" + pkg + "/1.0/a.txt";
        String wrongPassword = "wrong-" + UUID.randomUUID();
        String wrongBasic = "Basic " + base64(WRITER + ":" + wrongPassword);
        byte[] content = "content".getBytes(StandardCharsets.UTF_8);

        exchange("PUT", url, basic(WRITER), content, 201);
        exchange("GET", url, basic(WRITER), NONE, 200);
        exchange("GET", url, wrongBasic, NONE, 401);
        exchange("PUT", url, wrongBasic, content, 401);
        exchange("GET", url, "Basic " + base64(PASSWORD), NONE, 401);

        JsonNode issued = exchange(
                        "POST",
                        "/api/v1/tokens",
                        basic(WRITER),
                        "{\"description\": \"logged session\", \"scopes\": {\"files\": \"write\"}}"
                                .getBytes(StandardCharsets.UTF_8),
                        201)
                .json();
        String token = issued.get("token").asString();
        String bearer = "Bearer " + token;
        String tamperedToken = token.substring(0, token.length() - 4) + "AAAA";
        String madeUpToken = "wharf_" + UUID.randomUUID().toString().replace("-", "") + "0123456789a";

        exchange("PUT", "/generic/files/" + pkg + "/1.0/b.txt", bearer, content, 201);
        exchange("GET", url, bearer, NONE, 200);
        exchange("PUT", "/generic/copies/" + pkg + "/1.0/b.txt", bearer, content, 403);
        exchange("GET", "/api/v1/tokens", bearer, NONE, 200);
        exchange(
                "POST",
                "/api/v1/tokens",
                bearer,
                "{\"scopes\": {\"files\": \"read\"}}".getBytes(StandardCharsets.UTF_8),
                403);
        exchange("GET", url, "Bearer " + tamperedToken, NONE, 401);
        exchange("PUT", url, "Bearer " + madeUpToken, content, 401);
        exchange("GET", url, "Basic " + base64(token), NONE, 401);

        String logs = output.getAll();
        assertThat(logs)
                .as("the DEBUG log of the web layer, which names the requests")
                .contains("DEBUG")
                .contains("/generic/files/" + pkg + "/1.0/b.txt");
        List<String> secrets = new ArrayList<>(List.of(
                PASSWORD,
                wrongPassword,
                base64(WRITER + ":" + PASSWORD),
                base64(WRITER + ":" + wrongPassword),
                token,
                token.substring("wharf_".length()),
                tamperedToken,
                madeUpToken,
                base64(token),
                writerPasswordHash()));
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            assertThat(logs.lines().filter(line -> line.contains(secret)))
                    .as("log lines holding secret #%d", i)
                    .isEmpty();
        }
    }

    /**
     * A request on a raw socket, so that only the runtime logs: no HTTP client of the test JVM. Every body is sent as
     * JSON; the generic format stores any content type.
     */
    private RawHttp.Response exchange(String method, String url, String authorization, byte[] body, int status) {
        RawHttp.Response response =
                new RawHttp(port).exchange(method, url, authorization, body, "Content-Type: application/json");
        assertThat(response.status()).as("%s %s: %s", method, url, response).isEqualTo(status);
        return response;
    }

    /** The bcrypt hash of the writer's password, as the users Secret holds it. */
    private static String writerPasswordHash() throws IOException {
        String prefix = "    " + WRITER + ":";
        String hash = Files.readAllLines(root.resolve("config/users.yaml")).stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .findFirst()
                .orElseThrow();
        assertThat(hash).startsWith("$2");
        return hash;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
