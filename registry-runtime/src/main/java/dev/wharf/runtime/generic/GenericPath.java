package dev.wharf.runtime.generic;

import dev.wharf.runtime.artifact.Names;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The parts of {@code /generic/<registry>/<package>/<version>/<file path>}, each decoded and validated by
 * {@link Names}. Segments are split on the raw path, so an encoded {@code %2F} stays inside its segment and is
 * refused rather than read as a separator.
 *
 * @param registry the registry name
 * @param packageName the package
 * @param version the version
 * @param filePath the file's path within the version; empty when the URL names the version itself
 */
record GenericPath(String registry, String packageName, String version, String filePath) {

    static final String PREFIX = "generic";
    private static final int FIXED_SEGMENTS = 4;

    /** What a generic URL looks like. */
    static final String FORM = "generic URLs have the form /generic/<registry>/<package>/<version>/<file path>";

    /** Parses the request's path; a 400 or an {@code InvalidNameException} when a part is not valid. */
    static GenericPath of(ServerRequest request) {
        List<String> segments = segments(request.requestPath().pathWithinApplication());
        if (segments.size() < FIXED_SEGMENTS || !segments.get(0).equals(PREFIX)) {
            throw RequestRefusedException.badRequest(FORM);
        }
        List<String> file = segments.subList(FIXED_SEGMENTS, segments.size());
        return new GenericPath(
                segments.get(1),
                Names.packageName(segments.get(2)),
                Names.version(segments.get(3)),
                file.isEmpty() ? "" : Names.filePath(file));
    }

    /**
     * The decoded segments of {@code path}. Two separators in a row stand for an empty segment, which the names refuse,
     * rather than being merged into one: {@code 1.0//etc/passwd} must not be read as {@code 1.0/etc/passwd}.
     */
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

    /** The path, which must name a file. */
    GenericPath requireFile() {
        if (filePath.isEmpty()) {
            throw RequestRefusedException.badRequest("the URL names version " + version + " of " + packageName
                    + " but no file; add the file's path: /generic/" + registry + "/" + packageName + "/" + version
                    + "/<file path>");
        }
        return this;
    }

    /** The URL of the file. */
    String url() {
        return "/" + PREFIX + "/" + registry + "/" + packageName + "/" + version + "/" + filePath;
    }
}
