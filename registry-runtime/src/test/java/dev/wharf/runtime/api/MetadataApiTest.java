package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.file.Path;
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

/** Package and version metadata through {@code .../metadata} against the running runtime. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MetadataApiTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void packageMetadataWhenSetShouldBeReadBackMergedWithTheEarlierEntries() {
        String url = packageUrl();

        send(client.put(), url, "{\"team\": \"platform\", \"tier\": \"1\"}")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"team\": \"platform\", \"tier\": \"1\"}", JsonCompareMode.STRICT);
        send(client.patch(), url, "{\"tier\": \"2\", \"ticket\": \"OPS-42\"}")
                .expectStatus()
                .isOk();

        get(url).expectStatus()
                .isOk()
                .expectBody()
                .json("{\"team\": \"platform\", \"tier\": \"2\", \"ticket\": \"OPS-42\"}", JsonCompareMode.STRICT);
        get(url.replace("/metadata", ""))
                .expectBody()
                .jsonPath("$.metadata.ticket")
                .isEqualTo("OPS-42");
    }

    @Test
    void packageMetadataKeyWhenDeletedShouldBeGone() {
        String url = packageUrl();
        send(client.put(), url, "{\"team\": \"platform\", \"tier\": \"1\"}")
                .expectStatus()
                .isOk();

        client.delete()
                .uri(url + "/tier")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNoContent();

        get(url).expectBody().json("{\"team\": \"platform\"}", JsonCompareMode.STRICT);
    }

    @Test
    void packageMetadataKeyWhenAbsentShouldAnswer404OnDelete() {
        String url = packageUrl();

        client.delete()
                .uri(url + "/nothing")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail ->
                        assertThat((String) detail).endsWith("in registry 'files' has no metadata key 'nothing'"));
    }

    @Test
    void packageMetadataKeyShouldBeReadAlone() {
        String url = packageUrl();
        send(client.put(), url, "{\"team\": \"platform\"}").expectStatus().isOk();

        get(url + "/team")
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"key\": \"team\", \"value\": \"platform\"}", JsonCompareMode.STRICT);
    }

    @Test
    void versionMetadataWhenSetShouldBeShownWithTheVersion() {
        String pkg = unique("versioned");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);
        String version = "/api/v1/registries/files/packages/" + pkg + "/versions/1.0";

        send(client.put(), version + "/metadata", "{\"commit\": \"abc123\"}")
                .expectStatus()
                .isOk();

        get(version).expectBody().jsonPath("$.metadata.commit").isEqualTo("abc123");
        get("/api/v1/registries/files/packages/" + pkg + "/versions/latest/metadata")
                .expectBody()
                .json("{\"commit\": \"abc123\"}", JsonCompareMode.STRICT);
    }

    @Test
    void versionMetadataWhenSetOnLatestShouldAnswer404BecauseChangesNeedTheExactVersion() {
        String pkg = unique("versioned");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);

        send(client.put(), "/api/v1/registries/files/packages/" + pkg + "/versions/latest/metadata", "{\"a\": \"b\"}")
                .expectStatus()
                .isNotFound();
    }

    @Test
    void setMetadataWhenKeyHoldsASpaceShouldAnswer400NamingTheRule() {
        send(client.put(), packageUrl(), "{\"bad key\": \"x\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the metadata key 'bad key' is not valid; keys have 1 to 63 characters, each a letter, a"
                        + " digit, '.', '_' or '-'");
    }

    @Test
    void setMetadataWhenKeyIsTooLongShouldAnswer400() {
        send(client.put(), packageUrl(), "{\"" + "k".repeat(64) + "\": \"x\"}")
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void setMetadataWhenValueIsTooLongShouldAnswer400NamingTheLimit() {
        send(client.put(), packageUrl(), "{\"notes\": \"" + "x".repeat(4097) + "\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the value of metadata key 'notes' has 4097 characters; at most 4096 are allowed");
    }

    @Test
    void setMetadataWhenValueIsNotAStringShouldAnswer400() {
        send(client.put(), packageUrl(), "{\"count\": 3}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the value of metadata key 'count' is not a string; metadata values are strings (to remove"
                        + " a key, DELETE .../metadata/count)");
    }

    @Test
    void setMetadataWhenBodyIsNotJsonShouldAnswer400ShowingAnExample() {
        send(client.put(), packageUrl(), "team=platform")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the body is not valid JSON of the expected shape; send a JSON object such as {\"team\":"
                        + " \"platform\", \"ticket\": \"OPS-42\"}");
    }

    @Test
    void setMetadataWhenBodyIsEmptyObjectShouldAnswer400() {
        send(client.put(), packageUrl(), "{}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the body sets no metadata; send a JSON object such as {\"team\": \"platform\"}");
    }

    @Test
    void setMetadataWhenCallerOnlyReadsShouldAnswer403() {
        client.put()
                .uri(packageUrl())
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\": \"b\"}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("reader does not have the write role in registry 'files'; an admin of the registry can"
                        + " grant it in spec.access.rules");
    }

    private String packageUrl() {
        String pkg = unique("tagged");
        upload(client, "files", pkg, "1.0", "a.bin", new byte[1]);
        return "/api/v1/registries/files/packages/" + pkg + "/metadata";
    }

    private WebTestClient.ResponseSpec send(WebTestClient.RequestBodyUriSpec method, String uri, String json) {
        return method.uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String uri) {
        return client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }
}
