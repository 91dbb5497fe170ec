package dev.wharf.runtime.robustness;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime killed with SIGKILL while uploads are in flight, then started again on the same data directory
 * (filesystem blobs, H2 file database): every upload it had answered 201 is there with its exact bytes, none of the
 * interrupted ones is visible, and the temporary files they left are never served and are removed once stale.
 */
class CrashDuringUploadsTest {

    private static final int MIB = 1024 * 1024;
    private static final int UPLOADS = 20;

    @TempDir
    Path root;

    /** One upload: finished ones send their whole body, interrupted ones stop after the first MiB. */
    record Upload(String pkg, byte[] content, boolean finishes) {

        String target() {
            return "/generic/files/" + pkg + "/1.0/" + pkg + ".bin";
        }
    }

    @Test
    void restartAfterSigkillShouldServeEveryAcknowledgedUploadAndNoInterruptedOne() throws Exception {
        Path config = root.resolve("config");
        Path data = root.resolve("data");
        Path uploadsDir = data.resolve(StoredState.UPLOADS);
        TestRuntime.writeConfiguration(config);
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            String pkg = "crash-" + i;
            uploads.add(new Upload(pkg, TestBytes.of(pkg, (2 + i % 3) * MIB), i % 2 == 0));
        }
        List<Upload> finished = uploads.stream().filter(Upload::finishes).toList();
        List<Upload> interrupted =
                uploads.stream().filter(upload -> !upload.finishes()).toList();

        RuntimeProcess first = RuntimeProcess.start(config, data, root.resolve("secrets"), root.resolve("first.log"));
        CountDownLatch killed = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                RawHttp http = new RawHttp(first.port());
                for (Upload upload : interrupted) {
                    clients.submit(() -> sendPartly(http, upload, killed));
                }
                // Every interrupted upload is being written to a temporary file.
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> StoredState.files(uploadsDir).size() == interrupted.size());
                List<Future<Integer>> statuses = new ArrayList<>();
                for (Upload upload : finished) {
                    statuses.add(
                            clients.submit(() -> http.exchange("PUT", upload.target(), basic(WRITER), upload.content())
                                    .status()));
                }
                for (Future<Integer> status : statuses) {
                    assertThat(status.get()).as(first::logTail).isEqualTo(201);
                }
                // Killed the moment the last one is acknowledged: nothing acknowledged may wait for a later flush.
                first.kill();
            } finally {
                first.close();
                killed.countDown();
            }
        }

        Set<String> leftovers = StoredState.files(uploadsDir);
        assertThat(leftovers)
                .as("the temporary files of the interrupted uploads")
                .hasSize(interrupted.size());
        // Half of them made to look two days old: the cleaner takes those for leftovers of a crash long ago.
        List<Path> stale = leftovers.stream()
                .limit(interrupted.size() / 2)
                .map(uploadsDir::resolve)
                .toList();
        for (Path file : stale) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }

        try (RuntimeProcess second =
                RuntimeProcess.start(config, data, root.resolve("secrets"), root.resolve("second.log"))) {
            RawHttp http = new RawHttp(second.port());
            for (Upload upload : finished) {
                RawHttp.Response download = http.exchange("GET", upload.target(), basic(READER), new byte[0]);
                assertThat(download.status())
                        .as(() -> upload.pkg() + ": " + second.logTail())
                        .isEqualTo(200);
                assertThat(TestBytes.sha256(download.body())).isEqualTo(TestBytes.sha256(upload.content()));
            }
            for (Upload upload : interrupted) {
                RawHttp.Response download = http.exchange("GET", upload.target(), basic(READER), new byte[0]);
                assertThat(download.status())
                        .as("%s: %s", upload.pkg(), download)
                        .isEqualTo(404);
            }
            assertThat(StoredState.packageNames(http, "files"))
                    .containsExactlyInAnyOrderElementsOf(
                            finished.stream().map(Upload::pkg).toList());
            assertThat(StoredState.files(uploadsDir))
                    .as("the stale temporary files are removed at start, the fresh ones kept")
                    .hasSize(interrupted.size() - stale.size())
                    .noneMatch(file -> stale.contains(uploadsDir.resolve(file)));
            RawHttp.Response readiness = http.exchange("GET", "/actuator/health/readiness", "", new byte[0]);
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().get("status").asString()).isEqualTo("UP");

            Upload retried = interrupted.getFirst();
            assertThat(http.exchange("PUT", retried.target(), basic(WRITER), retried.content())
                            .status())
                    .isEqualTo(201);
        }
    }

    /** Sends the head and the first MiB of the body, then waits for the runtime to be killed; never finishes. */
    private static int sendPartly(RawHttp http, Upload upload, CountDownLatch killed) {
        try (Socket socket = http.open()) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head(
                            "PUT",
                            upload.target(),
                            "Authorization: " + basic(WRITER),
                            "Content-Length: " + upload.content().length)
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(upload.content(), 0, MIB);
            out.flush();
            killed.await();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
