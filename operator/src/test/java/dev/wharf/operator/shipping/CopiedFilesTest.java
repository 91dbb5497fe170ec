package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CHART;
import static dev.wharf.operator.shipping.RepositoryFiles.CONFIG;
import static dev.wharf.operator.shipping.RepositoryFiles.CRDS;
import static dev.wharf.operator.shipping.RepositoryFiles.ROOT;
import static dev.wharf.operator.shipping.RepositoryFiles.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.validation.PackagedCrds;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kustomize reads no file outside a base's directory and Helm installs only the CRDs inside a chart, so config/ and
 * charts/wharf/ hold copies of the generated CRDs and of the samples: they must stay byte for byte the originals.
 */
class CopiedFilesTest {

    static final Path CONFIG_CRDS = CONFIG.resolve("crd").resolve("bases");
    static final Path CHART_CRDS = CHART.resolve("crds");
    static final Path CONFIG_SAMPLES = CONFIG.resolve("samples");

    static final String COPY_CRDS =
            "for d in config/crd/bases charts/wharf/crds; do cp crds/*.wharf.dev-v1.yml $d/; done";
    static final String COPY_SAMPLES = "cp samples/cluster/namespace.yaml samples/cluster/registries.yaml"
            + " samples/cluster/upstreams.yaml"
            + " samples/policies/*.yaml config/samples/";

    static Stream<Arguments> copies() {
        Stream<Arguments> crds = PackagedCrds.FILE_NAMES.stream()
                .flatMap(name -> Stream.of(
                        Arguments.of(CRDS.resolve(name), CONFIG_CRDS.resolve(name), COPY_CRDS),
                        Arguments.of(CRDS.resolve(name), CHART_CRDS.resolve(name), COPY_CRDS)));
        Stream<Arguments> samples = Stream.concat(
                        Stream.of(
                                SAMPLES.resolve("cluster").resolve("namespace.yaml"),
                                SAMPLES.resolve("cluster").resolve("registries.yaml"),
                                SAMPLES.resolve("cluster").resolve("upstreams.yaml")),
                        RepositoryFiles.filesIn(SAMPLES.resolve("policies"), ".yaml").stream())
                .map(original -> Arguments.of(original, CONFIG_SAMPLES.resolve(original.getFileName()), COPY_SAMPLES));
        String copyMonitoring = "cp config/prometheus/rules.yaml charts/wharf/files/prometheus-rule.yaml && cp"
                + " config/grafana/wharf-dashboard.json charts/wharf/files/";
        Stream<Arguments> monitoring = Stream.of(
                Arguments.of(
                        CONFIG.resolve("prometheus").resolve("rules.yaml"),
                        CHART.resolve("files").resolve("prometheus-rule.yaml"),
                        copyMonitoring),
                Arguments.of(
                        CONFIG.resolve("grafana").resolve("wharf-dashboard.json"),
                        CHART.resolve("files").resolve("wharf-dashboard.json"),
                        copyMonitoring));
        return Stream.of(crds, samples, monitoring).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("copies")
    void copyWhenOriginalChangedShouldEqualOriginal(Path original, Path copy, String fix) {
        assertThat(copy)
                .as("%s is missing; run: %s", ROOT.relativize(copy), fix)
                .isRegularFile();
        assertThat(RepositoryFiles.read(copy))
                .as("%s differs from %s; run: %s", ROOT.relativize(copy), ROOT.relativize(original), fix)
                .isEqualTo(RepositoryFiles.read(original));
    }

    @Test
    void crdDirectoriesShouldHoldExactlyTheGeneratedCrds() {
        List<String> generated = PackagedCrds.FILE_NAMES.stream().sorted().toList();

        assertThat(fileNames(RepositoryFiles.filesIn(CONFIG_CRDS, "")))
                .as("config/crd/bases must hold the CRDs of crds/ and nothing else")
                .isEqualTo(generated);
        assertThat(fileNames(RepositoryFiles.filesIn(CHART_CRDS, "")))
                .as("charts/wharf/crds must hold the CRDs of crds/ and nothing else")
                .isEqualTo(generated);
    }

    private static List<String> fileNames(List<Path> files) {
        return files.stream().map(file -> file.getFileName().toString()).toList();
    }
}
