package dev.wharf.runtime.npm;

import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.Curl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The tarball URLs of packuments, hosted and proxied, point where the client reached Wharf: through a reverse proxy
 * trusted by {@code wharf.forwarded.trusted-proxies} (real nginx, with a path prefix) at the proxy's scheme, host and
 * prefix; at the Registry's {@code spec.expose} URL when the request came to its host; else at the request's host,
 * whatever an untrusted peer's {@code X-Forwarded-*} say. {@code npm-mirror} proxies this runtime's own
 * {@code npm-public}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class NpmTarballUrlsTest {

    private static final int PORT = ReverseProxy.freePort();
    private static final String MIRROR = "npm-mirror";
    private static final String EXPOSED = "npm-exposed";

    @TempDir
    static Path root;

    @TempDir
    Path work;

    private static ReverseProxy nginx;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        NpmTestRuntime.configure(registry, root);
        registry.add("server.port", () -> PORT);
        // Only IPv4 loopback is trusted: the same runtime reached over [::1] is an untrusted peer.
        registry.add("wharf.forwarded.trusted-proxies", () -> "127.0.0.1/32");
        String anonymous = NpmTestRuntime.ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n");
        NpmTestRuntime.write(root.resolve("config"), "urls.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %1$s
                spec:
                  format: npm
                  upstreamProxies: [self]
                %3$s---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: self
                spec:
                  format: npm
                  url: http://127.0.0.1:%4$d/npm/npm-public
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %2$s
                spec:
                  format: npm
                  expose:
                    host: npm.example.test
                    tls: {secretName: npm-tls}
                %3$s""".formatted(MIRROR, EXPOSED, anonymous, PORT));
    }

    private static boolean published;

    /** The packages, published once the runtime is up (before each test, as the context starts before the first). */
    @BeforeEach
    void publish() throws Exception {
        synchronized (NpmTarballUrlsTest.class) {
            if (!published) {
                put(NpmTestRuntime.PUBLIC, "url-leaf");
                put(EXPOSED, "url-exposed");
                published = true;
            }
        }
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    private static synchronized ReverseProxy nginx() throws Exception {
        Assumptions.assumeTrue(ReverseProxy.available(), "nginx is not installed; skipped");
        if (nginx == null) {
            nginx = ReverseProxy.start(root.resolve("nginx"), "/mirror", PORT);
        }
        return nginx;
    }

    @Test
    void npmInstallThroughATrustedReverseProxyShouldLockTarballUrlsAtTheProxysHostAndPrefix() throws Exception {
        Assumptions.assumeTrue(NpmCli.available("npm"), "npm is not installed; skipped");
        String front = "http://127.0.0.1:" + nginx().port() + "/mirror/npm/";
        for (String registry : new String[] {NpmTestRuntime.PUBLIC, MIRROR}) {
            Path app = work.resolve("app-" + registry);
            Files.createDirectories(app);
            Files.writeString(app.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.0.0\"}");
            NpmCli npm = new NpmCli(work.resolve("home-" + registry));
            npm.configure(front + registry + "/");
            NpmCli.Result installed = npm.npm(app, "install", "url-leaf@^1.0.0");
            assertThat(installed.exitCode()).as(installed.all()).isZero();
            assertThat(app.resolve("package-lock.json"))
                    .content()
                    .contains("\"resolved\": \"" + front + registry + "/url-leaf/-/url-leaf-1.0.0.tgz\"");
        }
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerShouldBeIgnored() throws Exception {
        for (String registry : new String[] {NpmTestRuntime.PUBLIC, MIRROR}) {
            Curl.Result got = Curl.get(
                    work,
                    "http://[::1]:" + PORT + "/npm/" + registry + "/url-leaf",
                    WRITER,
                    "-H",
                    "X-Forwarded-Proto: https",
                    "-H",
                    "X-Forwarded-Host: evil.example",
                    "-H",
                    "X-Forwarded-Prefix: /evil");
            assertThat(got.status()).as(new String(got.body())).isEqualTo(200);
            assertThat(tarball(got.body()))
                    .isEqualTo("http://[::1]:" + PORT + "/npm/" + registry + "/url-leaf/-/url-leaf-1.0.0.tgz");
        }
    }

    @Test
    void forwardedHeadersFromATrustedPeerShouldNameSchemeHostPortAndPrefix() throws Exception {
        Curl.Result got = Curl.get(
                work,
                "http://127.0.0.1:" + PORT + "/npm/" + MIRROR + "/url-leaf",
                WRITER,
                "-H",
                "X-Forwarded-Proto: https",
                "-H",
                "X-Forwarded-Host: registry.example.test:8443",
                "-H",
                "X-Forwarded-Prefix: /ingress/");
        assertThat(got.status()).as(new String(got.body())).isEqualTo(200);
        assertThat(tarball(got.body()))
                .isEqualTo(
                        "https://registry.example.test:8443/ingress/npm/" + MIRROR + "/url-leaf/-/url-leaf-1.0.0.tgz");
        Curl.Result rfc7239 = Curl.get(
                work,
                "http://127.0.0.1:" + PORT + "/npm/" + NpmTestRuntime.PUBLIC + "/url-leaf",
                WRITER,
                "-H",
                "Forwarded: for=192.0.2.1;proto=https;host=npm.example.org");
        assertThat(tarball(rfc7239.body()))
                .isEqualTo("https://npm.example.org/npm/" + NpmTestRuntime.PUBLIC + "/url-leaf/-/url-leaf-1.0.0.tgz");
    }

    @Test
    void aRequestToTheExposedHostShouldGetTheRegistrysExternalUrl() throws Exception {
        Curl.Result got = Curl.get(
                work,
                "http://[::1]:" + PORT + "/npm/" + EXPOSED + "/url-exposed",
                WRITER,
                "-H",
                "Host: npm.example.test");
        assertThat(got.status()).as(new String(got.body())).isEqualTo(200);
        assertThat(tarball(got.body()))
                .isEqualTo("https://npm.example.test/npm/" + EXPOSED + "/url-exposed/-/url-exposed-1.0.0.tgz");
        Curl.Result inside = Curl.get(work, "http://[::1]:" + PORT + "/npm/" + EXPOSED + "/url-exposed", WRITER);
        assertThat(tarball(inside.body()))
                .isEqualTo("http://[::1]:" + PORT + "/npm/" + EXPOSED + "/url-exposed/-/url-exposed-1.0.0.tgz");
    }

    @Test
    void aProxiedPackumentReachedAtTwoUrlsShouldBeCachedOnceForEach() throws Exception {
        String[] hosts = {"one.example.test", "two.example.test"};
        for (int round = 0; round < 2; round++) {
            for (String host : hosts) {
                Curl.Result got = Curl.get(
                        work,
                        "http://127.0.0.1:" + PORT + "/npm/" + MIRROR + "/url-leaf",
                        WRITER,
                        "-H",
                        "X-Forwarded-Host: " + host,
                        "-H",
                        "Accept: application/vnd.npm.install-v1+json");
                assertThat(tarball(got.body()))
                        .isEqualTo("http://" + host + "/npm/" + MIRROR + "/url-leaf/-/url-leaf-1.0.0.tgz");
                assertThat(got.header("X-Wharf-Cache"))
                        .as("round %d, %s", round, host)
                        .contains(round == 0 ? "MISS" : "HIT");
            }
        }
    }

    private static String tarball(byte[] packument) {
        JsonNode document = PublishBody.JSON.readTree(packument);
        return document.path("versions")
                .path("1.0.0")
                .path("dist")
                .path("tarball")
                .asString();
    }

    private static void put(String registry, String name) throws Exception {
        byte[] tarball = NpmPackage.packed(name, "1.0.0");
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/npm/" + registry + "/" + name))
                            .header("Authorization", basic(WRITER))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(
                                    NpmPackage.publishDocument(name, "1.0.0", tarball)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }
}
