package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.sha256;
import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.file.Path;
import java.util.List;
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

/** {@code /api/v1/registries/<registry>/packages/<package>/versions/<version>} against the running runtime. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class VersionApiTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void getVersionShouldShowItsFilesWithDigestsAndSizes() {
        String pkg = unique("detailed");
        byte[] readme = utf8("read me\n");
        upload(client, "files", pkg, "1.0.0", "docs/readme.txt", readme);
        upload(client, "files", pkg, "1.0.0", "app.bin", new byte[7]);

        get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0.0")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo("1.0.0")
                .jsonPath("$.latest")
                .isEqualTo(true)
                .jsonPath("$.sizeBytes")
                .isEqualTo(readme.length + 7)
                .jsonPath("$.files[*].path")
                .isEqualTo(List.of("app.bin", "docs/readme.txt"))
                .jsonPath("$.files[1].sha256")
                .isEqualTo(sha256(readme))
                .jsonPath("$.files[1].size")
                .isEqualTo(readme.length)
                .jsonPath("$.files[1].contentType")
                .isEqualTo("text/plain")
                .jsonPath("$.files[1].downloads")
                .isEqualTo(0)
                .jsonPath("$.metadata")
                .isEmpty();
    }

    @Test
    void getVersionWhenLatestShouldAnswerTheLatestVersion() {
        String pkg = unique("latest");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);
        upload(client, "files", pkg, "1.1", "a.bin", new byte[1]);

        get("/api/v1/registries/files/packages/" + pkg + "/versions/latest")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo("1.1")
                .jsonPath("$.latest")
                .isEqualTo(true);
    }

    @Test
    void getVersionWhenUnknownShouldAnswer404NamingPackageAndRegistry() {
        String pkg = unique("known");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);

        get("/api/v1/registries/files/packages/" + pkg + "/versions/9.9")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("package '" + pkg + "' in registry 'files' has no version '9.9'");
    }

    @Test
    void listFilesShouldAnswerEveryFileByPath() {
        String pkg = unique("listed");
        upload(client, "files", pkg, "1.0", "b.txt", utf8("b"));
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/files")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].path")
                .isEqualTo(List.of("a.txt", "b.txt"))
                .jsonPath("$[0].sha256")
                .isEqualTo(sha256(utf8("a")));
    }

    @Test
    void downloadFileShouldServeItsBytesWithItsChecksum() {
        String pkg = unique("served");
        byte[] content = utf8("the bytes");
        upload(client, "files", pkg, "1.0", "nested/dir/data.txt", content);

        byte[] body = get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/files/nested/dir/data.txt")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Checksum-Sha256", sha256(content))
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"" + sha256(content) + "\"")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        assertThat(body).isEqualTo(content);
    }

    @Test
    void headFileShouldAnswerItsSizeAndChecksumWithoutTheBytes() {
        String pkg = unique("headed");
        byte[] content = utf8("twelve bytes");
        upload(client, "files", pkg, "1.0", "a.txt", content);

        client.head()
                .uri("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/files/a.txt")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(content.length)
                .expectHeader()
                .valueEquals("X-Checksum-Sha256", sha256(content))
                .expectBody()
                .isEmpty();
    }

    @Test
    void downloadFileWhenMissingShouldAnswer404NamingTheFile() {
        String pkg = unique("served");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/files/b.txt")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("version '1.0' of package '" + pkg + "' in registry 'files' has no file 'b.txt'");
    }

    @Test
    void deleteVersionWhenItIsTheLatestShouldRepointLatestToTheNewestRemaining() {
        String pkg = unique("repoint");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);
        upload(client, "files", pkg, "2.0", "a.bin", new byte[1]);
        upload(client, "files", pkg, "3.0", "a.bin", new byte[1]);

        delete("/api/v1/registries/files/packages/" + pkg + "/versions/3.0")
                .expectStatus()
                .isNoContent();

        get("/api/v1/registries/files/packages/" + pkg)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latestVersion")
                .isEqualTo("2.0")
                .jsonPath("$.versionCount")
                .isEqualTo(2);
        get("/api/v1/registries/files/packages/" + pkg + "/versions")
                .expectBody()
                .jsonPath("$[*].latest")
                .isEqualTo(List.of(true, false));
    }

    @Test
    void deleteVersionWhenItIsTheLastShouldDeleteThePackage() {
        String pkg = unique("last");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);

        delete("/api/v1/registries/files/packages/" + pkg + "/versions/1.0")
                .expectStatus()
                .isNoContent();

        get("/api/v1/registries/files/packages/" + pkg).expectStatus().isNotFound();
    }

    @Test
    void deleteVersionWhenNamedLatestShouldNotResolveIt() {
        String pkg = unique("exact");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);

        delete("/api/v1/registries/files/packages/" + pkg + "/versions/latest")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("package '" + pkg + "' in registry 'files' has no version 'latest'");
        get("/api/v1/registries/files/packages/" + pkg + "/versions/1.0")
                .expectStatus()
                .isOk();
    }

    @Test
    void deleteVersionWhenCallerOnlyReadsShouldAnswer403() {
        String pkg = unique("guarded");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);

        client.delete()
                .uri("/api/v1/registries/files/packages/" + pkg + "/versions/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private WebTestClient.ResponseSpec get(String uri) {
        return client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }

    private WebTestClient.ResponseSpec delete(String uri) {
        return client.delete()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange();
    }
}
