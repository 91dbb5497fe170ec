package dev.wharf.runtime.setup;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Setup Client: per format, the commands and files a client needs, with placeholders or a token minted once. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SetupApiTest {

    @TempDir
    static Path root;

    @LocalServerPort
    int port;

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        String access = """
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                      - {subjects: [{group: admins}], role: admin}
                """;
        StringBuilder manifests = new StringBuilder();
        for (String format : List.of("npm", "pypi", "docker")) {
            manifests.append("""
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: %1$s-setup
                    spec:
                      format: %1$s
                    %2$s---
                    """.formatted(format, access));
        }
        manifests.append("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: exposed
                spec:
                  format: npm
                  expose:
                    host: npm.example.com
                    tls: {secretName: npm-tls}
                %s""".formatted(access));
        Files.writeString(root.resolve("config/setup.yaml"), manifests.toString());
    }

    @Test
    void genericSetupWithoutTokenShouldUsePlaceholdersAndTheRequestHost() {
        JsonNode setup = setup(READER, "files", "");

        assertThat(setup.get("format").asString()).isEqualTo("generic");
        assertThat(setup.get("url").asString()).isEqualTo(base() + "/generic/files/");
        assertThat(setup.has("token")).isFalse();
        assertThat(commands(setup, "push"))
                .singleElement()
                .asString()
                .contains("-T <file>")
                .endsWith(base() + "/generic/files/<package>/<version>/<file>");
        assertThat(file(setup, "~/.netrc")).isEqualTo("machine localhost login <username> password <token>\n");
    }

    @Test
    void setupWithNewTokenShouldMintATokenScopedToTheRegistryWithTheCallersRoleThatUploads() {
        JsonNode setup = client.get()
                .uri("/api/v1/registries/files/setup?token=new")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .cacheControl(CacheControl.noStore())
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        String token = setup.get("token").get("token").asString();
        assertThat(token).startsWith("wharf_");
        assertThat(setup.get("token").get("role").asString()).isEqualTo("write");
        assertThat(file(setup, "~/.netrc")).isEqualTo("machine localhost login writer password " + token + "\n");
        client.put()
                .uri("/generic/files/setup-token/1.0/a.txt")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue("uploaded with the setup's token".getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isCreated();
        client.put()
                .uri("/generic/copies/setup-token/1.0/a.txt")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .bodyValue("x".getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void setupWithNewTokenByAnAdminShouldGrantAdminOnlyThere() {
        JsonNode setup = setup(ADMIN, "files", "?token=new");

        assertThat(setup.get("token").get("role").asString()).isEqualTo("admin");
        client.get()
                .uri("/api/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.id == " + setup.get("token").get("id").asLong() + ")].scopes.files")
                .isEqualTo("admin");
    }

    @Test
    void setupWithNewTokenWhenAnonymousShouldAnswer401WithAChallenge() {
        client.get()
                .uri("/api/v1/registries/public-files/setup?token=new")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void setupWithNewTokenWhenCalledWithATokenShouldRefuseSayingToUseAPassword() {
        String token =
                setup(WRITER, "files", "?token=new").get("token").get("token").asString();

        client.get()
                .uri("/api/v1/registries/files/setup?token=new")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("an API token cannot issue API tokens; log in with a password to get a setup with a new"
                        + " token, or leave ?token=new out");
    }

    @Test
    void setupWithAnotherTokenValueShouldAnswer400NamingTheOneValue() {
        client.get()
                .uri("/api/v1/registries/files/setup?token=yes")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the token parameter takes only 'new' (?token=new mints a token for this registry);"
                        + " leave it out for commands with placeholders");
    }

    @Test
    void setupOfAFormatNotServedShouldAnswer409NamingTheFormat() {
        client.get()
                .uri("/api/v1/registries/crates/setup")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'crates' is of format cargo, which this runtime does not serve yet, so it has no"
                        + " client setup; GET /api/v1/registries lists the registries and their formats");
    }

    @Test
    void mavenSetupShouldGiveASettingsServerAndMirrorNamedAfterTheRegistry() {
        JsonNode setup = setup(READER, "jars", "");

        String settings = file(setup, "~/.m2/settings.xml");
        assertThat(settings)
                .contains("<id>jars</id>\n      <username>&lt;username&gt;</username>")
                .contains("<url>" + base() + "/maven/jars/</url>\n      <mirrorOf>*</mirrorOf>");
        assertThat(commands(setup, "push"))
                .containsExactly("mvn deploy -DaltDeploymentRepository=jars::" + base() + "/maven/jars/");
    }

    @Test
    void npmSetupShouldGiveAnNpmrcWithTheRegistryAndItsTokenLine() {
        JsonNode setup = setup(WRITER, "npm-setup", "?token=new");

        String token = setup.get("token").get("token").asString();
        assertThat(file(setup, "~/.npmrc"))
                .isEqualTo("registry=" + base() + "/npm/npm-setup/\n//localhost:" + port + "/npm/npm-setup/:_authToken="
                        + token + "\n");
    }

    @Test
    void pypiSetupShouldGiveAnIndexWithCredentialsTrustedOverPlainHttpAndAPypirc() {
        JsonNode setup = setup(READER, "pypi-setup", "");

        assertThat(setup.get("url").asString()).isEqualTo(base() + "/pypi/pypi-setup/simple/");
        assertThat(file(setup, "~/.config/pip/pip.conf"))
                .isEqualTo("[global]\nindex-url = http://<username>:<token>@localhost:" + port
                        + "/pypi/pypi-setup/simple/\ntrusted-host = localhost\n");
        assertThat(file(setup, "~/.pypirc")).contains("repository = " + base() + "/pypi/pypi-setup/\n");
    }

    @Test
    void dockerSetupShouldNameImagesUnderTheRegistryAndPassPlainHttpToHelm() {
        JsonNode setup = setup(READER, "docker-setup", "");

        String prefix = "localhost:" + port + "/docker-setup";
        assertThat(setup.get("url").asString()).isEqualTo(prefix);
        assertThat(commands(setup, "login"))
                .contains("echo '<token>' | docker login localhost:" + port + " -u <username> --password-stdin");
        assertThat(commands(setup, "push"))
                .contains("helm push <chart>-<version>.tgz oci://" + prefix + " --plain-http");
        assertThat(file(setup, "/etc/docker/daemon.json")).contains("\"localhost:" + port + "\"");
    }

    @Test
    void setupOfAnExposedRegistryShouldUseItsExternalUrl() {
        JsonNode setup = setup(READER, "exposed", "");

        assertThat(setup.get("url").asString()).isEqualTo("https://npm.example.com/npm/exposed/");
    }

    @Test
    void setupWhenTheCallerMayNotReadShouldAnswer401() {
        client.get()
                .uri("/api/v1/registries/files/setup")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private JsonNode setup(String user, String registry, String query) {
        return client.get()
                .uri("/api/v1/registries/" + registry + "/setup" + query)
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<String> commands(JsonNode setup, String kind) {
        List<String> commands = new ArrayList<>();
        setup.get(kind).forEach(command -> commands.add(command.get("command").asString()));
        return commands;
    }

    private static String file(JsonNode setup, String path) {
        for (JsonNode file : setup.get("configuration")) {
            if (file.get("path").asString().equals(path)) {
                return file.get("content").asString();
            }
        }
        throw new AssertionError("no configuration file " + path + " in " + setup);
    }
}
