package dev.wharf.runtime.robustness;

import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * An uploader that goes away in the middle of its body, announced by {@code Content-Length} or sent chunked: the
 * partial content never becomes a file, its temporary data is removed, the same upload succeeds afterwards, and the
 * runtime does not log the client's going away as an error of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DisconnectMidUploadTest {

    private static final int MIB = 1024 * 1024;
    private static final int DECLARED = 10 * MIB;
    private static final int SENT = 3 * MIB;
    private static final int CHUNK = 64 * 1024;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @LocalServerPort
    private int port;

    private RawHttp http;
    private Path dataDir;

    @BeforeEach
    void connect() {
        http = new RawHttp(port);
        dataDir = root.resolve("data");
    }

    @Test
    void uploadWhenClientDisconnectsBeforeContentLengthShouldStoreNothingAndAllowARetry(CapturedOutput output)
            throws IOException {
        String pkg = "cut-" + UUID.randomUUID();
        String target = "/generic/files/" + pkg + "/1.0/big.bin";
        byte[] content = TestBytes.of(pkg, DECLARED);
        Set<String> before = StoredState.storageFiles(dataDir);

        try (Socket socket = http.open()) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii(
                    RawHttp.head("PUT", target, "Authorization: " + basic(WRITER), "Content-Length: " + DECLARED)));
            out.write(content, 0, SENT);
            out.flush();
            awaitUploadInProgress();
        }

        assertAbandoned(pkg, target, before);
        assertRetrySucceeds(target, content);
        assertThat(output.getAll()).doesNotContain("A request failed unexpectedly", "Storage failed");
    }

    @Test
    void uploadWhenChunkedBodyIsCutOffShouldStoreNothingAndAllowARetry(CapturedOutput output) throws IOException {
        String pkg = "cut-chunked-" + UUID.randomUUID();
        String target = "/generic/files/" + pkg + "/1.0/big.bin";
        byte[] content = TestBytes.of(pkg, DECLARED);
        Set<String> before = StoredState.storageFiles(dataDir);

        try (Socket socket = http.open()) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii(
                    RawHttp.head("PUT", target, "Authorization: " + basic(WRITER), "Transfer-Encoding: chunked")));
            for (int offset = 0; offset < SENT; offset += CHUNK) {
                out.write(ascii(Integer.toHexString(CHUNK) + "\r\n"));
                out.write(content, offset, CHUNK);
                out.write(ascii("\r\n"));
            }
            // Half of a last chunk, and never the terminating zero-length chunk.
            out.write(ascii(Integer.toHexString(CHUNK) + "\r\n"));
            out.write(content, SENT, CHUNK / 2);
            out.flush();
            awaitUploadInProgress();
        }

        assertAbandoned(pkg, target, before);
        assertRetrySucceeds(target, content);
        assertThat(output.getAll()).doesNotContain("A request failed unexpectedly", "Storage failed");
    }

    /** The runtime is writing the upload to a temporary file: the partial body did reach storage. */
    private void awaitUploadInProgress() {
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        !StoredState.files(dataDir.resolve(StoredState.UPLOADS)).isEmpty());
    }

    /** No temporary file is left, no blob was added, and the file is neither served nor listed. */
    private void assertAbandoned(String pkg, String target, Set<String> storageBefore) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(StoredState.storageFiles(dataDir))
                        .as("blobs and temporary uploads once the upload was abandoned")
                        .isEqualTo(storageBefore));

        RawHttp.Response download = http.exchange("GET", target, basic(WRITER), new byte[0]);
        assertThat(download.status()).as("%s", download).isEqualTo(404);
        assertThat(download.json().get("detail").asString()).isEqualTo("registry 'files' has no package '" + pkg + "'");
        assertThat(StoredState.packageNames(http, "files")).doesNotContain(pkg);
    }

    private void assertRetrySucceeds(String target, byte[] content) {
        RawHttp.Response upload = http.exchange("PUT", target, basic(WRITER), content);
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);

        RawHttp.Response download = http.exchange("GET", target, basic(WRITER), new byte[0]);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("X-Checksum-Sha256")).isEqualTo(TestBytes.sha256(content));
        assertThat(TestBytes.sha256(download.body())).isEqualTo(TestBytes.sha256(content));
        assertThat(StoredState.files(dataDir.resolve(StoredState.UPLOADS))).isEmpty();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
