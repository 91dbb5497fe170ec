package dev.wharf.runtime.npm;

import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.purge.RegistryPurge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The management API on npm content: a copy takes the version into the target's packument (tarball URL there, its
 * integrity, its time), moves the target's {@code latest} only to a higher release and leaves the source alone; a
 * version delete hands {@code latest} back to the highest remaining release in that registry only; a package delete
 * leaves the copy; a purge deletes npm's own rows of the registry.
 */
class NpmManagementApiTest extends SharedNpmRuntime {

    private static final String SOURCE = NpmTestRuntime.HOSTED;
    private static final String TARGET = NpmTestRuntime.PUBLIC;

    @Autowired
    private MetadataDatabase database;

    @Autowired
    private AllFormatRows formats;

    @Test
    void copyAndDeleteShouldKeepPackumentsAndDistTagsRightInBothRegistries() throws Exception {
        String name = "copied-pkg";
        for (String version : List.of("1.0.0", "2.0.0", "3.0.0-rc.1")) {
            publish(SOURCE, name, version, version.contains("-") ? "next" : "latest");
        }
        assertThat(distTags(SOURCE, name)).isEqualTo("{\"latest\":\"2.0.0\",\"next\":\"3.0.0-rc.1\"}");

        copy(name, "1.0.0");
        JsonNode target = packument(TARGET, name);
        assertThat(target.path("versions").propertyNames()).containsExactly("1.0.0");
        assertThat(target.path("dist-tags").toString()).isEqualTo("{\"latest\":\"1.0.0\"}");
        JsonNode dist = target.path("versions").path("1.0.0").path("dist");
        assertThat(dist.path("tarball").asString()).isEqualTo(url(TARGET) + "/" + name + "/-/" + name + "-1.0.0.tgz");
        assertThat(dist.path("integrity").asString()).isEqualTo(NpmPackage.integrity(NpmPackage.packed(name, "1.0.0")));
        assertThat(target.path("time").has("1.0.0")).isTrue();
        HttpResponse<byte[]> tarball = send(
                HttpRequest.newBuilder(URI.create(dist.path("tarball").asString())),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tarball.statusCode()).isEqualTo(200);
        assertThat(NpmPackage.integrity(tarball.body()))
                .isEqualTo(dist.path("integrity").asString());

        copy(name, "3.0.0-rc.1");
        assertThat(distTags(TARGET, name)).isEqualTo("{\"latest\":\"1.0.0\"}");
        copy(name, "2.0.0");
        assertThat(distTags(TARGET, name)).isEqualTo("{\"latest\":\"2.0.0\"}");
        assertThat(packument(TARGET, name).path("versions").propertyNames())
                .containsExactlyInAnyOrder("1.0.0", "2.0.0", "3.0.0-rc.1");
        assertThat(distTags(SOURCE, name)).isEqualTo("{\"latest\":\"2.0.0\",\"next\":\"3.0.0-rc.1\"}");

        deleteVersion(TARGET, name, "2.0.0");
        assertThat(distTags(TARGET, name)).isEqualTo("{\"latest\":\"1.0.0\"}");
        assertThat(packument(TARGET, name).path("versions").propertyNames())
                .containsExactlyInAnyOrder("1.0.0", "3.0.0-rc.1");
        assertThat(distTags(SOURCE, name)).isEqualTo("{\"latest\":\"2.0.0\",\"next\":\"3.0.0-rc.1\"}");
        assertThat(packument(SOURCE, name).path("versions").propertyNames())
                .containsExactlyInAnyOrder("1.0.0", "2.0.0", "3.0.0-rc.1");

        HttpResponse<String> again = publishResponse(TARGET, name, "2.0.0", "latest");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(403);
        assertThat(again.body()).contains("You cannot publish over the previously published versions: 2.0.0");

        HttpResponse<String> deleted = send(
                HttpRequest.newBuilder(URI.create(api(SOURCE) + "/packages/" + name))
                        .header("Authorization", basic(DELETER))
                        .DELETE(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(get(url(SOURCE) + "/" + name).statusCode()).isEqualTo(404);
        assertThat(distTags(TARGET, name)).isEqualTo("{\"latest\":\"1.0.0\"}");
    }

    @Test
    void purgeShouldDeleteTheRegistrysNpmRows() throws Exception {
        publish(PURGED, "purged-pkg", "1.0.0", "latest");
        publish(PURGED, "purged-pkg", "1.1.0", "latest");
        long registry = number("SELECT id AS n FROM registry WHERE name = '" + PURGED + "'");
        String packages = "(SELECT id FROM package WHERE registry_id = " + registry + ")";
        String versions = "(SELECT v.id FROM version v JOIN package p ON p.id = v.package_id WHERE p.registry_id = "
                + registry + ")";
        List<Long> packageIds = numbers("SELECT id AS n FROM package WHERE registry_id = " + registry);
        List<Long> versionIds = numbers("SELECT id AS n FROM version WHERE id IN " + versions);
        assertThat(number("SELECT COUNT(*) AS n FROM npm_published WHERE registry_id = " + registry))
                .isEqualTo(2);
        assertThat(number("SELECT COUNT(*) AS n FROM npm_package WHERE package_id IN " + packages))
                .isEqualTo(1);
        assertThat(number("SELECT COUNT(*) AS n FROM npm_version WHERE version_id IN " + versions))
                .isEqualTo(2);

        new RegistryPurge(database, formats, null, Clock.systemUTC()).purge(PURGED);

        assertThat(number("SELECT COUNT(*) AS n FROM npm_published WHERE registry_id = " + registry))
                .isZero();
        assertThat(number("SELECT COUNT(*) AS n FROM npm_package WHERE package_id IN (" + join(packageIds) + ")"))
                .isZero();
        assertThat(number("SELECT COUNT(*) AS n FROM npm_version WHERE version_id IN (" + join(versionIds) + ")"))
                .isZero();
    }

    private String url(String registry) {
        return "http://localhost:" + port + "/npm/" + registry;
    }

    private String api(String registry) {
        return "http://localhost:" + port + "/api/v1/registries/" + registry;
    }

    private void publish(String registry, String name, String version, String tag) throws Exception {
        HttpResponse<String> published = publishResponse(registry, name, version, tag);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    private HttpResponse<String> publishResponse(String registry, String name, String version, String tag)
            throws Exception {
        String document = NpmPackage.publishDocument(name, version, NpmPackage.packed(name, version))
                .replace("\"dist-tags\": {\"latest\"", "\"dist-tags\": {\"" + tag + "\"");
        return send(
                HttpRequest.newBuilder(URI.create(url(registry) + "/" + name))
                        .header("Authorization", basic(WRITER))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(document)),
                HttpResponse.BodyHandlers.ofString());
    }

    private void copy(String name, String version) throws Exception {
        HttpResponse<String> copied = send(
                HttpRequest.newBuilder(URI.create(api(SOURCE) + "/packages/" + name + "/versions/" + version + "/copy"))
                        .header("Authorization", basic(WRITER))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"targetRegistry\": \"" + TARGET + "\"}")),
                HttpResponse.BodyHandlers.ofString());
        assertThat(copied.statusCode()).as(copied.body()).isEqualTo(201);
    }

    private void deleteVersion(String registry, String name, String version) throws Exception {
        HttpResponse<String> deleted = send(
                HttpRequest.newBuilder(URI.create(api(registry) + "/packages/" + name + "/versions/" + version))
                        .header("Authorization", basic(DELETER))
                        .DELETE(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }

    private JsonNode packument(String registry, String name) throws Exception {
        HttpResponse<String> response = get(url(registry) + "/" + name);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PublishBody.JSON.readTree(response.body());
    }

    /** The dist-tags as npm dist-tag ls reads them, and as the packument has them. */
    private String distTags(String registry, String name) throws Exception {
        HttpResponse<String> listed = get(url(registry) + "/-/package/" + name + "/dist-tags");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        String tags = PublishBody.JSON.readTree(listed.body()).toString();
        assertThat(packument(registry, name).path("dist-tags").toString()).isEqualTo(tags);
        return tags;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(READER)),
                HttpResponse.BodyHandlers.ofString());
    }

    private long number(String sql) {
        return Objects.requireNonNull(database.client()
                .sql(sql)
                .map(row -> ((Number) Objects.requireNonNull(row.get("n"))).longValue())
                .one()
                .block());
    }

    private List<Long> numbers(String sql) {
        return Objects.requireNonNull(database.client()
                .sql(sql)
                .map(row -> ((Number) Objects.requireNonNull(row.get("n"))).longValue())
                .all()
                .collectList()
                .block());
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), body);
        }
    }
}
