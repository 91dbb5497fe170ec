package dev.wharf.runtime.pypi;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project page of the simple repository API, in the two forms PEP 691 defines: HTML (PEP 503, with PEP 592's
 * {@code data-yanked}, PEP 658/714's {@code data-core-metadata}) and JSON (PEP 691 with PEP 700's {@code versions},
 * {@code size} and {@code upload-time}, API version 1.1). A page from an upstream also keeps, per file, the URL the
 * upstream serves it from ({@link #UPSTREAM_URL}), which Wharf fetches it from and never shows a client.
 *
 * @param name the project's normalized name
 * @param versions its versions, as PEP 700 lists them
 * @param files its files
 */
record ProjectPage(String name, List<String> versions, List<Link> files) {

    /** The API version the pages declare. */
    static final String API_VERSION = "1.1";

    /** The key of a file's upstream URL in a page kept from an upstream. */
    static final String UPSTREAM_URL = "wharf-upstream-url";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    ProjectPage {
        versions = List.copyOf(versions);
        files = List.copyOf(files);
    }

    /**
     * One file of the page.
     *
     * @param filename its name
     * @param version its version, as its name gives it
     * @param url where a client gets it: relative to the page, on Wharf
     * @param upstreamUrl where an upstream serves it; null for a file stored here
     * @param hashes its hashes by algorithm, hex
     * @param requiresPython its {@code Requires-Python}, or null
     * @param yanked null when not yanked, else the reason (empty when none was given)
     * @param metadataHashes the hashes of its core metadata file, or null when it has none (PEP 658)
     * @param size its size, or null when unknown
     * @param uploadTime when it was uploaded, in ISO 8601, or null when unknown
     */
    record Link(
            String filename,
            String version,
            String url,
            @Nullable String upstreamUrl,
            Map<String, String> hashes,
            @Nullable String requiresPython,
            @Nullable String yanked,
            @Nullable Map<String, String> metadataHashes,
            @Nullable Long size,
            @Nullable String uploadTime) {

        Link {
            hashes = Map.copyOf(hashes);
            metadataHashes = metadataHashes == null ? null : Map.copyOf(metadataHashes);
        }

        /** The sha256 the upstream gives, when it gives one. */
        @Nullable String sha256() {
            return hashes.get("sha256");
        }
    }

    /** The page's versions: those given, or else its files' in order of appearance. */
    static List<String> versionsOf(List<Link> files) {
        LinkedHashSet<String> versions = new LinkedHashSet<>();
        files.forEach(file -> versions.add(file.version()));
        return List.copyOf(versions);
    }

    /** The file named so; null when the page has none. */
    @Nullable Link file(String filename) {
        for (Link link : files) {
            if (link.filename().equals(filename)) {
                return link;
            }
        }
        return null;
    }

    /** The HTML form. */
    byte[] html() {
        StringBuilder html = new StringBuilder(256 + files.size() * 256);
        html.append("<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"")
                .append(API_VERSION)
                .append("\">\n    <title>Links for ")
                .append(escape(name))
                .append("</title>\n  </head>\n  <body>\n    <h1>Links for ")
                .append(escape(name))
                .append("</h1>\n");
        for (Link file : files) {
            html.append("    <a href=\"").append(escape(file.url()));
            String sha256 = file.sha256();
            if (sha256 != null) {
                html.append("#sha256=").append(sha256);
            }
            html.append('"');
            if (file.requiresPython() != null) {
                html.append(" data-requires-python=\"")
                        .append(escape(file.requiresPython()))
                        .append('"');
            }
            if (file.yanked() != null) {
                html.append(" data-yanked=\"").append(escape(file.yanked())).append('"');
            }
            Map<String, String> metadata = file.metadataHashes();
            if (metadata != null) {
                String value = metadata.containsKey("sha256") ? "sha256=" + metadata.get("sha256") : "true";
                html.append(" data-dist-info-metadata=\"").append(value).append('"');
                html.append(" data-core-metadata=\"").append(value).append('"');
            }
            html.append('>').append(escape(file.filename())).append("</a><br />\n");
        }
        html.append("  </body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON form, for clients ({@code withUpstreamUrls} false) or to keep ({@code true}). */
    byte[] json(boolean withUpstreamUrls) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("meta", Map.of("api-version", API_VERSION));
        page.put("name", name);
        page.put("versions", versions);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Link file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("filename", file.filename());
            entry.put("url", file.url());
            entry.put("hashes", file.hashes());
            if (file.requiresPython() != null) {
                entry.put("requires-python", file.requiresPython());
            }
            String yanked = file.yanked();
            if (yanked == null || yanked.isEmpty()) {
                entry.put("yanked", yanked != null);
            } else {
                entry.put("yanked", yanked);
            }
            Map<String, String> metadata = file.metadataHashes();
            Object metadataValue = metadata == null ? (Object) false : metadata;
            entry.put("core-metadata", metadataValue);
            entry.put("data-dist-info-metadata", metadataValue);
            if (file.size() != null) {
                entry.put("size", file.size());
            }
            if (file.uploadTime() != null) {
                entry.put("upload-time", file.uploadTime());
            }
            if (withUpstreamUrls && file.upstreamUrl() != null) {
                entry.put(UPSTREAM_URL, file.upstreamUrl());
            }
            entries.add(entry);
        }
        page.put("files", entries);
        return JSON.writeValueAsBytes(page);
    }

    /** An upload time as PEP 700 writes it. */
    static String uploadTime(Instant instant) {
        return instant.toString();
    }

    /**
     * A page in the JSON form: kept from an upstream (with {@link #UPSTREAM_URL}s), or as an upstream served it.
     *
     * @param fileOf how to read each file's entry into a link; null to leave the entry out
     */
    static ProjectPage fromJson(
            byte[] document, String name, java.util.function.Function<JsonNode, @Nullable Link> fileOf) {
        JsonNode root = JSON.readTree(document);
        List<Link> files = new ArrayList<>();
        for (JsonNode entry : root.path("files")) {
            Link link = fileOf.apply(entry);
            if (link != null) {
                files.add(link);
            }
        }
        List<String> versions = new ArrayList<>();
        root.path("versions").forEach(version -> versions.add(version.asString()));
        return new ProjectPage(name, versions.isEmpty() ? versionsOf(files) : versions, files);
    }

    /** A page kept from an upstream, as {@link #json json(true)} wrote it. */
    static ProjectPage kept(byte[] document) {
        JsonNode root = JSON.readTree(document);
        return fromJson(document, root.path("name").asString(), ProjectPage::keptLink);
    }

    private static Link keptLink(JsonNode entry) {
        String filename = entry.path("filename").asString();
        String url = entry.path("url").asString();
        // The version is the second-to-last segment of Wharf's own file URL (../../files/<project>/<version>/<file>).
        String[] segments = url.split("/", -1);
        String version = segments.length >= 2
                ? org.springframework.web.util.UriUtils.decode(segments[segments.length - 2], StandardCharsets.UTF_8)
                : "";
        return new Link(
                filename,
                version,
                url,
                entry.hasNonNull(UPSTREAM_URL) ? entry.path(UPSTREAM_URL).asString() : null,
                hashes(entry.path("hashes")),
                entry.hasNonNull("requires-python")
                        ? entry.path("requires-python").asString()
                        : null,
                yanked(entry.path("yanked")),
                metadataHashes(entry),
                entry.path("size").isNumber() ? entry.path("size").asLong() : null,
                entry.hasNonNull("upload-time") ? entry.path("upload-time").asString() : null);
    }

    /** A file's {@code hashes} object. */
    static Map<String, String> hashes(JsonNode hashes) {
        Map<String, String> values = new LinkedHashMap<>();
        hashes.properties()
                .forEach(hash -> values.put(hash.getKey(), hash.getValue().asString()));
        return values;
    }

    /** PEP 691's {@code yanked}: false, true, or a reason. */
    static @Nullable String yanked(JsonNode yanked) {
        if (yanked.isString()) {
            return yanked.asString();
        }
        return yanked.asBoolean(false) ? "" : null;
    }

    /** PEP 714's {@code core-metadata}, or PEP 658's older {@code data-dist-info-metadata}: false, true or hashes. */
    static @Nullable Map<String, String> metadataHashes(JsonNode entry) {
        JsonNode value =
                entry.has("core-metadata") ? entry.path("core-metadata") : entry.path("data-dist-info-metadata");
        if (value.isObject()) {
            return hashes(value);
        }
        return value.asBoolean(false) ? Map.of() : null;
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
