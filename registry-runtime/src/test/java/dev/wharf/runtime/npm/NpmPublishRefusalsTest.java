package dev.wharf.runtime.npm;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Publishes npm would never send, or that went wrong on the way, each refused with a 4xx in npm's {@code {"error":
 * ...}} shape, naming what is wrong, and each writing nothing: no package or version, no blob, no spooled body left.
 */
class NpmPublishRefusalsTest extends SharedNpmRuntime {

    @TempDir
    Path work;

    private String url(String registry, String path) {
        return "http://localhost:" + port + "/npm/" + registry + "/" + path;
    }

    @Test
    void publishWhenTheBodyIsNotJsonShouldAnswer400AndWriteNothing() throws Exception {
        refused(NpmTestRuntime.HOSTED, "bad-json", "{\"name\": \"bad-json\", \"versions\": {\"1.0.0\": [}", 400)
                .startsWith("the body is not valid JSON: ")
                .endsWith("; publish with npm publish");
    }

    @Test
    void publishWhenTheBodyIsCutShortShouldAnswer400AndWriteNothing() throws Exception {
        byte[] tarball = NpmPackage.packed("cut-short", "1.0.0");
        String whole = NpmPackage.publishDocument("cut-short", "1.0.0", tarball);
        String cut = whole.substring(0, whole.indexOf("\"data\"") + 20);
        refused(NpmTestRuntime.HOSTED, "cut-short", cut, 400)
                .isEqualTo("the body ends after " + cut.length() + " bytes, in the middle of the document: the upload"
                        + " was cut short; nothing was published; publish with npm publish");
    }

    @Test
    void publishWhenTheConnectionEndsBeforeTheContentLengthShouldWriteNothing() throws Exception {
        byte[] tarball = NpmPackage.packed("cut-off", "1.0.0");
        byte[] body = NpmPackage.publishDocument("cut-off", "1.0.0", tarball).getBytes(StandardCharsets.UTF_8);
        Written before = written();
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /npm/" + NpmTestRuntime.HOSTED + "/cut-off HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: " + basic(WRITER) + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + (body.length * 2) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotStartWith("HTTP/1.1 2");
        }
        assertNothingWritten("cut-off", before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "dist.integrity | sha512-AAAA | ''  | 'does not match its dist.integrity: the document says sha512-AAAA, the tarball is sha512-'",
                "dist.shasum    | ''         | 0000000000000000000000000000000000000000 | 'does not match its dist.shasum: the document says 0000000000000000000000000000000000000000, the tarball is '",
            })
    void publishWhenTheTarballDisagreesWithItsDocumentShouldAnswer400NamingBoth(
            String field, String integrity, String shasum, String message) throws Exception {
        String name = "bad-" + field.replace('.', '-');
        byte[] tarball = NpmPackage.packed(name, "1.0.0");
        String document = NpmPackage.publishDocument(name, "1.0.0", tarball, integrity, shasum);
        refused(NpmTestRuntime.HOSTED, name, document, 400)
                .startsWith("the tarball of " + name + "@1.0.0 " + message)
                .endsWith("; nothing was published");
    }

    @Test
    void publishWhenTheAttachmentsLengthIsNotItsSizeShouldAnswer400() throws Exception {
        byte[] tarball = NpmPackage.packed("bad-length", "1.0.0");
        String document = NpmPackage.publishDocument("bad-length", "1.0.0", tarball)
                .replace("\"length\": " + tarball.length, "\"length\": " + (tarball.length + 1));
        refused(NpmTestRuntime.HOSTED, "bad-length", document, 400)
                .isEqualTo("the attachment of bad-length@1.0.0 says it has " + (tarball.length + 1)
                        + " bytes but decodes to " + tarball.length);
    }

    @Test
    void publishWhenTheAttachmentIsNotBase64ShouldAnswer400() throws Exception {
        byte[] tarball = NpmPackage.packed("bad-base64", "1.0.0");
        String document = NpmPackage.publishDocument("bad-base64", "1.0.0", tarball)
                .replace(Base64.getEncoder().encodeToString(tarball), "not*base64!");
        refused(NpmTestRuntime.HOSTED, "bad-base64", document, 400)
                .startsWith("an attachment's data is not valid base64: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "the document's name | other-name | 1.0.0 | 1.0.0 | 1.0.0 | 'the document names package ''other-name'' but the URL names ''vs-url''; publish each package to its own URL'",
                "the version document's version | vs-url | 1.0.0 | 1.0.1 | 1.0.0 | 'the version document must name package ''vs-url'' and version 1.0.0; it names ''vs-url'' 1.0.1'",
                "the attachment's version | vs-url | 1.0.0 | 1.0.0 | 2.0.0 | 'the attachment is named ''vs-url-2.0.0.tgz''; the tarball of vs-url@1.0.0 is vs-url-1.0.0.tgz'",
            })
    void publishWhenTheBodyDisagreesWithTheUrlShouldAnswer400(
            String what, String name, String key, String version, String file, String message) throws Exception {
        byte[] tarball = NpmPackage.packed("vs-url", "1.0.0");
        String document = NpmPackage.publishDocument("vs-url", "1.0.0", tarball)
                .replace("\"name\": \"vs-url\", \"description\"", "\"name\": \"" + name + "\", \"description\"")
                .replace("\"versions\": {\"1.0.0\"", "\"versions\": {\"" + key + "\"")
                .replace("\"version\": \"1.0.0\"", "\"version\": \"" + version + "\"")
                .replace("\"vs-url-1.0.0.tgz\": {", "\"vs-url-" + file + ".tgz\": {");
        refused(NpmTestRuntime.HOSTED, "vs-url", document, 400).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "..%2F..%2Fetc | 'name cannot start with a period'",
                "%2e%2e | 'name cannot start with a period'",
                "NewPackage | 'name can no longer contain capital letters'",
                "a%2Fb | 'name can only contain URL-friendly characters'",
                "@acme%2F..%2F..%2Fetc | 'name cannot start with a period'",
                "@acme%2Fa%2Fb | 'name can only contain URL-friendly characters'",
                "node_modules | 'node_modules is not a valid package name'",
            })
    void publishWhenNpmCouldNotHaveWrittenTheNameShouldAnswer400AndWriteNothing(String path, String message)
            throws Exception {
        String name = java.net.URLDecoder.decode(path, StandardCharsets.UTF_8);
        byte[] tarball = NpmPackage.packed("x", "1.0.0");
        refused(NpmTestRuntime.HOSTED, path, NpmPackage.publishDocument(name, "1.0.0", tarball), 400)
                .contains(message);
    }

    @Test
    void publishWhenTheTarballIsOverTheLimitShouldAnswer413NamingTheRegistry() throws Exception {
        byte[] big = new byte[200 * 1024];
        new Random(7).nextBytes(big);
        refused(NpmTestRuntime.SMALL, "too-big", NpmPackage.publishDocument("too-big", "1.0.0", big), 413)
                .isEqualTo("the tarball is larger than 65536 bytes, the most registry 'npm-small' accepts"
                        + " (spec.maxUploadSize); nothing was published");
    }

    @Test
    void publishWhenTheBodyIsOverTheLimitShouldAnswer413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] tarball = NpmPackage.packed("huge", "1.0.0");
        // A readme beyond what a body may hold besides its tarball (16 MiB).
        String document = NpmPackage.publishDocument("huge", "1.0.0", tarball)
                .replace("\"readme\": \"# huge\"", "\"readme\": \"" + "x".repeat(17 * 1024 * 1024) + "\"");
        refused(NpmTestRuntime.SMALL, "huge", document, 413)
                .isEqualTo("the publish has " + document.length() + " bytes or more; registry 'npm-small' accepts"
                        + " tarballs of at most 65536 bytes (spec.maxUploadSize)");
        Written before = written();
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create(url(NpmTestRuntime.SMALL, "huge")))
                .header("Authorization", basic(WRITER))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)))));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(error(chunked))
                .startsWith("the publish has ")
                .endsWith(" bytes or more; registry 'npm-small' accepts tarballs of at most 65536 bytes"
                        + " (spec.maxUploadSize)");
        assertNothingWritten(NpmTestRuntime.SMALL, "huge", before);
    }

    @Test
    void npmPublishOverTheLimitShouldPrintTheRegistrysMessage() throws Exception {
        Assumptions.assumeTrue(NpmCli.available("npm"), "npm is not installed; skipped");
        Path project = NpmPackage.project(work.resolve("big"), "big-by-npm", "1.0.0", "big");
        byte[] random = new byte[200 * 1024];
        new Random(11).nextBytes(random);
        Files.write(project.resolve("random.bin"), random);
        NpmCli npm = new NpmCli(work.resolve("home"));
        String auth = Base64.getEncoder()
                .encodeToString((WRITER + ":" + dev.wharf.runtime.testing.TestRuntime.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
        npm.configure(url(NpmTestRuntime.SMALL, ""), "_auth=" + auth);
        Written before = written();
        NpmCli.Result published = npm.npm(project, "publish");
        assertThat(published.exitCode()).isNotZero();
        assertThat(published.all())
                .contains("413")
                .contains("413 Request Entity Too Large - PUT " + url(NpmTestRuntime.SMALL, "big-by-npm")
                        + " - the tarball is larger than 65536 bytes, the most registry 'npm-small' accepts"
                        + " (spec.maxUploadSize); nothing was published");
        assertNothingWritten(NpmTestRuntime.SMALL, "big-by-npm", before);
    }

    /** PUTs {@code body} as {@code WRITER}; asserts the status, npm's error shape and that nothing was written. */
    private org.assertj.core.api.AbstractStringAssert<?> refused(String registry, String path, String body, int status)
            throws Exception {
        Written before = written();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(registry, path)))
                .header("Authorization", basic(WRITER))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        String error = error(response);
        assertNothingWritten(registry, java.net.URLDecoder.decode(path, StandardCharsets.UTF_8), before);
        return assertThat(error);
    }

    private static String error(HttpResponse<String> response) {
        tools.jackson.databind.JsonNode document = PublishBody.JSON.readTree(response.body());
        assertThat(document.properties()).as(response.body()).hasSize(1);
        return document.path("error").asString();
    }

    /** What a publish may leave behind: blobs in the data directory, and publish bodies spooled to the temp folder. */
    private record Written(List<Path> blobs, List<Path> spooled) {}

    private static Written written() throws IOException {
        return new Written(
                files(ROOT.resolve("data"), "[0-9a-f]{64}"),
                files(Path.of(System.getProperty("java.io.tmpdir")), "wharf-npm-publish.*"));
    }

    private static List<Path> files(Path dir, String pattern) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir, pattern.startsWith("wharf") ? 1 : Integer.MAX_VALUE)) {
            return paths.filter(path -> path.getFileName().toString().matches(pattern))
                    .sorted()
                    .toList();
        }
    }

    private void assertNothingWritten(String name, Written before) throws Exception {
        assertNothingWritten(NpmTestRuntime.HOSTED, name, before);
    }

    private void assertNothingWritten(String registry, String name, Written before) throws Exception {
        HttpResponse<String> packument = send(HttpRequest.newBuilder(URI.create(url(registry, NpmName.escaped(name))))
                .header("Authorization", basic(READER))
                .GET());
        assertThat(packument.statusCode()).as(packument.body()).isIn(400, 404);
        HttpResponse<String> versions = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/registries/" + registry + "/packages/" + NpmName.escaped(name) + "/versions"))
                .header("Authorization", basic(READER))
                .GET());
        assertThat(versions.statusCode()).as(versions.body()).isIn(400, 404);
        org.awaitility.Awaitility.await("the spooled publish removed")
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(written()).isEqualTo(before));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
