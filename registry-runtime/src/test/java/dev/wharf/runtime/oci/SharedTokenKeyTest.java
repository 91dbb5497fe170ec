package dev.wharf.runtime.oci;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replicas on one metadata database sign docker tokens with one key, with no {@code wharf.oci.token-key} set: a token
 * from one is accepted by the other (docker may send its next request to any replica behind the Service).
 */
class SharedTokenKeyTest {

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTokenIssuedByOneReplicaIsAcceptedByAnotherOnTheSameDatabase() throws Exception {
        try (ConfigurableApplicationContext one = OciTestRuntime.start(root);
                ConfigurableApplicationContext other = OciTestRuntime.start(root)) {
            HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(
                            OciTestRuntime.base(one) + "/v2/token?service=wharf&scope=repository:images/app:pull"))
                    .header("Authorization", basic(READER)));
            assertThat(issued.statusCode()).isEqualTo(200);
            Matcher token = TOKEN.matcher(issued.body());
            assertThat(token.find()).as(issued.body()).isTrue();

            HttpResponse<String> tags =
                    send(HttpRequest.newBuilder(URI.create(OciTestRuntime.base(other) + "/v2/images/app/tags/list"))
                            .header("Authorization", "Bearer " + token.group(1)));

            assertThat(tags.statusCode())
                    .as("the other replica knows the token (404: no such repository yet), it does not refuse it (401)")
                    .isEqualTo(404);
        }
    }

    @Test
    void aForgedTokenIsStillRefused() throws Exception {
        try (ConfigurableApplicationContext one = OciTestRuntime.start(root)) {
            HttpResponse<String> tags =
                    send(HttpRequest.newBuilder(URI.create(OciTestRuntime.base(one) + "/v2/images/app/tags/list"))
                            .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"));

            assertThat(tags.statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
