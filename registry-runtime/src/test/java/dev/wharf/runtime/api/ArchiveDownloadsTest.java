package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Version and package zips against the running runtime. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ArchiveDownloadsTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private DownloadCounter downloads;

    @Test
    void downloadVersionShouldZipEveryFileUnderItsPath() throws IOException {
        String pkg = unique("zipped");
        byte[] large = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(large);
        upload(client, "files", pkg, "1.0.0", "docs/readme.txt", utf8("read me"));
        upload(client, "files", pkg, "1.0.0", "bin/app", large);

        byte[] zip = get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0.0/download")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/zip")
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + pkg + "-1.0.0.zip\"")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries).containsOnlyKeys("bin/app", "docs/readme.txt");
        assertThat(entries.get("docs/readme.txt")).isEqualTo(utf8("read me"));
        assertThat(entries.get("bin/app")).isEqualTo(large);
    }

    @Test
    void downloadVersionWhenLatestShouldZipTheLatestVersion() throws IOException {
        String pkg = unique("zipped");
        upload(client, "files", pkg, "1.0", "v.txt", utf8("one"));
        upload(client, "files", pkg, "2.0", "v.txt", utf8("two"));

        byte[] zip = get("/api/v1/registries/files/packages/" + pkg + "/versions/latest/download")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + pkg + "-2.0.zip\"")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        assertThat(unzip(zip).get("v.txt")).isEqualTo(utf8("two"));
    }

    @Test
    void downloadPackageShouldZipEveryVersionUnderItsName() throws IOException {
        String pkg = unique("whole");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a1"));
        upload(client, "files", pkg, "1.0", "sub/b.txt", utf8("b1"));
        upload(client, "files", pkg, "2.0", "a.txt", utf8("a2"));

        byte[] zip = get("/api/v1/registries/files/packages/" + pkg + "/download")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + pkg + ".zip\"")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries.keySet()).containsExactly("2.0/a.txt", "1.0/a.txt", "1.0/sub/b.txt");
        assertThat(entries.get("2.0/a.txt")).isEqualTo(utf8("a2"));
        assertThat(entries.get("1.0/a.txt")).isEqualTo(utf8("a1"));
        assertThat(entries.get("1.0/sub/b.txt")).isEqualTo(utf8("b1"));
    }

    @Test
    void downloadVersionShouldCountADownloadOfEachFile() {
        String pkg = unique("counted");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/download")
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult();

        downloads.flush().block(Duration.ofSeconds(10));

        get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/files")
                .expectBody()
                .jsonPath("$[0].downloads")
                .isEqualTo(1);
    }

    @Test
    void downloadVersionWhenMissingShouldAnswer404ProblemBeforeAnyZip() {
        String pkg = unique("present");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        get("/api/v1/registries/files/packages/" + pkg + "/versions/2.0/download")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("package '" + pkg + "' in registry 'files' has no version '2.0'");
    }

    @Test
    void downloadPackageWhenAnonymousAndRegistryIsPrivateShouldAnswer401() {
        client.get()
                .uri("/api/v1/registries/files/packages/anything/download")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void fileNameShouldKeepScopedNamesReadable() {
        assertThat(ArchiveDownloads.fileName("@acme/tools")).isEqualTo("acme-tools");
        assertThat(ArchiveDownloads.fileName("org.acme:core")).isEqualTo("org.acme-core");
        assertThat(ArchiveDownloads.fileName("///")).isEqualTo("archive");
    }

    private WebTestClient.ResponseSpec get(String uri) {
        return client.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build()
                .get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
