package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a pushed manifest says, read from its exact bytes (which are stored and served unchanged): its media type, the
 * blobs it references (config and layers of an image manifest), the manifests it lists (an index or manifest list),
 * its subject and artifact type. Docker schema 2 manifests and manifest lists, OCI image manifests and indexes, and
 * artifact manifests (an image manifest with an {@code artifactType} or an empty config) are understood.
 *
 * @param mediaType the media type, as the {@code Content-Type} of the push (or the document's own field) says it
 * @param blobs the blobs it references, config first
 * @param manifests the manifests it lists
 * @param subject the manifest it refers to; null when none
 * @param artifactType its artifact type, as the referrers API shows it; null when none
 * @param annotations its annotations
 */
record ManifestDocument(
        String mediaType,
        List<Descriptor> blobs,
        List<Descriptor> manifests,
        @Nullable Descriptor subject,
        @Nullable String artifactType,
        Map<String, String> annotations) {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final Set<String> SCHEMA1 = Set.of(
            "application/vnd.docker.distribution.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v1+prettyjws");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    ManifestDocument {
        blobs = List.copyOf(blobs);
        manifests = List.copyOf(manifests);
        annotations = Map.copyOf(annotations);
    }

    /** Whether it lists manifests rather than referencing blobs. */
    boolean isIndex() {
        return mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_LIST) || !manifests.isEmpty();
    }

    /**
     * Reads the manifest pushed with {@code contentType}; a MANIFEST_INVALID saying what is wrong when it is not one.
     */
    static ManifestDocument parse(byte[] bytes, @Nullable String contentType) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw invalid("the manifest is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("the manifest is not a JSON object");
        }
        String declared = text(root, "mediaType");
        String type = contentType == null || contentType.isBlank() ? declared : contentType.strip();
        if (type == null) {
            throw invalid("the manifest has no media type: send it as the Content-Type, such as " + OCI_MANIFEST);
        }
        if (declared != null && !declared.equals(type)) {
            throw invalid("the manifest's mediaType is " + declared + ", but it was pushed with Content-Type " + type
                    + "; they must be the same");
        }
        if (SCHEMA1.contains(type) || root.path("schemaVersion").asInt(0) == 1) {
            throw invalid("Docker image manifest schema 1 is not supported; push schema 2 or an OCI manifest");
        }
        if (root.path("schemaVersion").asInt(0) != 2) {
            throw invalid("the manifest's schemaVersion must be 2");
        }
        boolean index = type.equals(OCI_INDEX) || type.equals(DOCKER_LIST);
        List<Descriptor> blobs = new ArrayList<>();
        List<Descriptor> manifests = new ArrayList<>();
        String artifactType = text(root, "artifactType");
        if (index || root.has("manifests")) {
            JsonNode list = root.path("manifests");
            if (!list.isArray()) {
                throw invalid("the index has no manifests array");
            }
            for (int i = 0; i < list.size(); i++) {
                manifests.add(descriptor(list.path(i), "manifests[" + i + "]"));
            }
        } else {
            if (!root.has("config")) {
                throw invalid("the image manifest has no config descriptor");
            }
            Descriptor config = descriptor(root.path("config"), "config");
            blobs.add(config);
            JsonNode layers = root.path("layers");
            if (!layers.isMissingNode() && !layers.isArray()) {
                throw invalid("the manifest's layers is not an array");
            }
            for (int i = 0; i < layers.size(); i++) {
                blobs.add(descriptor(layers.path(i), "layers[" + i + "]"));
            }
            if (artifactType == null && type.equals(OCI_MANIFEST)) {
                artifactType = config.mediaType();
            }
        }
        Descriptor subject = root.has("subject") ? descriptor(root.path("subject"), "subject") : null;
        return new ManifestDocument(type, blobs, manifests, subject, artifactType, annotations(root));
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid("the manifest's " + where + " is not a descriptor object");
        }
        String mediaType = text(node, "mediaType");
        String digest = text(node, "digest");
        if (mediaType == null || digest == null || !node.path("size").canConvertToLong()) {
            throw invalid("the manifest's " + where + " needs a mediaType, a digest and a size");
        }
        Digest parsed;
        try {
            parsed = Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw invalid("the manifest's " + where + " has an invalid digest: " + e.getMessage());
        }
        long size = node.path("size").asLong();
        if (size < 0) {
            throw invalid("the manifest's " + where + " has a negative size");
        }
        boolean external = node.path("urls").isArray() && !node.path("urls").isEmpty();
        return new Descriptor(mediaType, parsed, size, text(node, "artifactType"), external, annotations(node));
    }

    private static Map<String, String> annotations(JsonNode node) {
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode object = node.path("annotations");
        if (object.isObject()) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getValue().isString()) {
                    annotations.put(entry.getKey(), entry.getValue().stringValue());
                }
            }
        }
        return annotations;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private static OciException invalid(String message) {
        return new OciException(OciError.MANIFEST_INVALID, message);
    }
}
