package dev.wharf.runtime.robustness;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * What a runtime has stored, read from the outside: the files of its data directory (the filesystem blob store keeps
 * blobs in {@code blobs/} and uploads in progress in {@code uploads/}) and the packages its API lists.
 */
final class StoredState {

    /** Where the filesystem blob store keeps finished blobs, under the data directory. */
    static final String BLOBS = "blobs";

    /** Where it keeps uploads in progress. */
    static final String UPLOADS = "uploads";

    private StoredState() {}

    /** The regular files under {@code dir}, as paths relative to it; empty when it does not exist. */
    static Set<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            Set<String> files = new TreeSet<>();
            paths.filter(Files::isRegularFile)
                    .forEach(path -> files.add(dir.relativize(path).toString()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The blobs and the temporary upload files of the filesystem store in {@code dataDir}. */
    static Set<String> storageFiles(Path dataDir) {
        Set<String> files = new TreeSet<>();
        files(dataDir.resolve(BLOBS)).forEach(file -> files.add(BLOBS + "/" + file));
        files(dataDir.resolve(UPLOADS)).forEach(file -> files.add(UPLOADS + "/" + file));
        return files;
    }

    /** The names of the packages {@code GET /api/v1/registries/<registry>/packages} lists, asked as the admin. */
    static List<String> packageNames(RawHttp http, String registry) {
        RawHttp.Response response = http.exchange(
                "GET", "/api/v1/registries/" + registry + "/packages?size=1000", basic(ADMIN), new byte[0]);
        assertThat(response.status()).as("the package listing: %s", response).isEqualTo(200);
        JsonNode page = response.json();
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asString()));
        assertThat(page.get("totalItems").asLong())
                .as("the listing fits one page")
                .isEqualTo(names.size());
        return names;
    }
}
