package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CONFIG;
import static dev.wharf.operator.shipping.RepositoryFiles.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file and base a kustomization names exists, without running kustomize. */
class KustomizationResourcesTest {

    static final List<String> BASES =
            List.of("crd", "rbac", "manager", "default", "prometheus", "grafana", "samples", "argocd");

    static List<Path> kustomizations() {
        try (Stream<Path> files = Files.walk(CONFIG)) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void configShouldHoldEveryBase() {
        assertThat(BASES)
                .allSatisfy(base -> assertThat(CONFIG.resolve(base).resolve("kustomization.yaml"))
                        .as("config/%s/kustomization.yaml", base)
                        .isRegularFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyResourceOfAKustomizationShouldExist(Path kustomization) {
        JsonNode document = RepositoryFiles.documents(kustomization).getFirst();
        Path base = kustomization.getParent();

        List<String> missing = new ArrayList<>();
        for (JsonNode resource : document.path("resources")) {
            Path target = base.resolve(resource.asText()).normalize();
            boolean exists = Files.isDirectory(target)
                    ? Files.isRegularFile(target.resolve("kustomization.yaml"))
                    : Files.isRegularFile(target);
            if (!exists) {
                missing.add(resource.asText());
            }
        }
        for (JsonNode generator : document.path("configMapGenerator")) {
            for (JsonNode file : generator.path("files")) {
                String path = file.asText().substring(file.asText().indexOf('=') + 1);
                if (!Files.isRegularFile(base.resolve(path))) {
                    missing.add(path);
                }
            }
        }

        assertThat(missing)
                .as(
                        "%s names resources that do not exist (a directory needs a kustomization.yaml)",
                        ROOT.relativize(kustomization))
                .isEmpty();
    }

    @Test
    void defaultShouldInstallCrdsRbacAndManagerInWharfSystem() {
        JsonNode document = RepositoryFiles.documents(CONFIG.resolve("default").resolve("kustomization.yaml"))
                .getFirst();

        assertThat(document.path("namespace").asText()).isEqualTo("wharf-system");
        assertThat(document.path("resources").valueStream().map(JsonNode::asText))
                .contains("../crd", "../rbac", "../manager");
    }
}
