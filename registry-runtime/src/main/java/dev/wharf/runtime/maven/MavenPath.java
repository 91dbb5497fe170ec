package dev.wharf.runtime.maven;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.version.VersionSchemes;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * A request's path under {@code /maven/<registry>/}, in the Maven 2 repository layout: a file of an artifact's
 * version ({@code org/example/app/1.0/app-1.0-sources.jar}), a {@code maven-metadata.xml} document of a directory (an
 * artifact's, a snapshot version's or a plugin group's), or the checksum of either ({@code .md5}, {@code .sha1},
 * {@code .sha256}, {@code .sha512}). Every segment is decoded and checked before anything reaches the metadata or the
 * storage: traversal, encoded separators, control characters and names Maven cannot produce are refused with a 400.
 *
 * @param registry the registry's name
 * @param directory the segments of the directory the document or file is in
 * @param name the file's name, without the checksum extension
 * @param checksum the checksum the request asks for; null for the file or the document itself
 */
record MavenPath(
        String registry,
        List<String> directory,
        String name,
        @Nullable ChecksumAlgorithm checksum) {

    static final String PREFIX = "maven";
    static final String METADATA = "maven-metadata.xml";
    static final String SNAPSHOT = "-SNAPSHOT";

    /** What Maven URLs look like. */
    static final String FORM = "Maven URLs have the form /maven/<registry>/<groupId as path>/<artifactId>/<version>/"
            + "<artifactId>-<version>[-<classifier>].<extension>, or end in maven-metadata.xml";

    private static final String PARSED = MavenPath.class.getName();
    private static final Pattern TIMESTAMPED = Pattern.compile("(\\d{8}\\.\\d{6})-(\\d{1,9})");
    private static final int MAX_SEGMENT = 255;

    /**
     * The request's path, parsed once per request (the core reads the registry from it before the handler reads the
     * rest); a 400 naming what is wrong when it is not a Maven repository path.
     */
    static MavenPath of(ServerRequest request) {
        if (request.attributes().get(PARSED) instanceof MavenPath parsed) {
            return parsed;
        }
        MavenPath path = parse(request);
        request.attributes().put(PARSED, path);
        return path;
    }

    private static MavenPath parse(ServerRequest request) {
        List<String> segments = segments(request.requestPath().pathWithinApplication());
        if (segments.size() < 3 || !segments.get(0).equals(PREFIX)) {
            throw RequestRefusedException.badRequest(FORM);
        }
        String registry = segments.get(1);
        List<String> rest = segments.subList(2, segments.size());
        for (String segment : rest) {
            check(segment);
        }
        String last = rest.get(rest.size() - 1);
        ChecksumAlgorithm checksum = ChecksumAlgorithm.ofFileName(last).orElse(null);
        String name = checksum == null
                ? last
                : last.substring(0, last.length() - checksum.extension().length() - 1);
        if (name.isEmpty()) {
            throw new InvalidNameException("the file name '" + last + "' is only a checksum extension");
        }
        MavenPath path = new MavenPath(registry, List.copyOf(rest.subList(0, rest.size() - 1)), name, checksum);
        if (!path.metadata()) {
            path.file();
        } else if (path.directory().isEmpty()) {
            throw new InvalidNameException("maven-metadata.xml belongs in a group, artifact or version directory,"
                    + " not at the root of the repository");
        }
        return path;
    }

    /** Whether the path names a {@code maven-metadata.xml} document (or its checksum). */
    boolean metadata() {
        return name.equals(METADATA);
    }

    /** The artifact file the path names; a 400 when it is not a file Maven would write there. */
    ArtifactFile file() {
        int size = directory.size();
        if (size < 3) {
            throw new InvalidNameException(
                    "the path " + String.join("/", directory) + "/" + name + " names no" + " artifact file: " + FORM);
        }
        String groupId = String.join(".", directory.subList(0, size - 2));
        String artifactId = directory.get(size - 2);
        String version = version(directory.get(size - 1));
        Coordinates coordinates = new Coordinates(groupId, artifactId);
        String prefix = artifactId + "-";
        if (!name.startsWith(prefix)) {
            throw notMavenName("it does not start with the artifactId '" + prefix + "'");
        }
        String rest = name.substring(prefix.length());
        if (rest.startsWith(version) && startsTail(rest, version.length())) {
            return ArtifactFile.of(coordinates, version, version, null, rest.substring(version.length()), name);
        }
        if (version.endsWith(SNAPSHOT)) {
            String base = version.substring(0, version.length() - SNAPSHOT.length()) + "-";
            if (rest.startsWith(base)) {
                Matcher matcher = TIMESTAMPED.matcher(rest).region(base.length(), rest.length());
                if (matcher.lookingAt() && startsTail(rest, matcher.end())) {
                    Build build = new Build(matcher.group(1), Integer.parseInt(matcher.group(2)));
                    String unique = rest.substring(0, matcher.end());
                    return ArtifactFile.of(coordinates, version, unique, build, rest.substring(matcher.end()), name);
                }
            }
            throw notMavenName("a file of snapshot " + version + " is named " + prefix + version + "[-<classifier>]"
                    + ".<extension> or " + prefix + base + "<yyyyMMdd.HHmmss>-<build number>[-<classifier>]"
                    + ".<extension>");
        }
        throw notMavenName(
                "a file of version " + version + " is named " + prefix + version + "[-<classifier>].<extension>");
    }

    /** The file {@code name} of the artifact's {@code version}; an {@code InvalidNameException} when Maven writes none. */
    static ArtifactFile artifactFile(String registry, Coordinates coordinates, String version, String name) {
        List<String> segments = new ArrayList<>(List.of(coordinates.groupId().split("\\.")));
        segments.add(coordinates.artifactId());
        segments.add(version);
        return new MavenPath(registry, segments, name, null).file();
    }

    /**
     * The coordinates of the artifact whose {@code maven-metadata.xml} the path names, when its directory is an
     * artifact's ({@code <groupId as path>/<artifactId>}); empty for a group's directory of one segment.
     */
    Optional<Coordinates> artifactOfDirectory() {
        if (directory.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(new Coordinates(
                String.join(".", directory.subList(0, directory.size() - 1)), directory.get(directory.size() - 1)));
    }

    /** The snapshot version whose {@code maven-metadata.xml} the path names, when its directory ends in one. */
    Optional<SnapshotDirectory> snapshotDirectory() {
        int size = directory.size();
        if (size < 3 || !directory.get(size - 1).endsWith(SNAPSHOT)) {
            return Optional.empty();
        }
        return Optional.of(new SnapshotDirectory(
                new Coordinates(String.join(".", directory.subList(0, size - 2)), directory.get(size - 2)),
                version(directory.get(size - 1))));
    }

    /** The groupId a {@code maven-metadata.xml} of a group's directory is about. */
    String groupOfDirectory() {
        return String.join(".", directory);
    }

    /** The path below the registry, encoded as the upstreams' URLs have it, with its checksum extension. */
    String relative() {
        StringBuilder out = new StringBuilder();
        for (String segment : directory) {
            out.append('/').append(segment);
        }
        out.append('/').append(name);
        if (checksum != null) {
            out.append('.').append(checksum.extension());
        }
        return out.toString();
    }

    /** The same path without its checksum extension. */
    MavenPath withoutChecksum() {
        return new MavenPath(registry, directory, name, null);
    }

    private static boolean startsTail(String rest, int at) {
        return at < rest.length() && (rest.charAt(at) == '-' || rest.charAt(at) == '.');
    }

    private InvalidNameException notMavenName(String rule) {
        return new InvalidNameException("the file name '" + name + "' is not one Maven writes: " + rule);
    }

    private static String version(String version) {
        return VersionSchemes.of(Format.MAVEN).normalizeVersion(version);
    }

    private static void check(String segment) {
        if (segment.isEmpty()) {
            throw new InvalidNameException("the path has an empty segment (two '/' in a row)");
        }
        if (segment.length() > MAX_SEGMENT) {
            throw new InvalidNameException(
                    "a path segment is " + segment.length() + " characters long; the limit is " + MAX_SEGMENT);
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidNameException("a path segment contains a control character (code " + (int) c + ")");
            }
            if (c == '/' || c == '\\') {
                throw new InvalidNameException("the path segment '" + printable(segment) + "' contains '" + c
                        + "': an encoded path separator is not allowed");
            }
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new InvalidNameException("the path segment '" + segment + "' is a relative path reference");
        }
        if (!writable(segment, "_.+~-")) {
            throw new InvalidNameException("the path segment '" + printable(segment) + "' is not one Maven writes:"
                    + " it may only hold letters, digits and _ . + ~ - and must start with a letter, digit or _");
        }
    }

    /**
     * Whether {@code name} holds only ASCII letters, digits and the {@code punctuation} allowed, and starts with a
     * letter, a digit or {@code _}.
     */
    private static boolean writable(String name, String punctuation) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (punctuation.indexOf(c) < 0 || (i == 0 && c != '_'))) {
                return false;
            }
        }
        return true;
    }

    /** The value with anything outside printable ASCII escaped. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(200).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            }
        });
        return out.toString();
    }

    /** The decoded segments; two separators in a row stand for an empty segment, which is refused. */
    private static List<String> segments(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            PathContainer.Element element = elements.get(i);
            if (element instanceof PathContainer.PathSegment segment) {
                segments.add(segment.valueToMatch());
            } else if (i > 0 && elements.get(i - 1) instanceof PathContainer.Separator) {
                segments.add("");
            }
        }
        return segments;
    }

    /**
     * A {@code groupId:artifactId}, Wharf's package name for an artifact.
     *
     * @param groupId the group, dotted
     * @param artifactId the artifact
     */
    record Coordinates(String groupId, String artifactId) {

        Coordinates {
            if (!writable(artifactId, "_.-")) {
                throw new InvalidNameException("the artifactId '" + printable(artifactId) + "' is not valid: it may"
                        + " only hold letters, digits and _ - . and must not start with '.' or '-'");
            }
            for (String segment : groupId.split("\\.", -1)) {
                if (!writable(segment, "_.-")) {
                    throw new InvalidNameException("the groupId '" + printable(groupId) + "' is not valid: its"
                            + " segments may only hold letters, digits, _ and -");
                }
            }
        }

        /** The package's name: {@code groupId:artifactId}. */
        String packageName() {
            return groupId + ":" + artifactId;
        }

        /** The directory of the artifact, such as {@code /org/example/app}. */
        String directory() {
            return "/" + groupId.replace('.', '/') + "/" + artifactId;
        }
    }

    /**
     * The directory of a snapshot version.
     *
     * @param coordinates the artifact
     * @param version its {@code -SNAPSHOT} version
     */
    record SnapshotDirectory(Coordinates coordinates, String version) {}

    /**
     * A timestamped build of a snapshot.
     *
     * @param timestamp when it was deployed, {@code yyyyMMdd.HHmmss} in UTC
     * @param buildNumber its number among the snapshot's builds
     */
    record Build(String timestamp, int buildNumber) {}

    /**
     * A file of an artifact's version directory.
     *
     * @param coordinates the artifact
     * @param version the version directory ({@code 1.0}, {@code 1.0-SNAPSHOT})
     * @param fileVersion the version in the file name ({@code 1.0-20261206.101500-2} for a timestamped snapshot)
     * @param build the snapshot build it is; null for a release or a snapshot file without a timestamp
     * @param classifier the classifier; empty for none
     * @param extension the extension ({@code jar}, {@code tar.gz}, {@code jar.asc})
     * @param name the file name
     */
    record ArtifactFile(
            Coordinates coordinates,
            String version,
            String fileVersion,
            @Nullable Build build,
            String classifier,
            String extension,
            String name) {

        static ArtifactFile of(
                Coordinates coordinates,
                String version,
                String fileVersion,
                @Nullable Build build,
                String tail,
                String name) {
            // tail is "-<classifier>.<extension>" or ".<extension>"
            String classifier = "";
            String extension;
            if (tail.startsWith("-")) {
                int dot = tail.indexOf('.');
                if (dot < 0) {
                    throw new InvalidNameException("the file name '" + name + "' has a classifier but no extension");
                }
                classifier = tail.substring(1, dot);
                extension = tail.substring(dot + 1);
                if (classifier.isEmpty()) {
                    throw new InvalidNameException("the file name '" + name + "' has an empty classifier");
                }
            } else {
                extension = tail.substring(1);
            }
            if (extension.isEmpty() || extension.startsWith(".") || extension.endsWith(".")) {
                throw new InvalidNameException("the file name '" + name + "' has no extension after its version");
            }
            return new ArtifactFile(coordinates, version, fileVersion, build, classifier, extension, name);
        }

        /** The file {@code otherName} of the same version, such as a snapshot's timestamped build. */
        ArtifactFile renamed(String registry, String otherName) {
            return artifactFile(registry, coordinates, version, otherName);
        }

        /** Whether the version directory is a snapshot's. */
        boolean snapshot() {
            return version.endsWith(SNAPSHOT);
        }

        /** The name of the same file in {@code fileVersion}: a timestamped build's for a {@code -SNAPSHOT} file. */
        String named(String otherFileVersion) {
            return coordinates.artifactId() + "-" + otherFileVersion + (classifier.isEmpty() ? "" : "-" + classifier)
                    + "." + extension;
        }
    }
}
