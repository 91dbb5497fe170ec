package dev.wharf.runtime.pypi;

import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pure pypi proxy ({@code pypi-proxy}) in front of a second runtime's hosted registry: its pages come back with every
 * file URL pointing at the proxy and the upstream's hashes, requires-python and metadata links kept; pip installs
 * through it in hash-checking mode, and the files it fetched are kept and served once the upstream is gone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PypiProxyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    private static ConfigurableApplicationContext upstream;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        upstream = PypiTestRuntime.start(root.resolve("upstream"));
        PypiTestRuntime.configure(
                registry, root.resolve("proxy"), PypiTestRuntime.base(upstream) + "/pypi/" + PypiTestRuntime.PUBLIC);
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null && upstream.isActive()) {
            upstream.close();
        }
    }

    @Test
    void pipInstallWhenProjectIsUpstreamShouldFetchThroughTheProxyAndKeepTheFiles() throws Exception {
        Path python = Clients.python("3.11");
        Assumptions.assumeTrue(python != null, "no Python 3.11 under pyenv; skipped");
        Path wheel = TestDistributions.wheel(work, "proxied-lib", "2.0");
        String sha256 = TestDistributions.sha256Hex(wheel);
        HttpResponse<String> uploaded = Uploads.post(
                PypiTestRuntime.base(upstream) + "/pypi/" + PypiTestRuntime.PUBLIC + "/",
                basic(WRITER),
                Uploads.body(
                        Uploads.fields("proxied-lib", "2.0", "bdist_wheel", sha256),
                        wheel.getFileName().toString(),
                        Files.readAllBytes(wheel)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);

        HttpResponse<String> page = get("/pypi/pypi-proxy/simple/proxied-lib/", "application/vnd.pypi.simple.v1+json");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("x-wharf-source")).hasValue("upstream-pypi");
        JsonNode file = JSON.readTree(page.body()).path("files").get(0);
        assertThat(file.path("url").asString())
                .isEqualTo("../../files/proxied-lib/2.0/proxied_lib-2.0-py3-none-any.whl");
        assertThat(file.path("hashes").path("sha256").asString()).isEqualTo(sha256);
        assertThat(file.path("requires-python").asString()).isEqualTo(">=3.7");
        assertThat(file.path("core-metadata").path("sha256").asString()).hasSize(64);
        assertThat(file.has(ProjectPage.UPSTREAM_URL)).isFalse();
        HttpResponse<String> html = get("/pypi/pypi-proxy/simple/proxied-lib/", "text/html");
        assertThat(html.body())
                .contains("href=\"../../files/proxied-lib/2.0/proxied_lib-2.0-py3-none-any.whl#sha256=" + sha256 + "\"")
                .contains("data-requires-python=\"&gt;=3.7\"");

        Path requirements = work.resolve("requirements.txt");
        Files.writeString(requirements, "proxied-lib==2.0 --hash=sha256:" + sha256 + "\n");
        Clients.Result install = Clients.run(
                work,
                List.of(
                        python.toString(),
                        "-m",
                        "pip",
                        "install",
                        "--no-cache-dir",
                        "--require-hashes",
                        "--index-url",
                        "http://localhost:" + port + "/pypi/pypi-proxy/simple/",
                        "--target",
                        work.resolve("site").toString(),
                        "-r",
                        requirements.toString()));
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(work.resolve("site/proxied_lib/__init__.py")).exists();
        HttpResponse<String> version = get("/api/v1/registries/pypi-proxy/packages/proxied-lib/versions/2.0", "*/*");
        assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
        assertThat(Instant.parse(
                        JSON.readTree(version.body()).path("publishedAt").asString()))
                .as("the upstream's PEP 700 upload-time, kept")
                .isEqualTo(Instant.parse(file.path("upload-time").asString()));

        upstream.close();
        HttpResponse<String> kept = get("/pypi/pypi-proxy/files/proxied-lib/2.0/" + wheel.getFileName(), "*/*");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.headers().firstValue("x-checksum-sha256")).hasValue(sha256);
        assertThat(kept.headers().firstValue("x-wharf-source")).hasValue("upstream-pypi");
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept", accept)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
