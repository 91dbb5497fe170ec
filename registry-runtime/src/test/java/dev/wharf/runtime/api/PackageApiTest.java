package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;

import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.NewFile;
import dev.wharf.runtime.testing.TestRuntime;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** {@code /api/v1/registries/<registry>/packages} against the running runtime. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PackageApiTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private ServedRegistries registries;

    @Autowired
    private Files files;

    @Test
    void listPackagesWhenNoPageIsAskedShouldAnswerTheFirstTenInNameOrder() {
        String prefix = unique("paged");
        for (int i = 0; i < 12; i++) {
            upload(client, "files", prefix + "-" + (char) ('a' + i), "1.0", "f.txt", utf8("x"));
        }

        get("/api/v1/registries/files/packages?q=" + prefix)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.page")
                .isEqualTo(0)
                .jsonPath("$.size")
                .isEqualTo(10)
                .jsonPath("$.totalItems")
                .isEqualTo(12)
                .jsonPath("$.totalPages")
                .isEqualTo(2)
                .jsonPath("$.items.length()")
                .isEqualTo(10)
                .jsonPath("$.items[0].name")
                .isEqualTo(prefix + "-a")
                .jsonPath("$.items[9].name")
                .isEqualTo(prefix + "-j");
    }

    @Test
    void listPackagesWhenSecondPageIsAskedShouldAnswerTheRest() {
        String prefix = unique("paged");
        for (int i = 0; i < 5; i++) {
            upload(client, "files", prefix + "-" + i, "1.0", "f.txt", utf8("x"));
        }

        get("/api/v1/registries/files/packages?q=" + prefix + "&size=3&page=1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].name")
                .isEqualTo(List.of(prefix + "-3", prefix + "-4"))
                .jsonPath("$.totalPages")
                .isEqualTo(2);
    }

    @Test
    void listPackagesWhenPageIsPastTheLastShouldAnswerAnEmptyPage() {
        String pkg = unique("alone");
        upload(client, "files", pkg, "1.0", "f.txt", utf8("x"));

        get("/api/v1/registries/files/packages?q=" + pkg + "&page=5")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items")
                .isEmpty()
                .jsonPath("$.totalItems")
                .isEqualTo(1);
    }

    @Test
    void listPackagesWhenSortedBySizeDescendingShouldPutTheLargestFirst() {
        String prefix = unique("sized");
        upload(client, "files", prefix + "-small", "1.0", "f.bin", new byte[10]);
        upload(client, "files", prefix + "-large", "1.0", "f.bin", new byte[1000]);
        upload(client, "files", prefix + "-medium", "1.0", "f.bin", new byte[100]);

        get("/api/v1/registries/files/packages?q=" + prefix + "&sort=size&order=desc")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].name")
                .isEqualTo(List.of(prefix + "-large", prefix + "-medium", prefix + "-small"))
                .jsonPath("$.items[0].sizeBytes")
                .isEqualTo(1000);
    }

    @Test
    void listPackagesWhenSortedByNameDescendingShouldReverseTheNames() {
        String prefix = unique("named");
        upload(client, "files", prefix + "-a", "1.0", "f.bin", new byte[1]);
        upload(client, "files", prefix + "-b", "1.0", "f.bin", new byte[1]);

        get("/api/v1/registries/files/packages?q=" + prefix + "&order=desc")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].name")
                .isEqualTo(List.of(prefix + "-b", prefix + "-a"));
    }

    @Test
    void listPackagesWhenFilteredByNameShouldMatchAnyPartIgnoringCase() {
        String marker = unique("needle");
        upload(client, "files", "hay-" + marker + "-stack", "1.0", "f.bin", new byte[1]);
        upload(client, "files", unique("hay"), "1.0", "f.bin", new byte[1]);

        get("/api/v1/registries/files/packages?q=" + marker.toUpperCase(Locale.ROOT))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[*].name")
                .isEqualTo(List.of("hay-" + marker + "-stack"));
    }

    @Test
    void listPackagesWhenSizeIsZeroShouldAnswer400NamingTheBounds() {
        badRequest(
                "/api/v1/registries/files/packages?size=0",
                "the query parameter 'size' is '0'; it must be a whole number from 1 to 1000");
    }

    @Test
    void listPackagesWhenSizeIsAboveTheLimitShouldAnswer400NamingTheBounds() {
        badRequest(
                "/api/v1/registries/files/packages?size=1001",
                "the query parameter 'size' is '1001'; it must be a whole number from 1 to 1000");
    }

    @Test
    void listPackagesWhenPageIsNegativeShouldAnswer400NamingTheBounds() {
        badRequest(
                "/api/v1/registries/files/packages?page=-1",
                "the query parameter 'page' is '-1'; it must be a whole number from 0 to 1000000");
    }

    @Test
    void listPackagesWhenPageIsNotANumberShouldAnswer400() {
        badRequest(
                "/api/v1/registries/files/packages?page=two",
                "the query parameter 'page' is 'two'; it must be a whole number from 0 to 1000000");
    }

    @Test
    void listPackagesWhenSortIsUnknownShouldAnswer400ListingTheSorts() {
        badRequest(
                "/api/v1/registries/files/packages?sort=popularity",
                "the query parameter 'sort' is 'popularity'; it must be one of name, created, updated, downloads,"
                        + " size");
    }

    @Test
    void listPackagesWhenOrderIsUnknownShouldAnswer400() {
        badRequest(
                "/api/v1/registries/files/packages?order=up",
                "the query parameter 'order' is 'up'; it must be asc or desc");
    }

    @Test
    void listPackagesWhenParameterIsUnknownShouldAnswer400ListingTheParameters() {
        badRequest(
                "/api/v1/registries/files/packages?pageSize=5",
                "unknown query parameter 'pageSize'; a package listing takes order, page, q, size, sort");
    }

    @Test
    void getPackageShouldShowItsFiguresLatestVersionAndMetadata() {
        String pkg = unique("shown");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[3]);
        upload(client, "files", pkg, "2.0", "a.bin", new byte[5]);

        get("/api/v1/registries/files/packages/" + pkg)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo(pkg)
                .jsonPath("$.latestVersion")
                .isEqualTo("2.0")
                .jsonPath("$.versionCount")
                .isEqualTo(2)
                .jsonPath("$.sizeBytes")
                .isEqualTo(8)
                .jsonPath("$.downloads")
                .isEqualTo(0)
                .jsonPath("$.metadata")
                .isEmpty();
    }

    @Test
    void getPackageWhenNameHoldsAnEncodedSlashShouldFindTheScopedPackage() {
        ServedRegistry registry = registries.require("files");
        String scope = "@" + unique("scope");
        registry.store()
                .put(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(utf8("module.exports = 1;"))), null, 100)
                .flatMap(blob -> files.record(new NewFile(
                        registry.id(),
                        scope + "/name",
                        "1.0.0",
                        "index.js",
                        blob.digest(),
                        blob.size(),
                        "application/javascript",
                        "user:writer",
                        null,
                        NewFile.Overwrite.REFUSE)))
                .block();

        client.get()
                // The template encodes the variable whole: '/' is sent as %2F.
                .uri("/api/v1/registries/files/packages/{package}/versions/1.0.0/files", scope + "/name")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].path")
                .isEqualTo("index.js");
    }

    @Test
    void getPackageWhenUnknownShouldAnswer404NamingPackageAndRegistry() {
        get("/api/v1/registries/files/packages/missing-package")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'files' has no package 'missing-package'");
    }

    @Test
    void listVersionsShouldPutTheNewestFirstAndMarkTheLatest() {
        String pkg = unique("versions");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);
        upload(client, "files", pkg, "1.1", "a.bin", new byte[1]);
        upload(client, "files", pkg, "2.0", "a.bin", new byte[1]);

        get("/api/v1/registries/files/packages/" + pkg + "/versions")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].version")
                .isEqualTo(List.of("2.0", "1.1", "1.0"))
                .jsonPath("$[*].latest")
                .isEqualTo(List.of(true, false, false))
                .jsonPath("$[0].pushedBy")
                .isEqualTo("user:writer")
                .jsonPath("$[0].files")
                .doesNotExist();
    }

    @Test
    void deletePackageShouldDeleteItWithAllItsVersions() {
        String pkg = unique("doomed");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);
        upload(client, "files", pkg, "2.0", "a.bin", new byte[1]);

        delete("/api/v1/registries/files/packages/" + pkg, DELETER)
                .expectStatus()
                .isNoContent();

        get("/api/v1/registries/files/packages/" + pkg).expectStatus().isNotFound();
        client.get()
                .uri("/generic/files/" + pkg + "/1.0/a.bin")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void deletePackageWhenCallerOnlyWritesShouldAnswer403NamingTheRole() {
        String pkg = unique("kept");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);

        delete("/api/v1/registries/files/packages/" + pkg, WRITER)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("writer does not have the delete role in registry 'files'; an admin of the registry can"
                        + " grant it in spec.access.rules");
        get("/api/v1/registries/files/packages/" + pkg).expectStatus().isOk();
    }

    @Test
    void deletePackageWhenUnknownShouldAnswer404() {
        delete("/api/v1/registries/files/packages/never-was", DELETER)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'files' has no package 'never-was'");
    }

    private WebTestClient.ResponseSpec get(String uri) {
        return client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }

    private WebTestClient.ResponseSpec delete(String uri, String user) {
        return client.delete()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange();
    }

    private void badRequest(String uri, String detail) {
        get(uri).expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Bad request")
                .jsonPath("$.detail")
                .isEqualTo(detail);
    }
}
