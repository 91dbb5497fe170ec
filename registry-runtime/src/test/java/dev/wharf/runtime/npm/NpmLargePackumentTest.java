package dev.wharf.runtime.npm;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.runtime.testing.Curl;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A packument of about 30 MB (3,000 versions, as {@code @types/node} or {@code aws-sdk} have) from a local upstream
 * through {@code npm-big}: served whole and rewritten, gzipped when asked (once, then kept), kept in memory once, and
 * its cache hits, identity and gzipped, allocate no copy of it (WebFlux on Netty would copy a buffer of another kind
 * whole for each response). {@link PackumentTransformTest} bounds what its rewrite allocates.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NpmLargePackumentTest {

    private static final int VERSIONS = 3000;
    private static final String REGISTRY = "npm-big";

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    private static HttpServer upstream;
    private static Path packument;
    private static final AtomicInteger ASKED = new AtomicInteger();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        NpmTestRuntime.configure(registry, root);
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int upstreamPort = upstream.getAddress().getPort();
        packument = root.resolve("big-package.json");
        write(packument, "http://127.0.0.1:" + upstreamPort);
        // Every package name is answered with the same document: each name is a cache miss of its own.
        upstream.createContext("/", exchange -> {
            ASKED.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, Files.size(packument));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(packument, out);
            }
        });
        upstream.start();
        NpmTestRuntime.write(root.resolve("config"), "big.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %s
                spec:
                  format: npm
                  upstreamProxies: [big-upstream]
                %s---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: big-upstream
                spec:
                  format: npm
                  url: http://127.0.0.1:%d
                  cache:
                    metadataTTL: 1h
                """.formatted(
                        REGISTRY,
                        NpmTestRuntime.ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n"),
                        upstreamPort));
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    private String url(String name) {
        return "http://127.0.0.1:" + port + "/npm/" + REGISTRY + "/" + name;
    }

    @Test
    void aThirtyMegabytePackumentShouldBeServedWholeWithItsTarballsRewrittenAndGzippedWhenAsked() throws Exception {
        Curl.Result plain = Curl.get(work, url("big-package"), READER);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("X-Wharf-Cache")).contains("MISS");
        assertThat(plain.body().length).isGreaterThan(30_000_000);
        assertThat(tarballs(plain.body(), "http://127.0.0.1:" + port + "/npm/" + REGISTRY + "/big-package/-/"))
                .isEqualTo(VERSIONS);
        String etag = plain.header("ETag").orElseThrow();

        Curl.Result gzipped = Curl.get(work, url("big-package"), READER, "-H", "Accept-Encoding: gzip");
        assertThat(gzipped.status()).isEqualTo(200);
        assertThat(gzipped.header("Content-Encoding")).contains("gzip");
        assertThat(gzipped.header("ETag")).contains("W/" + etag);
        assertThat(gzipped.header("X-Wharf-Cache")).contains("HIT");
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 4);
        try (InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertThat(sha256(inflated)).isEqualTo(sha256(new java.io.ByteArrayInputStream(plain.body())));
        }

        Curl.Result unchanged = Curl.get(
                work, url("big-package"), READER, "-H", "Accept-Encoding: gzip", "-H", "If-None-Match: W/" + etag);
        assertThat(unchanged.status()).isEqualTo(304);
        Curl.Result abbreviated =
                Curl.get(work, url("big-package"), READER, "-H", "Accept: application/vnd.npm.install-v1+json");
        assertThat(abbreviated.status()).isEqualTo(200);
        assertThat(tarballs(abbreviated.body(), "http://127.0.0.1:" + port + "/npm/" + REGISTRY + "/big-package/-/"))
                .isEqualTo(VERSIONS);
    }

    @Test
    void hitsOfAThirtyMegabytePackumentIdentityAndGzippedShouldAllocateNoCopyOfIt() throws Exception {
        long size = Files.size(packument);
        int before = ASKED.get();
        long heapBefore = heapAfterGc();
        long missed = allocatedDuring(() -> get("big-hits", "identity"));
        get("big-hits", "gzip");
        long retained = heapAfterGc() - heapBefore;
        assertThat(ASKED.get()).isEqualTo(before + 1);

        long hits = allocatedDuring(() -> {
            for (int i = 0; i < 10; i++) {
                get("big-hits", "identity");
                get("big-hits", "gzip");
            }
        });
        assertThat(ASKED.get()).isEqualTo(before + 1);
        System.out.printf(
                "packument of %d bytes: its miss allocated %d bytes (%.1fx), %d bytes kept after it, 20 hits"
                        + " allocated %d bytes%n",
                size, missed, (double) missed / size, retained, hits);
        assertThat(hits).as("bytes allocated by 20 hits").isLessThan(size / 2);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A GET with curl, the body thrown away: the test's JVM allocates nothing for it. */
    private void get(String name, String encoding) {
        try {
            Process curl = new ProcessBuilder(
                            "curl",
                            "-sS",
                            "-o",
                            "/dev/null",
                            "-w",
                            "%{http_code}",
                            "-H",
                            "Accept-Encoding: " + encoding,
                            url(name))
                    .start();
            String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(curl.waitFor()).isZero();
            assertThat(status).isEqualTo("200");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bytes every thread of this JVM allocated while {@code work} ran. */
    private static long allocatedDuring(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getTotalThreadAllocatedBytes();
        work.run();
        return threads.getTotalThreadAllocatedBytes() - before;
    }

    /** How many {@code versions.*.dist.tarball} start with {@code prefix}, read token by token. */
    private static int tarballs(byte[] document, String prefix) {
        int count = 0;
        try (JsonParser parser = PublishBody.JSON.createParser(document)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING && "tarball".equals(parser.currentName())) {
                    assertThat(parser.getString()).startsWith(prefix);
                    count++;
                }
            }
        }
        return count;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A packument of {@value #VERSIONS} versions of about 10 kB each, as an upstream writes it. */
    private static void write(Path file, String upstream) throws IOException {
        String padding = "lorem ipsum dolor sit amet ".repeat(360);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"_id\":\"big-package\",\"name\":\"big-package\",\"dist-tags\":{\"latest\":\"" + (VERSIONS - 1)
                    + ".0.0\"},\"versions\":{");
            for (int i = 0; i < VERSIONS; i++) {
                String version = i + ".0.0";
                out.write((i == 0 ? "" : ",") + "\"" + version + "\":{\"name\":\"big-package\",\"version\":\"" + version
                        + "\",\"description\":\"" + padding + i + "\",\"dependencies\":{\"left-pad\":\"^1.0.0\"},"
                        + "\"dist\":{\"shasum\":\"" + "%040x".formatted(i) + "\",\"integrity\":\"sha512-" + i
                        + "\",\"tarball\":\"" + upstream + "/big-package/-/big-package-" + version + ".tgz\"}}");
            }
            out.write("},\"time\":{\"created\":\"2020-01-01T00:00:00.000Z\"");
            for (int i = 0; i < VERSIONS; i++) {
                out.write(",\"" + i + ".0.0\":\"2020-01-01T00:00:00.000Z\"");
            }
            out.write("}}");
        }
    }
}
