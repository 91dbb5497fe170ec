package dev.wharf.runtime.pypi;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The index pages as HTTP caches and clients see them: one entity tag per form while the project does not change, a
 * {@code 304} for it, the page gzipped for a client that takes gzip, a new page at once after an upload (the root
 * index too), and the package's latest version the highest by PEP 440 rather than the last uploaded.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PypiIndexPagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_FORM = "application/vnd.pypi.simple.v1+json";

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        PypiTestRuntime.configure(registry, root, null);
    }

    @Test
    void pageWhenReadAgainShouldKeepItsEntityTagAndAnswer304ForIt() throws Exception {
        String project = unique("tagged");
        upload(project, "1.0");
        String page = "/pypi/wheels/simple/" + project + "/";
        HttpResponse<byte[]> first = get(page, "text/html", null, null);
        String etag = first.headers().firstValue("etag").orElseThrow();

        HttpResponse<byte[]> second = get(page, "text/html", null, null);
        HttpResponse<byte[]> json = get(page, JSON_FORM, null, null);
        HttpResponse<byte[]> revalidated = get(page, "text/html", etag, null);

        assertThat(second.headers().firstValue("etag")).hasValue(etag);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(json.headers().firstValue("etag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("etag")).hasValue(etag);
    }

    @Test
    void pageWhenClientTakesGzipShouldAnswerTheSamePageGzipped() throws Exception {
        String project = unique("gzipped");
        upload(project, "1.0");
        String page = "/pypi/wheels/simple/" + project + "/";
        HttpResponse<byte[]> plain = get(page, JSON_FORM, null, null);

        HttpResponse<byte[]> gzipped = get(page, JSON_FORM, null, "gzip, deflate");

        assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(gzipped.headers().allValues("vary").toString()).contains("Accept-Encoding");
        assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void pageWhenAVersionIsUploadedShouldListItAtOnceUnderANewEntityTag() throws Exception {
        String project = unique("growing");
        upload(project, "1.0");
        String page = "/pypi/wheels/simple/" + project + "/";
        String before =
                get(page, JSON_FORM, null, null).headers().firstValue("etag").orElseThrow();
        String index =
                new String(get("/pypi/wheels/simple/", "text/html", null, null).body());
        String other = unique("arriving");

        upload(project, "1.1");
        upload(other, "0.1");

        HttpResponse<byte[]> after = get(page, JSON_FORM, before, null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).path("versions").toString()).isEqualTo("[\"1.0\",\"1.1\"]");
        assertThat(index).contains(">" + project + "</a>").doesNotContain(other);
        assertThat(new String(
                        get("/pypi/wheels/simple/", "text/html", null, null).body()))
                .contains(">" + other + "</a>");
    }

    @Test
    void latestWhenAnOlderVersionIsUploadedLastShouldStayTheHighestByPep440() throws Exception {
        String project = unique("backported");
        upload(project, "2.0");
        upload(project, "1.9.1");
        upload(project, "2.1rc1");

        HttpResponse<byte[]> pkg = get("/api/v1/registries/wheels/packages/" + project, "application/json", null, null);

        assertThat(pkg.statusCode()).as(new String(pkg.body())).isEqualTo(200);
        assertThat(JSON.readTree(pkg.body()).path("latestVersion").asString()).isEqualTo("2.0");
        assertThat(JSON.readTree(get("/pypi/wheels/simple/" + project + "/", JSON_FORM, null, null)
                                .body())
                        .path("versions")
                        .toString())
                .isEqualTo("[\"1.9.1\",\"2.0\",\"2.1rc1\"]");
    }

    private void upload(String project, String version) throws Exception {
        Path wheel = TestDistributions.wheel(work.resolve(project + "-" + version), project, version);
        HttpResponse<String> uploaded = Uploads.post(
                "http://localhost:" + port + "/pypi/wheels/",
                basic(WRITER),
                Uploads.body(
                        Uploads.fields(project, version, "bdist_wheel", TestDistributions.sha256Hex(wheel)),
                        wheel.getFileName().toString(),
                        Files.readAllBytes(wheel)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    }

    private HttpResponse<byte[]> get(
            String path,
            String accept,
            @org.jspecify.annotations.Nullable String ifNoneMatch,
            @org.jspecify.annotations.Nullable String encoding)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .header("Authorization", basic(READER));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (encoding != null) {
            request.header("Accept-Encoding", encoding);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
