package dev.wharf.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wharf.api.v1alpha1.validation.PackagedCrds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed CRD files of this module, read as YAML trees. */
final class CustomResourceDefinitions {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The module directory, where the committed CRDs live (Surefire runs tests from it). */
    static final Path COMMITTED_DIR = Path.of("").toAbsolutePath();

    static final List<String> FILE_NAMES = PackagedCrds.FILE_NAMES;

    private CustomResourceDefinitions() {}

    static List<JsonNode> committed() {
        return FILE_NAMES.stream()
                .map(name -> read(COMMITTED_DIR.resolve(name)))
                .toList();
    }

    static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<JsonNode> readAll(Path file) {
        try (var parser = YAML.createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<Path> yamlFilesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static JsonNode schemaOf(JsonNode crd) {
        return PackagedCrds.schemaOf(crd);
    }
}
