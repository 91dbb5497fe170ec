package dev.wharf.runtime.npm;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What an upstream's packument says of one version: its tarball's {@code dist.integrity} and {@code dist.shasum}, and
 * its publish time ({@code time.<version>}). Read token by token, the rest of the document skipped, so that a packument
 * of tens of megabytes is never held as a tree.
 *
 * @param integrity {@code dist.integrity}; null when the packument gives none
 * @param shasum {@code dist.shasum}; null when the packument gives none
 * @param publishedAt {@code time.<version>}; null when the packument gives none, or not as an ISO 8601 time
 */
record PackumentFacts(
        @Nullable String integrity,
        @Nullable String shasum,
        @Nullable Instant publishedAt) {

    /**
     * The facts of {@code version}; empty when the packument has no such version.
     *
     * @throws IllegalArgumentException when the packument is not a JSON object
     */
    static Optional<PackumentFacts> of(byte[] packument, String version) {
        return of(new java.io.ByteArrayInputStream(packument), version);
    }

    /**
     * The facts of {@code version}, read from {@code packument} as far as needed; empty when it has no such version.
     *
     * @throws IllegalArgumentException when the packument is not a JSON object
     */
    static Optional<PackumentFacts> of(java.io.InputStream packument, String version) {
        try (JsonParser parser = PublishBody.JSON.createParser(packument)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("the packument is not a JSON object");
            }
            boolean found = false;
            String integrity = null;
            String shasum = null;
            Instant publishedAt = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                } else if (field.equals("versions")) {
                    Dist dist = dist(parser, version);
                    if (dist != null) {
                        found = true;
                        integrity = dist.integrity();
                        shasum = dist.shasum();
                    }
                } else if (field.equals("time")) {
                    publishedAt = time(parser, version);
                } else {
                    parser.skipChildren();
                }
            }
            return found ? Optional.of(new PackumentFacts(integrity, shasum, publishedAt)) : Optional.empty();
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("the packument is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private record Dist(
            @Nullable String integrity, @Nullable String shasum) {}

    /** In the versions object: the dist of the version asked for, null when it has none; the parser left at its end. */
    private static @Nullable Dist dist(JsonParser parser, String version) {
        Dist found = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals(version) || value != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            found = new Dist(null, null);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken inner = parser.nextToken();
                if (field.equals("dist") && inner == JsonToken.START_OBJECT) {
                    found = distFields(parser);
                } else {
                    parser.skipChildren();
                }
            }
        }
        return found;
    }

    private static Dist distFields(JsonParser parser) {
        String integrity = null;
        String shasum = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && field.equals("integrity")) {
                integrity = parser.getString();
            } else if (value == JsonToken.VALUE_STRING && field.equals("shasum")) {
                shasum = parser.getString();
            } else {
                parser.skipChildren();
            }
        }
        return new Dist(integrity, shasum);
    }

    /** In the time object: the time of the version asked for; the parser left at its end. */
    private static @Nullable Instant time(JsonParser parser, String version) {
        Instant found = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(version) && value == JsonToken.VALUE_STRING) {
                found = instant(parser.getString());
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    private static @Nullable Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
