package dev.wharf.runtime.maven;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A {@code maven-metadata.xml} document, at any of its three levels: an artifact's (its versions, {@code latest},
 * {@code release}), a snapshot version's (the newest build and the file of each classifier and extension) and a
 * group's (its plugins' prefixes). Read from what a client or an upstream sent with {@link #parse} (no DTDs, no
 * external entities), written with {@link #xml}.
 *
 * @param groupId the group; null in a group document that does not name it
 * @param artifactId the artifact; null in a group document
 * @param version the snapshot version of a snapshot document; null otherwise
 * @param latest the highest version, snapshots included
 * @param release the highest release
 * @param versions the versions, lowest first
 * @param snapshot the newest build of a snapshot version
 * @param snapshotVersions the newest file of each classifier and extension of a snapshot version
 * @param lastUpdated when it last changed, {@code yyyyMMddHHmmss} in UTC
 * @param plugins the plugins of a group
 */
record MavenMetadata(
        @Nullable String groupId,
        @Nullable String artifactId,
        @Nullable String version,
        @Nullable String latest,
        @Nullable String release,
        List<String> versions,
        MavenPath.@Nullable Build snapshot,
        List<SnapshotVersion> snapshotVersions,
        @Nullable String lastUpdated,
        List<Plugin> plugins) {

    /** The largest document accepted from a client or an upstream. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    MavenMetadata {
        versions = List.copyOf(versions);
        snapshotVersions = List.copyOf(snapshotVersions);
        plugins = List.copyOf(plugins);
    }

    /**
     * A file of a snapshot build.
     *
     * @param classifier its classifier; empty for none
     * @param extension its extension
     * @param value its version, such as {@code 1.0-20261206.101500-2}
     * @param updated when it was deployed, {@code yyyyMMddHHmmss}
     */
    record SnapshotVersion(String classifier, String extension, String value, String updated) {}

    /**
     * A plugin of a group.
     *
     * @param name its name; null when it has none
     * @param prefix the prefix that names it on the command line ({@code mvn <prefix>:<goal>})
     * @param artifactId its artifactId
     */
    record Plugin(@Nullable String name, String prefix, String artifactId) {}

    /**
     * The document in {@code bytes}.
     *
     * @throws IllegalArgumentException saying what is wrong when it is not a well-formed {@code metadata} document
     */
    static MavenMetadata parse(byte[] bytes) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                return new Parser(reader).document();
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("it is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The document as UTF-8 XML. */
    byte[] xml() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<metadata modelVersion=\"1.1.0\">\n");
        element(out, "  ", "groupId", groupId);
        element(out, "  ", "artifactId", artifactId);
        element(out, "  ", "version", version);
        boolean versioning = latest != null
                || release != null
                || !versions.isEmpty()
                || snapshot != null
                || !snapshotVersions.isEmpty()
                || lastUpdated != null;
        if (versioning) {
            out.append("  <versioning>\n");
            element(out, "    ", "latest", latest);
            element(out, "    ", "release", release);
            if (snapshot != null) {
                out.append("    <snapshot>\n");
                element(out, "      ", "timestamp", snapshot.timestamp());
                element(out, "      ", "buildNumber", Integer.toString(snapshot.buildNumber()));
                out.append("    </snapshot>\n");
            }
            if (!versions.isEmpty()) {
                out.append("    <versions>\n");
                for (String each : versions) {
                    element(out, "      ", "version", each);
                }
                out.append("    </versions>\n");
            }
            element(out, "    ", "lastUpdated", lastUpdated);
            if (!snapshotVersions.isEmpty()) {
                out.append("    <snapshotVersions>\n");
                for (SnapshotVersion each : snapshotVersions) {
                    out.append("      <snapshotVersion>\n");
                    if (!each.classifier().isEmpty()) {
                        element(out, "        ", "classifier", each.classifier());
                    }
                    element(out, "        ", "extension", each.extension());
                    element(out, "        ", "value", each.value());
                    element(out, "        ", "updated", each.updated());
                    out.append("      </snapshotVersion>\n");
                }
                out.append("    </snapshotVersions>\n");
            }
            out.append("  </versioning>\n");
        }
        if (!plugins.isEmpty()) {
            out.append("  <plugins>\n");
            for (Plugin plugin : plugins) {
                out.append("    <plugin>\n");
                element(out, "      ", "name", plugin.name());
                element(out, "      ", "prefix", plugin.prefix());
                element(out, "      ", "artifactId", plugin.artifactId());
                out.append("    </plugin>\n");
            }
            out.append("  </plugins>\n");
        }
        out.append("</metadata>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder out, String indent, String name, @Nullable String value) {
        if (value == null) {
            return;
        }
        out.append(indent).append('<').append(name).append('>');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        out.append("</").append(name).append(">\n");
    }

    /** Reads one document, element by element, keeping what the model has and skipping the rest. */
    private static final class Parser {

        private final XMLStreamReader reader;
        private @Nullable String groupId;
        private @Nullable String artifactId;
        private @Nullable String version;
        private @Nullable String latest;
        private @Nullable String release;
        private final List<String> versions = new ArrayList<>();
        private @Nullable String timestamp;
        private @Nullable String buildNumber;
        private final List<SnapshotVersion> snapshotVersions = new ArrayList<>();
        private @Nullable String lastUpdated;
        private final List<Plugin> plugins = new ArrayList<>();

        Parser(XMLStreamReader reader) {
            this.reader = reader;
        }

        MavenMetadata document() throws XMLStreamException {
            reader.nextTag();
            if (!reader.getLocalName().equals("metadata")) {
                throw new IllegalArgumentException(
                        "its root element is <" + reader.getLocalName() + ">, not <metadata>");
            }
            children(name -> {
                switch (name) {
                    case "groupId" -> groupId = text();
                    case "artifactId" -> artifactId = text();
                    case "version" -> version = text();
                    case "versioning" -> versioning();
                    case "plugins" ->
                        children(plugin -> {
                            if (plugin.equals("plugin")) {
                                plugin();
                            } else {
                                skip();
                            }
                        });
                    default -> skip();
                }
            });
            MavenPath.Build build = null;
            if (timestamp != null && buildNumber != null) {
                try {
                    build = new MavenPath.Build(timestamp, Integer.parseInt(buildNumber));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("its buildNumber '" + buildNumber + "' is not a number", e);
                }
            }
            return new MavenMetadata(
                    groupId,
                    artifactId,
                    version,
                    latest,
                    release,
                    versions,
                    build,
                    snapshotVersions,
                    lastUpdated,
                    plugins);
        }

        private void versioning() throws XMLStreamException {
            children(name -> {
                switch (name) {
                    case "latest" -> latest = text();
                    case "release" -> release = text();
                    case "lastUpdated" -> lastUpdated = text();
                    case "versions" ->
                        children(each -> {
                            if (each.equals("version")) {
                                versions.add(text());
                            } else {
                                skip();
                            }
                        });
                    case "snapshot" ->
                        children(each -> {
                            switch (each) {
                                case "timestamp" -> timestamp = text();
                                case "buildNumber" -> buildNumber = text();
                                default -> skip();
                            }
                        });
                    case "snapshotVersions" ->
                        children(each -> {
                            if (each.equals("snapshotVersion")) {
                                snapshotVersion();
                            } else {
                                skip();
                            }
                        });
                    default -> skip();
                }
            });
        }

        private void snapshotVersion() throws XMLStreamException {
            String[] fields = {"", "", "", ""};
            children(name -> {
                switch (name) {
                    case "classifier" -> fields[0] = text();
                    case "extension" -> fields[1] = text();
                    case "value" -> fields[2] = text();
                    case "updated" -> fields[3] = text();
                    default -> skip();
                }
            });
            snapshotVersions.add(new SnapshotVersion(fields[0], fields[1], fields[2], fields[3]));
        }

        private void plugin() throws XMLStreamException {
            String[] fields = new String[3];
            children(name -> {
                switch (name) {
                    case "name" -> fields[0] = text();
                    case "prefix" -> fields[1] = text();
                    case "artifactId" -> fields[2] = text();
                    default -> skip();
                }
            });
            if (fields[1] == null || fields[2] == null) {
                throw new IllegalArgumentException("a <plugin> has no <prefix> or no <artifactId>");
            }
            plugins.add(new Plugin(fields[0], fields[1], fields[2]));
        }

        /** Calls {@code child} at the start of each child element of the current one, which must consume it. */
        private void children(Child child) throws XMLStreamException {
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                child.at(reader.getLocalName());
            }
        }

        private String text() throws XMLStreamException {
            return reader.getElementText().strip();
        }

        private void skip() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        @FunctionalInterface
        private interface Child {
            void at(String name) throws XMLStreamException;
        }
    }
}
