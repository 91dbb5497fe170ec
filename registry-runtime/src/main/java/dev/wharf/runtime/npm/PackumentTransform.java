package dev.wharf.runtime.npm;

import dev.wharf.runtime.proxy.DocumentTransform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/**
 * An upstream's packument with every {@code versions.*.dist.tarball} pointed at this registry's own tarball URL, token
 * by token, so that a packument of tens of megabytes is never held as a tree: only its bytes in and out.
 */
final class PackumentTransform implements DocumentTransform {

    private static final String VERSION = "npm-tarballs/1 ";

    private final String base;
    private final String name;

    /**
     * @param base this registry's URL, such as {@code http://host/npm/npm}
     * @param name the package the packument is of
     */
    PackumentTransform(String base, String name) {
        this.base = base;
        this.name = name;
    }

    @Override
    public String key() {
        String key = VERSION + base;
        // A cut key could be another base's: a long base is named by its hash instead.
        return key.length() > MAX_KEY_LENGTH
                ? VERSION + "sha256:" + NpmResponses.sha256(base.getBytes(StandardCharsets.UTF_8))
                : key;
    }

    @Override
    public byte[] apply(Source source, byte[] document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + document.length / 8);
        try (JsonParser parser = PublishBody.JSON.createParser(document);
                JsonGenerator generator = PublishBody.JSON.createGenerator(out)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(
                        "the packument of " + name + " from " + source.url() + " is not a JSON object");
            }
            while (token != null) {
                if (token == JsonToken.VALUE_STRING && isTarball(parser)) {
                    generator.writeString(rewrite(parser.getString()));
                } else {
                    generator.copyCurrentEvent(parser);
                }
                token = parser.nextToken();
            }
        }
        return out.toByteArray();
    }

    /** Whether the parser is at {@code versions.<version>.dist.tarball}. */
    private static boolean isTarball(JsonParser parser) {
        TokenStreamContext dist = parser.streamReadContext();
        if (!"tarball".equals(dist.currentName())) {
            return false;
        }
        TokenStreamContext version = dist.getParent();
        if (version == null || !"dist".equals(version.currentName())) {
            return false;
        }
        TokenStreamContext versions = version.getParent();
        if (versions == null) {
            return false;
        }
        TokenStreamContext root = versions.getParent();
        return root != null
                && "versions".equals(root.currentName())
                && root.getParent() != null
                && root.getParent().inRoot();
    }

    /** This registry's URL of the tarball the upstream named: same file name, under the package's path here. */
    private String rewrite(String upstream) {
        int query = upstream.indexOf('?');
        String path = query < 0 ? upstream : upstream.substring(0, query);
        String file = path.substring(path.lastIndexOf('/') + 1);
        return base + "/" + NpmName.path(name) + "/-/" + file;
    }
}
