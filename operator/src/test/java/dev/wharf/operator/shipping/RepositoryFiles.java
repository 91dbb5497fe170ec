package dev.wharf.operator.shipping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's shipping files (config/, charts/, crds/, samples/), read as YAML documents. */
final class RepositoryFiles {

    /** Surefire runs the tests from the operator module's directory, one level below the repository root. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final Path CONFIG = ROOT.resolve("config");
    static final Path CRDS = ROOT.resolve("crds");
    static final Path SAMPLES = ROOT.resolve("samples");
    static final Path CHART = ROOT.resolve("charts").resolve("wharf");

    static final YAMLMapper YAML = new YAMLMapper();

    private RepositoryFiles() {}

    /** Every document of a YAML file or string, skipping empty ones. */
    static List<JsonNode> documents(String yaml) {
        try (JsonParser parser = YAML.createParser(yaml);
                MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            return documents.readAll().stream()
                    .filter(document -> document != null && !document.isNull() && !document.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML: " + e.getMessage(), e);
        }
    }

    static List<JsonNode> documents(Path file) {
        return documents(read(file));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT.relativize(file), e);
        }
    }

    /** The regular files directly in a directory whose names end with the suffix, sorted by name. */
    static List<Path> filesIn(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + ROOT.relativize(directory), e);
        }
    }

    /** The documents of the given kind. */
    static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream()
                .filter(document -> kind.equals(document.path("kind").asText()))
                .toList();
    }

    /** The one document of the given kind and name. */
    static JsonNode named(List<JsonNode> documents, String kind, String name) {
        List<JsonNode> found = ofKind(documents, kind).stream()
                .filter(document ->
                        name.equals(document.path("metadata").path("name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " named " + name + ", found " + found.size());
        }
        return found.getFirst();
    }
}
