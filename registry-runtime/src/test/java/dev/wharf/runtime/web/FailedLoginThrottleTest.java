package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Wrong passwords are throttled per user and client address on every kind of route: after the limit the runtime
 * answers 429 with {@code Retry-After} in the route's own error format, without checking the password, even a right one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class FailedLoginThrottleTest {

    private static final int LIMIT = 3;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
        registry.add("wharf.auth.failed-logins.limit", () -> String.valueOf(LIMIT));
        registry.add("wharf.auth.failed-logins.lockout", () -> "10m");
    }

    @Autowired
    private WebTestClient client;

    @Test
    void afterTheLimitOfWrongPasswordsEvenTheRightOneGets429WithRetryAfter() {
        String user = TestRuntime.READER;
        String url = "/generic/files/app/1.0.0/missing.txt";
        for (int i = 0; i < LIMIT; i++) {
            get(url, basic(user, "wrong-" + i)).expectStatus().isUnauthorized();
        }

        get(url, basic(user, TestRuntime.PASSWORD))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(1L, 600L))
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Too many failed logins")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .contains("user '" + user + "'")
                        .contains("try again in")
                        .doesNotContain(TestRuntime.PASSWORD));
    }

    @Test
    void theLockoutIsPerUserAndTheOtherUsersStillGetIn() {
        for (int i = 0; i < LIMIT; i++) {
            get("/api/v1/registries", basic(TestRuntime.WRITER, "wrong"))
                    .expectStatus()
                    .isUnauthorized();
        }
        get("/api/v1/registries", basic(TestRuntime.WRITER, TestRuntime.PASSWORD))
                .expectStatus()
                .isEqualTo(429);

        get("/api/v1/registries", basic(TestRuntime.DELETER, TestRuntime.PASSWORD))
                .expectStatus()
                .isOk();
    }

    @Test
    void aRightPasswordBeforeTheLimitStartsTheCountOver() {
        String user = TestRuntime.ADMIN;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < LIMIT - 1; i++) {
                get("/api/v1/registries", basic(user, "wrong")).expectStatus().isUnauthorized();
            }
            get("/api/v1/registries", basic(user, TestRuntime.PASSWORD))
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void unknownUsersAreThrottledLikeKnownOnes() {
        String user = "nobody-" + UUID.randomUUID();
        for (int i = 0; i < LIMIT; i++) {
            get("/api/v1/registries", basic(user, "guess-" + i)).expectStatus().isUnauthorized();
        }

        get("/api/v1/registries", basic(user, "guess")).expectStatus().isEqualTo(429);
    }

    private WebTestClient.ResponseSpec get(String url, String authorization) {
        return client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .exchange();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
