package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.STRANGER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code /api/v1/registries} against the running runtime. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RegistryApiTest {

    private static final String METADATA_READ_ONLY = "registry metadata comes from the Registry manifest"
            + " (spec.metadata of Registry 'files'); change it there";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void listRegistriesWhenReaderShouldListEveryServingRegistryInNameOrder() {
        get("/api/v1/registries", READER)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$[*].name")
                .isEqualTo(List.of("copies", "crates", "files", "jars", "public-files"));
    }

    @Test
    void listRegistriesShouldShowTheCallersRoleInEach() {
        client.get()
                .uri("/api/v1/registries")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'files')].role")
                .isEqualTo("write");
        client.get()
                .uri("/api/v1/registries/public-files")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("read");
    }

    @Test
    void listRegistriesWhenAnonymousShouldListOnlyThoseAllowingAnonymousRead() {
        client.get()
                .uri("/api/v1/registries")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].name")
                .isEqualTo(List.of("public-files"));
    }

    @Test
    void listRegistriesWhenCallerHasNoRoleShouldListOnlyThoseAllowingAnonymousRead() {
        get("/api/v1/registries", STRANGER)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].name")
                .isEqualTo(List.of("public-files"));
    }

    @Test
    void listRegistriesWhenPasswordIsWrongShouldAnswer401RatherThanAnEmptyList() {
        client.get()
                .uri("/api/v1/registries")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Basic " + Base64.getEncoder().encodeToString("reader:wrong".getBytes(StandardCharsets.UTF_8)))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Authentication failed");
    }

    @Test
    void getRegistryShouldShowFormatSettingsManifestMetadataAndUsage() {
        upload(client, "files", unique("usage"), "1.0.0", "a.txt", utf8("twelve bytes"));

        get("/api/v1/registries/files", READER)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("files")
                .jsonPath("$.format")
                .isEqualTo("generic")
                .jsonPath("$.implemented")
                .isEqualTo(true)
                .jsonPath("$.ready")
                .isEqualTo(true)
                .jsonPath("$.problems")
                .isEmpty()
                .jsonPath("$.allowPush")
                .isEqualTo(true)
                .jsonPath("$.allowOverwrite")
                .isEqualTo(false)
                .jsonPath("$.upstreamProxies")
                .isEmpty()
                .jsonPath("$.metadata.team")
                .isEqualTo("platform")
                .jsonPath("$.metadata.purpose")
                .isEqualTo("tests")
                .jsonPath("$.usage.packages")
                .value(packages -> assertThat(((Number) packages).longValue()).isPositive())
                .jsonPath("$.usage.storageBytes")
                .value(bytes -> assertThat(((Number) bytes).longValue()).isGreaterThanOrEqualTo(12))
                .jsonPath("$.usage.lastPushedAt")
                .value(value ->
                        assertThat((String) value).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"));
    }

    @Test
    void getRegistryWhenFormatIsNotImplementedShouldSaySo() {
        get("/api/v1/registries/crates", READER)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.format")
                .isEqualTo("cargo")
                .jsonPath("$.implemented")
                .isEqualTo(false);
    }

    @Test
    void getRegistryWhenUnknownShouldAnswer404ProblemNamingTheListing() {
        get("/api/v1/registries/nope", READER)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.title")
                .isEqualTo("Registry not found")
                .jsonPath("$.detail")
                .isEqualTo("no registry named 'nope' is served here; GET /api/v1/registries lists the registries");
    }

    @Test
    void getRegistryWhenAnonymousAndRegistryIsPrivateShouldAnswer401() {
        client.get()
                .uri("/api/v1/registries/files")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'files' needs the read role; send credentials (Basic or Bearer)");
    }

    @Test
    void getRegistryMetadataShouldAnswerTheManifestMetadata() {
        get("/api/v1/registries/files/metadata", READER)
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"purpose\": \"tests\", \"team\": \"platform\"}", JsonCompareMode.STRICT);
    }

    @Test
    void putRegistryMetadataShouldAnswer409SayingItComesFromTheManifest() {
        client.put()
                .uri("/api/v1/registries/files/metadata")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"team\": \"other\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Registry metadata is read-only")
                .jsonPath("$.detail")
                .isEqualTo(METADATA_READ_ONLY);
    }

    @Test
    void patchRegistryMetadataShouldAnswer409SayingItComesFromTheManifest() {
        client.patch()
                .uri("/api/v1/registries/files/metadata")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"team\": \"other\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo(METADATA_READ_ONLY);
    }

    @Test
    void deleteRegistryMetadataKeyShouldAnswer409SayingItComesFromTheManifest() {
        client.delete()
                .uri("/api/v1/registries/files/metadata/team")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo(METADATA_READ_ONLY);
    }

    private WebTestClient.ResponseSpec get(String uri, String user) {
        return client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange();
    }
}
