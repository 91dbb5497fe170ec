package dev.wharf.api.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The CRDs the build generated, read from this module's classpath ({@code META-INF/fabric8/}). */
public final class PackagedCrds {

    /** The file names the CRD generator writes, one per kind; the same names are committed in {@code crds/}. */
    public static final List<String> FILE_NAMES = List.of(
            "registries.wharf.dev-v1.yml",
            "upstreamproxies.wharf.dev-v1.yml",
            "cleanuppolicies.wharf.dev-v1.yml",
            "firewallpolicies.wharf.dev-v1.yml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PackagedCrds() {}

    /** The four CRDs as YAML trees. */
    public static List<JsonNode> read() {
        return FILE_NAMES.stream().map(PackagedCrds::read).toList();
    }

    private static JsonNode read(String fileName) {
        String resource = "/META-INF/fabric8/" + fileName;
        try (InputStream in = PackagedCrds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: was the crds module built?");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The single version's openAPIV3Schema of a CRD. */
    public static JsonNode schemaOf(JsonNode crd) {
        return crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
    }
}
