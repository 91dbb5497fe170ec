package dev.wharf.runtime.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pypi proxy of a static PEP 503 tree (HTML pages only, as a plain web server serves them) whose files are on
 * another host and port, as PyPI's are on files.pythonhosted.org: the index is the JDK's file server on {@code
 * localhost}, the files a second one on {@code 127.0.0.1}, allowed by the UpstreamProxy's {@code spec.fileHosts}. pip
 * installs through the proxy in hash-checking mode; a file whose bytes differ from the page's sha256 is refused and
 * not kept; a file from a host not allowed is not fetched; the files' Last-Modified is kept as their upload time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PypiStaticTreeProxyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant UPLOADED = Instant.parse("2021-03-04T05:06:07Z");

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    private static HttpServer index;
    private static HttpServer files;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        try {
            Path tree = root.resolve("tree");
            Path packages = root.resolve("packages");
            Files.createDirectories(tree.resolve("simple"));
            Files.createDirectories(packages);
            files = SimpleFileServer.createFileServer(
                    new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                    packages,
                    SimpleFileServer.OutputLevel.NONE);
            files.start();
            index = SimpleFileServer.createFileServer(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    tree,
                    SimpleFileServer.OutputLevel.NONE);
            index.start();
            publish(tree, packages, "static-lib", "1.0", false);
            publish(tree, packages, "static-lib", "1.1", false);
            publish(tree, packages, "tampered-lib", "1.0", true);
            Path foreign = tree.resolve("simple/foreign-lib");
            Files.createDirectories(foreign);
            Files.writeString(
                    foreign.resolve("index.html"),
                    "<!DOCTYPE html><html><body><a href=\"http://files.example.invalid/foreign_lib-1.0-py3-none-any.whl"
                            + "#sha256=" + "0".repeat(64) + "\">foreign_lib-1.0-py3-none-any.whl</a></body></html>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path runtime = root.resolve("runtime");
        TestRuntime.configure(registry, runtime);
        try {
            Files.writeString(runtime.resolve("config").resolve("pypi.yaml"), """
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: static-proxy
                    spec:
                      format: pypi
                      allowPush: false
                      upstreamProxies: [static-tree]
                      access:
                        anonymousRead: true
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: static-tree
                    spec:
                      format: pypi
                      url: http://localhost:%d/
                      fileHosts: ["127.0.0.1"]
                      cache:
                        metadataTTL: 1s
                    """.formatted(
                            index.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a wheel of the project into {@code packages} and its link into the project's page of {@code tree}. */
    private static void publish(Path tree, Path packages, String project, String version, boolean tampered)
            throws IOException {
        Path wheel = TestDistributions.wheel(packages, project, version);
        String sha256 = TestDistributions.sha256Hex(wheel);
        if (tampered) {
            Files.write(wheel, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        }
        Files.setLastModifiedTime(wheel, FileTime.from(UPLOADED));
        Path page = tree.resolve("simple").resolve(project).resolve("index.html");
        Files.createDirectories(page.getParent());
        String before = Files.exists(page)
                ? Files.readString(page).replace("</body></html>", "")
                : "<!DOCTYPE html><html><head><title>Links for " + project + "</title></head><body>\n";
        Files.writeString(
                page,
                before + "<a href=\"http://127.0.0.1:" + files.getAddress().getPort() + "/" + wheel.getFileName()
                        + "#sha256=" + sha256 + "\" data-requires-python=\"&gt;=3.7\">" + wheel.getFileName()
                        + "</a><br/>\n</body></html>");
    }

    @AfterAll
    static void stopServers() {
        for (HttpServer server : new HttpServer[] {index, files}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @Test
    void pipInstallWhenFilesAreOnAnotherHostShouldFetchThemThroughTheProxyAndKeepTheirUploadTime() throws Exception {
        Path python = Clients.python("3.11");
        Assumptions.assumeTrue(python != null, "no Python 3.11 under pyenv; skipped");
        String wheel = "static_lib-1.1-py3-none-any.whl";
        String sha256 = TestDistributions.sha256Hex(root.resolve("packages").resolve(wheel));

        HttpResponse<String> page = get("/pypi/static-proxy/simple/static-lib/", "application/vnd.pypi.simple.v1+json");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("x-wharf-source")).hasValue("static-tree");
        JsonNode listed = JSON.readTree(page.body());
        assertThat(listed.path("versions").toString()).isEqualTo("[\"1.0\",\"1.1\"]");
        JsonNode file = listed.path("files").get(1);
        assertThat(file.path("url").asString()).isEqualTo("../../files/static-lib/1.1/" + wheel);
        assertThat(file.path("hashes").path("sha256").asString()).isEqualTo(sha256);
        assertThat(file.path("requires-python").asString()).isEqualTo(">=3.7");
        assertThat(page.body()).doesNotContain("127.0.0.1");

        Path requirements = work.resolve("requirements.txt");
        Files.writeString(requirements, "static-lib==1.1 --hash=sha256:" + sha256 + "\n");
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
                        "http://localhost:" + port + "/pypi/static-proxy/simple/",
                        "--target",
                        work.resolve("site").toString(),
                        "-r",
                        requirements.toString()));
        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(Files.readString(work.resolve("site/static_lib/__init__.py")))
                .contains("1.1");

        HttpResponse<String> version = get("/api/v1/registries/static-proxy/packages/static-lib/versions/1.1", "*/*");
        assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
        JsonNode kept = JSON.readTree(version.body());
        assertThat(kept.path("publishedAt").asString()).isEqualTo(UPLOADED.toString());
        assertThat(kept.path("files").toString()).contains(wheel);
    }

    @Test
    void downloadWhenUpstreamBytesDifferFromThePageSha256ShouldAnswer502AndKeepNothing() throws Exception {
        HttpResponse<String> download =
                get("/pypi/static-proxy/files/tampered-lib/1.0/tampered_lib-1.0-py3-none-any.whl", "*/*");

        assertThat(download.statusCode()).isEqualTo(502);
        assertThat(download.body()).contains("static-tree").contains("tampered_lib-1.0-py3-none-any.whl");
        assertThat(get("/api/v1/registries/static-proxy/packages/tampered-lib/versions/1.0", "*/*")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void downloadWhenPageNamesAHostNotInFileHostsShouldAnswer502NamingTheSetting() throws Exception {
        HttpResponse<String> download =
                get("/pypi/static-proxy/files/foreign-lib/1.0/foreign_lib-1.0-py3-none-any.whl", "*/*");

        assertThat(download.statusCode()).isEqualTo(502);
        assertThat(download.body()).contains("files.example.invalid").contains("spec.fileHosts");
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
