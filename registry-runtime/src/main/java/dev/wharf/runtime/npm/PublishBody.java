package dev.wharf.runtime.npm;

import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.RequestRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code PUT /<package>} as npm sends it: the packument's name, dist-tags and versions, and each attachment
 * (a tarball in base64) decoded as it is read, straight into a file of its own with its sha512, sha1 and sha256, so
 * that no tarball is ever held in memory. The rest of the document is small and read as a tree.
 *
 * @param name the document's {@code name}; null when it has none
 * @param distTags its {@code dist-tags}
 * @param versions its {@code versions}, each a version document
 * @param readme its {@code readme}; null when it has none
 * @param attachments its {@code _attachments} by file name, decoded
 */
record PublishBody(
        @Nullable String name,
        Map<String, String> distTags,
        Map<String, ObjectNode> versions,
        @Nullable String readme,
        Map<String, Attachment> attachments) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads one value of a document the parser is in the middle of. */
    private static final JsonMapper PARTS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * An attachment, decoded into {@code file}.
     *
     * @param file where its bytes are
     * @param declaredLength the {@code length} the client gave; null when it gave none
     * @param size how many bytes it decoded to
     * @param sha512 its sha512, as {@code dist.integrity} writes it ({@code sha512-<base64>})
     * @param sha1 its sha1 in hex, as {@code dist.shasum} writes it
     * @param sha256 its sha256, the blob store's key
     */
    record Attachment(Path file, @Nullable Long declaredLength, long size, String sha512, String sha1, Digest sha256) {}

    /**
     * Reads the document in {@code body}, decoding attachments into files under {@code dir}.
     *
     * @param maxAttachmentBytes the most an attachment may decode to
     * @param registry the registry published to, for the message of an attachment too large
     * @throws RequestRefusedException 400 for a document that is not one npm sends or that is cut short, 413 for an
     *     attachment too large
     */
    static PublishBody read(Path body, Path dir, long maxAttachmentBytes, String registry) {
        try (InputStream in = Files.newInputStream(body);
                JsonParser parser = PARTS.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("the body is not a JSON object");
            }
            String name = null;
            String readme = null;
            Map<String, String> tags = new LinkedHashMap<>();
            Map<String, ObjectNode> versions = new LinkedHashMap<>();
            Map<String, Attachment> attachments = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "name" -> name = text(parser, value, "name");
                    case "readme" -> readme = value == JsonToken.VALUE_STRING ? parser.getString() : skip(parser);
                    case "dist-tags" -> tags(PARTS.readTree(parser), tags);
                    case "versions" -> versions(PARTS.readTree(parser), versions);
                    case "_attachments" ->
                        attachments(parser, value, dir, new Limit(maxAttachmentBytes, registry), attachments);
                    default -> parser.skipChildren();
                }
            }
            return new PublishBody(name, tags, versions, readme, attachments);
        } catch (UnexpectedEndOfInputException e) {
            throw cutShort(body);
        } catch (JacksonException e) {
            throw malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable String skip(JsonParser parser) {
        parser.skipChildren();
        return null;
    }

    private static String text(JsonParser parser, JsonToken value, String field) {
        if (value != JsonToken.VALUE_STRING) {
            throw malformed("\"" + field + "\" must be a string");
        }
        return parser.getString();
    }

    private static void tags(JsonNode node, Map<String, String> tags) {
        if (!node.isObject()) {
            throw malformed("\"dist-tags\" must be an object of tag names and versions");
        }
        for (Map.Entry<String, JsonNode> tag : node.properties()) {
            if (!tag.getValue().isString()) {
                throw malformed("dist-tag '" + NpmName.printable(tag.getKey()) + "' must name a version");
            }
            tags.put(tag.getKey(), tag.getValue().asString());
        }
    }

    private static void versions(JsonNode node, Map<String, ObjectNode> versions) {
        if (!node.isObject()) {
            throw malformed("\"versions\" must be an object of version documents");
        }
        for (Map.Entry<String, JsonNode> version : node.properties()) {
            if (!(version.getValue() instanceof ObjectNode document)) {
                throw malformed("version '" + NpmName.printable(version.getKey()) + "' must be a JSON object");
            }
            versions.put(version.getKey(), document);
        }
    }

    private static void attachments(
            JsonParser parser, JsonToken value, Path dir, Limit max, Map<String, Attachment> attachments)
            throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw malformed("\"_attachments\" must be an object of file names and attachments");
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String file = parser.currentName();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed("attachment '" + NpmName.printable(file) + "' must be an object");
            }
            Long length = null;
            Attachment decoded = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals("data") && token == JsonToken.VALUE_STRING) {
                    decoded = decode(parser, dir, max);
                } else if (field.equals("length") && token == JsonToken.VALUE_NUMBER_INT) {
                    length = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
            if (decoded == null) {
                throw malformed("attachment '" + NpmName.printable(file) + "' has no base64 \"data\"");
            }
            attachments.put(
                    file,
                    new Attachment(
                            decoded.file(),
                            length,
                            decoded.size(),
                            decoded.sha512(),
                            decoded.sha1(),
                            decoded.sha256()));
        }
    }

    private static Attachment decode(JsonParser parser, Path dir, Limit max) throws IOException {
        Path file = Files.createTempFile(dir, "tarball", ".tgz");
        HashingOutput out = new HashingOutput(Files.newOutputStream(file), max);
        try (out) {
            parser.readBinaryValue(Base64Variants.MIME_NO_LINEFEEDS, out);
        } catch (UnexpectedEndOfInputException e) {
            throw e;
        } catch (JacksonException e) {
            throw malformed("an attachment's data is not valid base64: " + e.getOriginalMessage());
        }
        return new Attachment(
                file,
                null,
                out.size,
                "sha512-" + Base64.getEncoder().encodeToString(out.sha512.digest()),
                HexFormat.of().formatHex(out.sha1.digest()),
                Digest.sha256(out.sha256.digest()));
    }

    private static RequestRefusedException cutShort(Path body) {
        long size;
        try {
            size = Files.size(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return malformed("the body ends after " + size + " bytes, in the middle of the document: the upload was cut"
                + " short; nothing was published");
    }

    /** The most an attachment may decode to, and the registry whose limit it is. */
    private record Limit(long bytes, String registry) {}

    private static RequestRefusedException malformed(String message) {
        return RequestRefusedException.badRequest(message + "; publish with npm publish");
    }

    /** Writes to a file while hashing, refusing more than the limit. */
    private static final class HashingOutput extends OutputStream {

        private final OutputStream out;
        private final Limit max;
        private final MessageDigest sha512 = digest("SHA-512");
        private final MessageDigest sha1 = digest("SHA-1");
        private final MessageDigest sha256 = digest("SHA-256");
        private long size;

        HashingOutput(OutputStream out, Limit max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            size += length;
            if (size > max.bytes()) {
                throw new RequestRefusedException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "Tarball too large",
                        "the tarball is larger than " + max.bytes() + " bytes, the most registry '" + max.registry()
                                + "' accepts (spec.maxUploadSize); nothing was published");
            }
            sha512.update(bytes, offset, length);
            sha1.update(bytes, offset, length);
            sha256.update(bytes, offset, length);
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private static MessageDigest digest(String algorithm) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no " + algorithm, e);
            }
        }
    }
}
