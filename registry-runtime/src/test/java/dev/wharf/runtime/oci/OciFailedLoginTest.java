package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Wrong passwords on the docker routes and at the token endpoint end in the spec's TOOMANYREQUESTS error. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OciFailedLoginTest {

    /** Wrong passwords in a row until the next check waits: one free, and the one whose failure starts the wait. */
    private static final int LIMIT = 2;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
        registry.add("wharf.auth.failed-logins.free-failures", () -> String.valueOf(LIMIT - 1));
        registry.add("wharf.auth.failed-logins.first-delay", () -> "10m");
        registry.add("wharf.auth.failed-logins.max-delay", () -> "10m");
    }

    @Autowired
    private WebTestClient client;

    @Test
    void tooManyWrongPasswordsOnARepositoryAnswerTooManyRequestsWithRetryAfter() {
        String url = "/v2/" + OciTestRuntime.IMAGES + "/app/tags/list";
        sendWrongPasswordsUpToTheLimit(url, TestRuntime.READER);

        expectTooManyRequests(url, TestRuntime.READER)
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message)
                        .contains("2 wrong passwords in a row for user '" + TestRuntime.READER + "'")
                        .containsPattern("try again in \\d+ s"));
    }

    @Test
    void tooManyWrongPasswordsAtTheTokenEndpointAnswerTooManyRequests() {
        String url = "/v2/token?service=wharf&scope=repository:" + OciTestRuntime.IMAGES + "/app:pull";
        sendWrongPasswordsUpToTheLimit(url, TestRuntime.WRITER);

        expectTooManyRequests(url, TestRuntime.WRITER);
        get(url, basic(TestRuntime.ADMIN, TestRuntime.PASSWORD)).expectStatus().isOk();
    }

    /** The right password of {@code user} is answered 429 TOOMANYREQUESTS with Retry-After; the body, to go on. */
    private WebTestClient.BodyContentSpec expectTooManyRequests(String url, String user) {
        return get(url, basic(user, TestRuntime.PASSWORD))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("TOOMANYREQUESTS");
    }

    private void sendWrongPasswordsUpToTheLimit(String url, String user) {
        for (int i = 0; i < LIMIT; i++) {
            get(url, basic(user, "wrong")).expectStatus().isUnauthorized();
        }
    }

    private WebTestClient.ResponseSpec get(String url, String authorization) {
        return client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
