package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.ByteRangesBody;
import dev.wharf.runtime.testing.Curl;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Range requests on the management API's downloads, through curl: a zip is made as it is sent, so a Range is answered
 * with the whole zip (200); a version's file is served as every download route serves it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ApiRangeDownloadsTest {

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Test
    void versionZipWhenSeveralRangesAreAskedShouldAnswerTheWholeZip() throws Exception {
        String pkg = unique("ranged");
        byte[] large = new byte[200_000];
        new Random(3).nextBytes(large);
        upload(client, "files", pkg, "1.0", "a.bin", large);
        upload(client, "files", pkg, "1.0", "b.txt", utf8("bee"));

        Curl.Result result = curl("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/download", "0-1,5-6");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).contains("application/zip");
        assertThat(result.header("Content-Range")).isEmpty();
        result.header("Content-Length")
                .ifPresent(length -> assertThat(length).isEqualTo(String.valueOf(result.body().length)));
        assertThat(entryNames(result.body())).containsExactlyInAnyOrder("a.bin", "b.txt");
    }

    @Test
    void packageZipWhenOneRangeIsAskedShouldAnswerTheWholeZip() throws Exception {
        String pkg = unique("ranged");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("one"));
        upload(client, "files", pkg, "2.0", "a.txt", utf8("two"));

        Curl.Result result = curl("/api/v1/registries/files/packages/" + pkg + "/download", "10-20");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).isEqualTo(200);
        assertThat(entryNames(result.body())).containsExactly("2.0/a.txt", "1.0/a.txt");
    }

    @Test
    void versionFileWhenSeveralRangesAreAskedShouldAnswerAMultipartBodyOfTheAnnouncedLength() throws Exception {
        String pkg = unique("ranged");
        upload(client, "files", pkg, "1.0", "docs/a.txt", utf8("0123456789".repeat(300)));

        Curl.Result result =
                curl("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/files/docs/a.txt", "0-1,5-6");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).isEqualTo(206);
        assertThat(result.header("Content-Length")).contains(String.valueOf(result.body().length));
        assertThat(ByteRangesBody.parse(result.header("Content-Type").orElseThrow(), result.body()))
                .extracting(part -> new String(part.bytes(), StandardCharsets.US_ASCII))
                .containsExactly("01", "56");
    }

    private Curl.Result curl(String path, String ranges) throws IOException, InterruptedException {
        return Curl.get(work, "http://localhost:" + port + path, READER, "-r", ranges);
    }

    private static List<String> entryNames(byte[] zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                in.readAllBytes();
                names.add(entry.getName());
            }
        }
        return names;
    }
}
