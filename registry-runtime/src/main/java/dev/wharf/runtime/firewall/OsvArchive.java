package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.Severity;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import us.springett.cvss.Cvss;

/**
 * Reads an OSV archive (a zip of OSV JSON documents, as each ecosystem's {@code all.zip} is published) into an
 * {@link AdvisoryIndex}, streaming: one document at a time, each at most {@link #MAX_DOCUMENT_BYTES}, keeping only the
 * ecosystems served here and, of each advisory, what verdicts need.
 */
final class OsvArchive {

    /** The largest OSV document read; a larger one is skipped (the largest in the npm archive is below 1 MiB). */
    static final int MAX_DOCUMENT_BYTES = 8 << 20;

    private static final int MAX_SUMMARY = 200;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, UnaryOperator<String>> names;

    /** @param names the ecosystems to keep, each with its package-name normalisation (PEP 503 for PyPI) */
    OsvArchive(Map<String, UnaryOperator<String>> names) {
        this.names = Map.copyOf(names);
    }

    /**
     * The index of the archive {@code zip}, read as of {@code now}.
     *
     * @throws IOException when the zip cannot be read, naming the entry
     */
    AdvisoryIndex read(InputStream zip, Instant now) throws IOException {
        Map<String, List<AffectedVersions>> byPackage = new HashMap<>();
        Map<String, String> interned = new HashMap<>();
        int kept = 0;
        int skipped = 0;
        try (ZipInputStream entries = new ZipInputStream(zip)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
                    continue;
                }
                JsonNode document;
                try {
                    document = json.readTree(new Bounded(entries, MAX_DOCUMENT_BYTES));
                } catch (JacksonException e) {
                    if (e.getCause() instanceof IOException cause && !(cause instanceof TooLargeException)) {
                        throw new IOException(
                                "the OSV archive cannot be read at " + entry.getName() + ": " + cause.getMessage(),
                                cause);
                    }
                    // Not JSON, or larger than any OSV document: left out, counted.
                    skipped++;
                    continue;
                }
                if (add(document, byPackage, interned)) {
                    kept++;
                } else {
                    skipped++;
                }
            }
        }
        byPackage.replaceAll((key, list) -> List.copyOf(list));
        return new AdvisoryIndex(byPackage, names, now, kept, skipped);
    }

    /** Adds one OSV document; false when it is withdrawn, of no ecosystem kept, or has no id. */
    private boolean add(
            JsonNode document, Map<String, List<AffectedVersions>> byPackage, Map<String, String> interned) {
        String id = document.path("id").asString("");
        if (id.isEmpty()
                || document.hasNonNull("withdrawn")
                || !document.path("affected").isArray()) {
            return false;
        }
        Advisory advisory = null;
        for (JsonNode affected : document.path("affected")) {
            JsonNode pkg = affected.path("package");
            String ecosystem = pkg.path("ecosystem").asString("");
            UnaryOperator<String> normal = names.get(ecosystem);
            String name = pkg.path("name").asString("");
            if (normal == null || name.isEmpty()) {
                continue;
            }
            if (advisory == null) {
                advisory = advisory(id, document);
            }
            Set<String> versions = new HashSet<>();
            for (JsonNode version : affected.path("versions")) {
                versions.add(intern(interned, version.asString()));
            }
            List<List<AffectedVersions.Event>> ranges = new ArrayList<>();
            for (JsonNode range : affected.path("ranges")) {
                String type = range.path("type").asString("");
                if (type.equals("SEMVER") || type.equals("ECOSYSTEM")) {
                    ranges.add(events(range.path("events"), interned));
                }
            }
            byPackage
                    .computeIfAbsent(AdvisoryIndex.key(ecosystem, normal.apply(name)), key -> new ArrayList<>(1))
                    .add(new AffectedVersions(advisory, versions, ranges));
        }
        return advisory != null;
    }

    private static List<AffectedVersions.Event> events(JsonNode events, Map<String, String> interned) {
        List<AffectedVersions.Event> list = new ArrayList<>();
        for (JsonNode event : events) {
            for (AffectedVersions.Event.Kind kind : AffectedVersions.Event.Kind.values()) {
                String field = kind.name().toLowerCase(java.util.Locale.ROOT);
                if (event.hasNonNull(field)) {
                    list.add(new AffectedVersions.Event(
                            kind, intern(interned, event.path(field).asString())));
                }
            }
        }
        return list;
    }

    private static Advisory advisory(String id, JsonNode document) {
        List<String> aliases = new ArrayList<>();
        document.path("aliases").forEach(alias -> aliases.add(alias.asString()));
        String summary = document.path("summary").asString("");
        if (summary.isEmpty()) {
            summary = document.path("details").asString("");
        }
        summary = summary.strip().replaceAll("\\s+", " ");
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
        }
        double best = -1;
        for (JsonNode severity : severities(document)) {
            double score = score(
                    severity.path("type").asString(""), severity.path("score").asString(""));
            best = Math.max(best, score);
        }
        if (best >= 0) {
            return new Advisory(id, aliases, summary, Severities.ofScore(best), "CVSS " + best);
        }
        @Nullable Severity rated = rated(document);
        return new Advisory(id, aliases, summary, rated, rated == null ? "" : "rated " + rated);
    }

    private static List<JsonNode> severities(JsonNode document) {
        List<JsonNode> all = new ArrayList<>();
        document.path("severity").forEach(all::add);
        document.path("affected").forEach(affected -> affected.path("severity").forEach(all::add));
        return all;
    }

    /** The base score of a CVSS vector; -1 when the library cannot compute it (CVSS 4 vectors among others). */
    static double score(String type, String vector) {
        if (!type.startsWith("CVSS_V")) {
            return -1;
        }
        try {
            Cvss cvss = Cvss.fromVector(vector);
            return cvss == null ? -1 : cvss.calculateScore().getBaseScore();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The advisory's own rating: GitHub's {@code database_specific.severity} and the like. */
    private static @Nullable Severity rated(JsonNode document) {
        List<JsonNode> places = new ArrayList<>();
        places.add(document.path("database_specific"));
        document.path("affected").forEach(affected -> {
            places.add(affected.path("database_specific"));
            places.add(affected.path("ecosystem_specific"));
        });
        for (JsonNode place : places) {
            Severity severity = Severities.ofRating(place.path("severity").asString(""));
            if (severity != null) {
                return severity;
            }
        }
        return null;
    }

    private static String intern(Map<String, String> interned, String value) {
        return interned.computeIfAbsent(value, v -> v);
    }

    /** A document larger than {@link #MAX_DOCUMENT_BYTES}. */
    private static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Reads one zip entry without closing the zip, failing past a limit. */
    private static final class Bounded extends FilterInputStream {

        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLargeException();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (left -= n) < 0) {
                throw new TooLargeException();
            }
            return n;
        }

        @Override
        public void close() {
            // The zip stays open for the next entry.
        }
    }
}
