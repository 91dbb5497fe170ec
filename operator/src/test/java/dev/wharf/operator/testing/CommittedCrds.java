package dev.wharf.operator.testing;

import dev.wharf.api.v1alpha1.validation.PackagedCrds;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The CRDs committed in the repository's {@code crds/} directory, as the cluster gets them. */
public final class CommittedCrds {

    /** Surefire runs the tests from the operator module's directory; the CRDs are committed next to it. */
    public static final Path DIRECTORY = Path.of("..", "crds").toAbsolutePath().normalize();

    private CommittedCrds() {}

    /** Every committed CRD, read from its file. */
    public static List<CustomResourceDefinition> read(KubernetesClient client) {
        return PackagedCrds.FILE_NAMES.stream()
                .map(name -> {
                    Path file = DIRECTORY.resolve(name);
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalStateException(file + " is missing: regenerate the committed CRDs with"
                                + " ./mvnw -pl crds -Pregenerate-crds process-classes");
                    }
                    return client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .load(file.toFile())
                            .item();
                })
                .toList();
    }

    /** Creates every committed CRD in the client's cluster. */
    public static void create(KubernetesClient client) {
        read(client).forEach(crd -> client.resource(crd).create());
    }
}
