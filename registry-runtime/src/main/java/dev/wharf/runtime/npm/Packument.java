package dev.wharf.runtime.npm;

import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.TagRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A hosted package's packument, built from what is stored: the full document ({@code application/json}: every
 * version document, {@code time}, the readme) or the abbreviated one installers ask for (only what installing needs),
 * with tarball URLs under {@code base}.
 */
final class Packument {

    /** The fields of a version document the abbreviated form keeps (npm's registry documentation lists them). */
    private static final Set<String> ABBREVIATED_FIELDS = Set.of(
            "name",
            "version",
            "deprecated",
            "dependencies",
            "optionalDependencies",
            "devDependencies",
            "bundleDependencies",
            "bundledDependencies",
            "peerDependencies",
            "peerDependenciesMeta",
            "acceptDependencies",
            "bin",
            "directories",
            "dist",
            "engines",
            "os",
            "cpu",
            "libc",
            "funding",
            "license",
            "_hasShrinkwrap",
            "hasInstallScript");

    private Packument() {}

    /**
     * The document.
     *
     * @param base the registry's URL, such as {@code http://host/npm/npm}
     * @param modified when the package last changed
     */
    static ObjectNode build(
            String base,
            PackageRecord pkg,
            List<NpmVersionRow> versions,
            List<TagRecord> tags,
            @Nullable String readme,
            Instant modified,
            boolean abbreviated) {
        ObjectNode document = PublishBody.JSON.createObjectNode();
        String name = pkg.name();
        if (!abbreviated) {
            document.put("_id", name);
            document.put("_rev", revision(versions, modified));
        }
        document.put("name", name);
        if (abbreviated) {
            document.put("modified", modified.toString());
        }
        ObjectNode distTags = document.putObject("dist-tags");
        Set<String> present = new java.util.HashSet<>();
        versions.forEach(version -> present.add(version.version()));
        for (TagRecord tag : tags) {
            if (present.contains(tag.version())) {
                distTags.put(tag.name(), tag.version());
            }
        }
        ObjectNode out = document.putObject("versions");
        JsonNode latest = null;
        for (NpmVersionRow version : versions) {
            ObjectNode manifest = version(base, name, version);
            if (abbreviated) {
                manifest.retain(ABBREVIATED_FIELDS);
            }
            out.set(version.version(), manifest);
            if (version.version().equals(distTags.path(NpmStore.LATEST).asString(""))) {
                latest = manifest;
            }
        }
        if (!abbreviated) {
            ObjectNode time = document.putObject("time");
            time.put("created", pkg.createdAt().toString());
            time.put("modified", modified.toString());
            versions.forEach(
                    version -> time.put(version.version(), version.publishedAt().toString()));
            if (latest != null) {
                for (String field :
                        List.of("description", "homepage", "keywords", "repository", "author", "bugs", "license")) {
                    if (latest.has(field)) {
                        document.set(field, latest.get(field));
                    }
                }
            }
            document.put("readme", readme == null ? "" : readme);
        }
        return document;
    }

    /** A version document as served: the stored one, with its tarball URL and deprecation. */
    static ObjectNode version(String base, String name, NpmVersionRow version) {
        ObjectNode manifest = (ObjectNode) PublishBody.JSON.readTree(version.manifest());
        JsonNode dist = manifest.get("dist");
        ObjectNode served = dist instanceof ObjectNode object ? object : manifest.putObject("dist");
        served.put("integrity", version.integrity());
        served.put("shasum", version.shasum());
        served.put("tarball", tarballUrl(base, name, version.version()));
        if (version.deprecated() != null) {
            manifest.put("deprecated", version.deprecated());
        } else {
            manifest.remove("deprecated");
        }
        return manifest;
    }

    /** The URL of the version's tarball under {@code base}. */
    static String tarballUrl(String base, String name, String version) {
        return base + "/" + NpmName.path(name) + "/-/" + NpmName.tarball(name, version);
    }

    /** The packument's revision, as CouchDB names them: changes with every change to the package. */
    static String revision(List<NpmVersionRow> versions, Instant modified) {
        return versions.size() + "-"
                + Long.toHexString(java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, modified));
    }

    /** Whether a version document's field map holds only what {@link #ABBREVIATED_FIELDS} allows. */
    static boolean abbreviatedField(String field) {
        return ABBREVIATED_FIELDS.contains(field);
    }

    /** The dist-tags as a map. */
    static Map<String, String> tags(ObjectNode document) {
        Map<String, String> tags = new java.util.TreeMap<>();
        document.path("dist-tags")
                .properties()
                .forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
        return tags;
    }
}
