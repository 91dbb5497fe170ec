package dev.wharf.runtime.pypi;

import dev.wharf.runtime.proxy.DocumentTransform;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Makes an upstream's project page (PEP 691 JSON, or PEP 503 HTML as a static tree serves it) into the page Wharf
 * keeps: every file link points at Wharf ({@code ../../files/<project>/<version>/<file>}), with the upstream's
 * hashes, {@code requires-python}, yanked status, metadata link, size and upload time kept, and the absolute URL the
 * upstream serves the file from kept beside it for the fetch. Files whose names are no distribution of the project
 * are left out.
 */
final class UpstreamPageTransform implements DocumentTransform {

    private static final String KEY = "pypi-simple/1";
    private static final Pattern ANCHOR =
            Pattern.compile("<a\\s([^>]*)>(.*?)</a\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ATTRIBUTE =
            Pattern.compile("([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?");

    private final String project;

    UpstreamPageTransform(String project) {
        this.project = project;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public byte[] apply(Source source, byte[] document) {
        return page(source.url(), document).json(true);
    }

    /** The page Wharf keeps for {@code document}, fetched from {@code url}. */
    ProjectPage page(URI url, byte[] document) {
        String text = new String(document, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("{")) {
            return ProjectPage.fromJson(document, project, entry -> jsonLink(url, entry));
        }
        List<ProjectPage.Link> links = new ArrayList<>();
        Matcher anchors = ANCHOR.matcher(text);
        while (anchors.find()) {
            ProjectPage.Link link = htmlLink(url, attributes(anchors.group(1)));
            if (link != null) {
                links.add(link);
            }
        }
        return new ProjectPage(project, ProjectPage.versionsOf(links), links);
    }

    private ProjectPage.@Nullable Link jsonLink(URI page, JsonNode entry) {
        String href = entry.path("url").asString("");
        if (href.isEmpty()) {
            return null;
        }
        Map<String, String> hashes = ProjectPage.hashes(entry.path("hashes"));
        return link(
                page,
                href,
                entry.path("filename").asString(""),
                hashes,
                entry.hasNonNull("requires-python")
                        ? entry.path("requires-python").asString()
                        : null,
                ProjectPage.yanked(entry.path("yanked")),
                ProjectPage.metadataHashes(entry),
                entry.path("size").isNumber() ? entry.path("size").asLong() : null,
                entry.hasNonNull("upload-time") ? entry.path("upload-time").asString() : null);
    }

    private ProjectPage.@Nullable Link htmlLink(URI page, Map<String, @Nullable String> attributes) {
        String href = attributes.get("href");
        if (href == null || href.isEmpty()) {
            return null;
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        int hash = href.indexOf('#');
        if (hash >= 0) {
            String fragment = href.substring(hash + 1);
            int equals = fragment.indexOf('=');
            if (equals > 0) {
                hashes.put(fragment.substring(0, equals).toLowerCase(Locale.ROOT), fragment.substring(equals + 1));
            }
        }
        String metadata = attributes.containsKey("data-core-metadata")
                ? attributes.get("data-core-metadata")
                : attributes.containsKey("data-dist-info-metadata") ? attributes.get("data-dist-info-metadata") : null;
        Map<String, String> metadataHashes = null;
        if (metadata != null && !metadata.equalsIgnoreCase("false")) {
            metadataHashes = new LinkedHashMap<>();
            int equals = metadata.indexOf('=');
            if (equals > 0) {
                metadataHashes.put(
                        metadata.substring(0, equals).toLowerCase(Locale.ROOT), metadata.substring(equals + 1));
            }
        }
        String yanked = attributes.containsKey("data-yanked")
                ? java.util.Objects.requireNonNullElse(attributes.get("data-yanked"), "")
                : null;
        return link(page, href, "", hashes, attributes.get("data-requires-python"), yanked, metadataHashes, null, null);
    }

    private ProjectPage.@Nullable Link link(
            URI page,
            String href,
            String filename,
            Map<String, String> hashes,
            @Nullable String requiresPython,
            @Nullable String yanked,
            @Nullable Map<String, String> metadataHashes,
            @Nullable Long size,
            @Nullable String uploadTime) {
        URI absolute;
        try {
            URI resolved = page.resolve(href.replace(" ", "%20"));
            absolute = new URI(
                    resolved.getScheme(),
                    resolved.getRawAuthority() == null ? null : resolved.getAuthority(),
                    resolved.getPath(),
                    resolved.getQuery(),
                    null);
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
        String path = absolute.getPath() == null ? "" : absolute.getPath();
        String name = filename.isEmpty() ? path.substring(path.lastIndexOf('/') + 1) : filename;
        DistributionFile file;
        try {
            file = DistributionFile.parseListed(name, project);
        } catch (RuntimeException e) {
            return null;
        }
        return new ProjectPage.Link(
                file.filename(),
                file.version(),
                HostedPages.fileUrl(project, file.version(), file.filename()),
                absolute.toASCIIString(),
                hashes,
                requiresPython,
                yanked,
                metadataHashes,
                size,
                uploadTime);
    }

    private static Map<String, @Nullable String> attributes(String tag) {
        Map<String, @Nullable String> attributes = new LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(tag);
        while (matcher.find()) {
            String value = matcher.group(2) != null
                    ? matcher.group(2)
                    : matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            attributes.put(
                    matcher.group(1).toLowerCase(Locale.ROOT), value == null ? null : HtmlUtils.htmlUnescape(value));
        }
        return attributes;
    }

    /** Decodes a URL path segment. */
    static String decoded(String segment) {
        return UriUtils.decode(segment, StandardCharsets.UTF_8);
    }
}
