package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Authorization of the docker routes and Docker's token authentication. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OciAuthTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    private static String repository() {
        return "images/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void pingWithoutCredentialsAnswers401WithABearerChallengeNamingTheTokenEndpoint() {
        String challenge = client.get()
                .uri("/v2/")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("Docker-Distribution-API-Version", "registry/2.0")
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("UNAUTHORIZED")
                .returnResult()
                .getResponseHeaders()
                .getFirst(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge).matches("Bearer realm=\"http://localhost:\\d+/v2/token\",service=\"wharf\"");
    }

    @Test
    void pingWithValidBasicCredentialsAnswers200() {
        client.get()
                .uri("/v2/")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void pullingAnonymouslyFromAPrivateRegistryIs401WithTheScopeToAskFor() {
        String repository = repository();
        String challenge = client.get()
                .uri("/v2/" + repository + "/manifests/latest")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge).endsWith(",scope=\"repository:" + repository + ":pull\"");
    }

    @Test
    void pullingAnonymouslyFromARegistryWithAnonymousReadIsAllowed() {
        client.get()
                .uri("/v2/public-images/app/tags/list")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("NAME_UNKNOWN");
    }

    @Test
    void pushingAsAReaderIsDeniedNamingTheRole() {
        client.post()
                .uri("/v2/" + repository() + "/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("DENIED")
                .jsonPath("$.errors[0].message")
                .isEqualTo("reader does not have the write role in registry 'images'; an admin of the registry"
                        + " can grant it in spec.access.rules");
    }

    @Test
    void pushingToARegistryThatDoesNotAcceptPushesIsDenied() {
        client.post()
                .uri("/v2/frozen/app/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("registry 'frozen' does not accept pushes (spec.allowPush is false)");
    }

    @Test
    void aTokenForAReaderAllowsPullAndAPushWithItIs401AskingForThePushScope() {
        String repository = repository();
        String token = token(READER, "repository:" + repository + ":pull,push");

        client.get()
                .uri("/v2/" + repository + "/tags/list")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isNotFound();
        String challenge = client.post()
                .uri("/v2/" + repository + "/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge).endsWith(",scope=\"repository:" + repository + ":pull,push\"");
    }

    @Test
    void aTokenAllowsOnlyTheActionsAskedForEvenWhenTheRoleAllowsMore() {
        String repository = repository();
        String token = token(WRITER, "repository:" + repository + ":pull");

        client.post()
                .uri("/v2/" + repository + "/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("the token does not allow the write role in registry 'images'; get a token for the scope"
                        + " the challenge names");
    }

    @Test
    void aTokenIssuedWithoutCredentialsReadsWhatAnonymousMayAndNothingElse() {
        Map<String, Object> response = client.get()
                .uri("/v2/token?service=wharf&scope=repository:public-images/app:pull&scope=repository:images/app:pull")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String token = String.valueOf(response.get("token"));

        client.get()
                .uri("/v2/public-images/app/tags/list")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri("/v2/images/app/tags/list")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aTokenForAWriterAllowsAPush() {
        String repository = repository();
        String token = token(WRITER, "repository:" + repository + ":pull,push");
        byte[] layer = blob(100);

        client.post()
                .uri("/v2/" + repository + "/blobs/uploads/?digest=" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(layer)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void aTokenForOneRegistryAllowsNothingInAnother() {
        String token = token(WRITER, "repository:public-images/app:pull,push");

        client.post()
                .uri("/v2/" + repository() + "/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void theTokenEndpointRefusesAWrongPasswordWith401() {
        client.get()
                .uri("/v2/token?service=wharf&scope=repository:images/app:pull")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(
                                                "reader:wrong".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("UNAUTHORIZED");
    }

    @Test
    void aChangedTokenIsRefusedWith401AndNotTreatedAsAnonymous() {
        String token = token(READER, "repository:public-images/app:pull");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        String body = client.get()
                .uri("/v2/public-images/app/tags/list")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("signature is not valid").doesNotContain(forged);
    }

    @Test
    void thePasswordGrantIssuesARefreshTokenThatIssuesAccessTokensAgain() {
        String repository = repository();
        Map<String, Object> first = client.post()
                .uri("/v2/token")
                .body(BodyInserters.fromFormData("grant_type", "password")
                        .with("username", WRITER)
                        .with("password", dev.wharf.runtime.testing.TestRuntime.PASSWORD)
                        .with("service", "wharf")
                        .with("scope", "repository:" + repository + ":pull"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(first).containsKey("refresh_token");

        Map<String, Object> second = client.post()
                .uri("/v2/token")
                .body(BodyInserters.fromFormData("grant_type", "refresh_token")
                        .with("refresh_token", String.valueOf(first.get("refresh_token")))
                        .with("service", "wharf")
                        .with("scope", "repository:" + repository + ":pull,push"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        client.post()
                .uri("/v2/" + repository + "/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + second.get("token"))
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        Map<String, Object> response = client.post()
                .uri("/v2/token")
                .body(BodyInserters.fromFormData("grant_type", "password")
                        .with("username", READER)
                        .with("password", dev.wharf.runtime.testing.TestRuntime.PASSWORD)
                        .with("scope", "repository:images/app:pull"))
                .exchange()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        client.get()
                .uri("/v2/images/app/tags/list")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + response.get("refresh_token"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private String token(String user, String scope) {
        Map<String, Object> response = client.get()
                .uri(uri -> uri.path("/v2/token")
                        .queryParam("service", "wharf")
                        .queryParam("scope", scope)
                        .build())
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(response).containsKeys("token", "access_token", "expires_in", "issued_at");
        return String.valueOf(response.get("token"));
    }
}
