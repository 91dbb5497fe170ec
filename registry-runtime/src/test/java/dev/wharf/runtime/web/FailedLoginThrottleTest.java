package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Wrong passwords in a row make the next check of that user from that client address wait, on every kind of route:
 * while it waits the runtime answers 429 with {@code Retry-After} in the route's own error format, without checking
 * the password, even a right one; the same user from another address gets in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class FailedLoginThrottleTest {

    private static final int FREE = 3;
    /** The free failures and the one whose failure starts the wait. */
    private static final int UNTIL_THE_WAIT = FREE + 1;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
        registry.add("wharf.auth.failed-logins.free-failures", () -> String.valueOf(FREE));
        registry.add("wharf.auth.failed-logins.first-delay", () -> "10m");
        registry.add("wharf.auth.failed-logins.max-delay", () -> "10m");
        registry.add("wharf.auth.failed-logins.forget-after", () -> "1h");
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Test
    void afterTheFreeWrongPasswordsEvenTheRightOneGets429WithRetryAfterAndHowLongToWait() {
        String user = TestRuntime.READER;
        String url = "/generic/files/app/1.0.0/missing.txt";
        for (int i = 0; i < UNTIL_THE_WAIT; i++) {
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
                        .startsWith("4 wrong passwords in a row for user '" + user + "' from this address: to slow"
                                + " down password guessing, each failure after the first 3 makes the next check from"
                                + " here wait (600 s, doubling up to 600 s); try again in ")
                        .endsWith(" s, and the right password then clears the count")
                        .doesNotContainIgnoringCase("token")
                        .doesNotContain(TestRuntime.PASSWORD));
    }

    @Test
    void theWaitIsPerUserAndTheOtherUsersStillGetIn() {
        for (int i = 0; i < UNTIL_THE_WAIT; i++) {
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
    void theWaitIsPerClientAddressAndTheRightPasswordFromAnotherAddressGetsIn() throws Exception {
        for (int i = 0; i < UNTIL_THE_WAIT; i++) {
            assertThat(status("127.0.0.1", basic(TestRuntime.ADMIN, "wrong"))).isEqualTo(401);
        }
        assertThat(status("127.0.0.1", basic(TestRuntime.ADMIN, TestRuntime.PASSWORD)))
                .isEqualTo(429);

        assertThat(status("127.0.0.2", basic(TestRuntime.ADMIN, TestRuntime.PASSWORD)))
                .isEqualTo(200);
    }

    @Test
    void aRightPasswordWithinTheFreeFailuresStartsTheCountOver() {
        String user = TestRuntime.DELETER;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < FREE; i++) {
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
        for (int i = 0; i < UNTIL_THE_WAIT; i++) {
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

    /** The status of {@code GET /api/v1/registries} sent from the loopback address {@code from}. */
    private int status(String from, String authorization) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(from))
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/registries"))
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
