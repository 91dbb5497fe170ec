package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.auth.ApiTokens;
import dev.wharf.runtime.testing.TestRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/tokens} against the running runtime, and the tokens it issues at work. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TokenApiTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void createTokenShouldShowTheTokenOnceAndNeverCache() {
        JsonNode issued = create(WRITER, "{\"description\": \"CI\", \"scopes\": {\"files\": \"write\"}}")
                .expectStatus()
                .isCreated()
                .expectHeader()
                .cacheControl(CacheControl.noStore())
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(issued.get("token").asString()).startsWith("wharf_").hasSize(49);
        assertThat(issued.get("description").asString()).isEqualTo("CI");
        assertThat(issued.get("scopes").toString()).isEqualTo("{\"files\":\"write\"}");
        assertThat(issued.get("expiresAt").asString()).isNotBlank();
    }

    @Test
    void tokenWhenScopedToWriteShouldUploadAsBearer() {
        String token = token(WRITER, "{\"scopes\": {\"files\": \"write\"}}");

        client.put()
                .uri("/generic/files/" + unique("ci") + "/1.0/a.txt")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(utf8("built by CI"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void tokenWhenScopedToReadShouldNotUploadEvenForAWriterAndSayTheScopeIsTheLimit() {
        String token = token(WRITER, "{\"scopes\": {\"files\": \"read\"}}");

        client.put()
                .uri("/generic/files/" + unique("ci") + "/1.0/a.txt")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(utf8("x"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the API token of writer is scoped to read in registry 'files', and this needs write; use"
                        + " a token with the write scope for 'files', or writer's password");
    }

    @Test
    void tokenWhenItsOwnerLacksTheRoleShouldSayTheRoleIsTheLimit() {
        String token = token(READER, "{\"scopes\": {\"files\": \"read\"}}");

        client.put()
                .uri("/generic/files/" + unique("ci") + "/1.0/a.txt")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue(utf8("x"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("reader does not have the write role in registry 'files'; an admin of the registry can"
                        + " grant it in spec.access.rules");
    }

    @Test
    void tokenWhenScopedToOneRegistryShouldNotReadAnotherAndSayItHasNoScopeThere() {
        String token = token(WRITER, "{\"scopes\": {\"files\": \"read\"}}");

        client.get()
                .uri("/api/v1/registries/copies")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the API token of writer has no scope for registry 'copies', and this needs read; use a"
                        + " token with the read scope for 'copies', or writer's password");
    }

    @Test
    void listTokensShouldShowTheCallersTokensWithoutTheTokens() {
        String description = unique("listed");
        create(READER, "{\"description\": \"" + description + "\", \"scopes\": {\"files\": \"read\"}}")
                .expectStatus()
                .isCreated();

        client.get()
                .uri("/api/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.description == '" + description + "')].scopes.files")
                .isEqualTo(List.of("read"))
                .jsonPath("$[*].token")
                .doesNotExist();
    }

    @Test
    void listTokensShouldNotShowOtherUsersTokens() {
        String description = unique("private");
        create(WRITER, "{\"description\": \"" + description + "\", \"scopes\": {\"files\": \"read\"}}")
                .expectStatus()
                .isCreated();

        client.get()
                .uri("/api/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.description == '" + description + "')]")
                .isEmpty();
    }

    @Test
    void revokeTokenShouldStopItWorkingAndSaySo() {
        JsonNode issued = create(WRITER, "{\"scopes\": {\"files\": \"read\"}}")
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        client.delete()
                .uri("/api/v1/tokens/" + issued.get("id").asLong())
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNoContent();

        client.get()
                .uri("/api/v1/registries/files")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + issued.get("token").asString())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail)
                        .startsWith("the API token was revoked at ")
                        .endsWith("; create a new one (POST /api/v1/tokens)"));
        client.get()
                .uri("/api/v1/tokens")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + issued.get("token").asString())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).startsWith("the API token was revoked at "));
    }

    @Test
    void tokenWhenNeverIssuedShouldBeUnknown() {
        client.get()
                .uri("/api/v1/registries/files")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTokens.generate())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("unknown API token");
    }

    @Test
    void revokeTokenWhenAnotherUserOwnsItShouldAnswer404() {
        JsonNode issued = create(WRITER, "{\"scopes\": {\"files\": \"read\"}}")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        long id = issued.get("id").asLong();

        client.delete()
                .uri("/api/v1/tokens/" + id)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("you have no API token with id " + id + "; GET /api/v1/tokens lists yours");
    }

    @Test
    void createTokenWhenScopeExceedsTheCallersRoleShouldAnswer403() {
        create(READER, "{\"scopes\": {\"files\": \"write\"}}")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("you cannot issue a token with the write role in registry 'files': you do not have that"
                        + " role there");
    }

    @Test
    void createTokenWhenEveryRegistryIsAskedByANonAdminShouldAnswer403() {
        create(WRITER, "{\"scopes\": {\"*\": \"read\"}}")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("a '*' scope needs the admin role in every registry this runtime serves, and you lack it in"
                        + " registry 'copies'; name the registries in the scopes instead");
    }

    @Test
    void createTokenWhenEveryRegistryIsAskedByAnAdminShouldIssueIt() {
        create(ADMIN, "{\"scopes\": {\"*\": \"delete\"}}")
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.scopes")
                .isEqualTo(Map.of("*", "delete"));
    }

    @Test
    void createTokenWhenRegistryIsUnknownShouldAnswer400() {
        create(ADMIN, "{\"scopes\": {\"nowhere\": \"read\"}}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the scopes name registry 'nowhere', which this runtime does not serve; GET"
                        + " /api/v1/registries lists the registries");
    }

    @Test
    void createTokenWhenRoleIsUnknownShouldAnswer400ListingTheRoles() {
        create(ADMIN, "{\"scopes\": {\"files\": \"owner\"}}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the role of scope 'files' is 'owner'; it must be one of read, write, delete, admin");
    }

    @Test
    void createTokenWhenExpiryIsTooLongShouldAnswer400() {
        create(WRITER, "{\"expiresInDays\": 366, \"scopes\": {\"files\": \"read\"}}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("expiresInDays is 366; it must be from 1 to 365 (days)");
    }

    @Test
    void createTokenWhenCallerIsATokenShouldAnswer403() {
        String token = token(ADMIN, "{\"scopes\": {\"files\": \"admin\"}}");

        client.post()
                .uri("/api/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scopes\": {\"files\": \"read\"}}")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("an API token cannot issue API tokens; log in with a password to issue one");
    }

    @Test
    void createTokenWhenAnonymousShouldAnswer401() {
        client.post()
                .uri("/api/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scopes\": {\"files\": \"read\"}}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("this endpoint needs an authenticated caller; send credentials (Basic or Bearer)");
    }

    private WebTestClient.ResponseSpec create(String user, String body) {
        return client.post()
                .uri("/api/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private String token(String user, String body) {
        JsonNode issued = create(user, body)
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return issued.get("token").asString();
    }
}
