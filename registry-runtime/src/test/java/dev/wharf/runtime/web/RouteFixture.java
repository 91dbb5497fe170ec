package dev.wharf.runtime.web;

import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.fail;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Real content for the authorization checks, pushed as a client would: a package with one version, one file and a
 * metadata key on both, in one registry. Its names fill the path variables of a route pattern.
 *
 * @param registry the registry holding it
 * @param packageName a package no other test uses
 */
record RouteFixture(String registry, String packageName) {

    static final String VERSION = "1.0.0";
    static final String FILE = "docs/readme.txt";
    static final String CONTENT = "authorization fixture\n";
    static final String METADATA_KEY = "team";

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([A-Za-z]+)}");

    /** Uploads the file and sets the metadata as the writer; fails the test unless the registry stores both. */
    static RouteFixture create(WebTestClient client, String registry) {
        RouteFixture fixture = new RouteFixture(
                registry, "authz-" + UUID.randomUUID().toString().substring(0, 8));
        client.put()
                .uri("/generic/" + registry + "/" + fixture.packageName + "/" + VERSION + "/" + FILE)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(CONTENT)
                .exchange()
                .expectStatus()
                .isCreated();
        String packageUrl = "/api/v1/registries/" + registry + "/packages/" + fixture.packageName;
        for (String owner : new String[] {packageUrl, packageUrl + "/versions/" + VERSION}) {
            client.put()
                    .uri(owner + "/metadata")
                    .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"" + METADATA_KEY + "\": \"platform\"}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        return fixture;
    }

    /**
     * The route pattern with its path variables filled with this fixture's names; {@code tokenId} fills {@code {id}}.
     */
    String url(String pattern, String tokenId) {
        Map<String, String> values = Map.of(
                "registry", registry,
                "package", packageName,
                "version", VERSION,
                "path", FILE,
                "key", METADATA_KEY,
                "id", tokenId);
        Matcher variables = VARIABLE.matcher(pattern);
        StringBuilder url = new StringBuilder();
        while (variables.find()) {
            String value = values.get(Objects.requireNonNull(variables.group(1)));
            if (value == null) {
                fail("route pattern " + pattern + " has the path variable '" + variables.group(1)
                        + "', which RouteFixture.url cannot fill; add a value for it there");
            }
            variables.appendReplacement(url, Matcher.quoteReplacement(value));
        }
        return variables.appendTail(url).toString();
    }
}
