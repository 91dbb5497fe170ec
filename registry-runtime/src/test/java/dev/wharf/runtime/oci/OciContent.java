package dev.wharf.runtime.oci;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Blobs and manifests for the tests: unique content, its digest, and manifests pointing at it. */
final class OciContent {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    private OciContent() {}

    /** Unique bytes of about {@code size} bytes. */
    static byte[] blob(int size) {
        byte[] bytes = new byte[size];
        byte[] unique = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = i < unique.length ? unique[i] : (byte) (i * 31 + 7);
        }
        return bytes;
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String descriptor(String mediaType, byte[] content) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest(content) + "\",\"size\":" + content.length
                + "}";
    }

    /** An image manifest of {@code mediaType} with the config and layers. */
    static byte[] image(String mediaType, byte[] config, List<byte[]> layers) {
        String configType =
                mediaType.equals(DOCKER_MANIFEST) ? "application/vnd.docker.container.image.v1+json" : OCI_CONFIG;
        String layerType =
                mediaType.equals(DOCKER_MANIFEST) ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : OCI_LAYER;
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":" + descriptor(configType, config)
                        + ",\"layers\":["
                        + layers.stream()
                                .map(layer -> descriptor(layerType, layer))
                                .collect(Collectors.joining(","))
                        + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An index of {@code mediaType} listing the manifests, by their media type. */
    static byte[] index(String mediaType, Map<byte[], String> manifests) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":["
                        + manifests.entrySet().stream()
                                .map(entry -> descriptor(entry.getValue(), entry.getKey())
                                        .replace("}", ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}"))
                                .collect(Collectors.joining(","))
                        + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An artifact manifest with {@code artifactType} whose subject is {@code subject}, and an annotation. */
    static byte[] referrer(String artifactType, byte[] emptyConfig, byte[] subject, String subjectType) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType
                        + "\",\"config\":" + descriptor("application/vnd.oci.empty.v1+json", emptyConfig)
                        + ",\"layers\":[" + descriptor("application/vnd.oci.empty.v1+json", emptyConfig)
                        + "],\"subject\":" + descriptor(subjectType, subject)
                        + ",\"annotations\":{\"org.example.kind\":\"" + artifactType + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
