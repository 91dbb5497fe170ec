package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A chunked upload goes on after the runtime restarts: its state is in the database, its bytes in storage. */
class UploadResumeTest {

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUploadStartedBeforeARestartCompletesAfterIt() throws Exception {
        byte[] layer = blob(4000);
        String repository = "/v2/images/team/resumed";
        String location;
        try (ConfigurableApplicationContext first = OciTestRuntime.start(root)) {
            String base = OciTestRuntime.base(first);
            HttpResponse<String> started =
                    send(HttpRequest.newBuilder(URI.create(base + repository + "/blobs/uploads/"))
                            .header("Authorization", basic(WRITER))
                            .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(started.statusCode()).isEqualTo(202);
            location = started.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> chunk = send(HttpRequest.newBuilder(URI.create(base + location))
                    .header("Authorization", basic(WRITER))
                    .header("Content-Range", "0-2499")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(layer, 0, 2500))));
            assertThat(chunk.statusCode()).isEqualTo(202);
        }

        try (ConfigurableApplicationContext second = OciTestRuntime.start(root)) {
            String base = OciTestRuntime.base(second);
            HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(base + location))
                    .header("Authorization", basic(WRITER))
                    .GET());
            assertThat(status.statusCode()).isEqualTo(204);
            assertThat(status.headers().firstValue("Range")).contains("0-2499");
            HttpResponse<String> finished =
                    send(HttpRequest.newBuilder(URI.create(base + location + "?digest=" + digest(layer)))
                            .header("Authorization", basic(WRITER))
                            .header("Content-Range", "2500-3999")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(layer, 2500, 4000))));
            assertThat(finished.statusCode()).isEqualTo(201);
            HttpResponse<byte[]> pulled = http.send(
                    HttpRequest.newBuilder(URI.create(base + repository + "/blobs/" + digest(layer)))
                            .header("Authorization", basic(READER))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pulled.body()).isEqualTo(layer);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
