package dev.wharf.runtime.pypi;

import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.web.RequestRefusedException;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The names in a PyPI URL ({@code /pypi/<registry>/simple/<project>/}, {@code /pypi/<registry>/files/<project>/<version>
 * /<file>}), read from the route's variables and checked: a project name as PEP 503 allows it (normalized or not: a
 * page request for a name not normalized is redirected), a version in PEP 440 form, a plain file name.
 */
final class PypiPath {

    /** The base path of every PyPI URL. */
    static final String PREFIX = "/pypi/";

    private PypiPath() {}

    /** The registry the URL names. */
    static String registry(ServerRequest request) {
        return request.pathVariable("registry");
    }

    /** The project the URL names, as written; a 400 when it is no valid project name. */
    static String project(ServerRequest request) {
        String project = request.pathVariable("project");
        DistributionFile.normalize(project);
        return project;
    }

    /** The file a files URL names, checked against its project and version; a 400 when they disagree. */
    static DistributionFile file(ServerRequest request) {
        String project = DistributionFile.normalize(request.pathVariable("project"));
        String filename = request.pathVariable("filename");
        boolean metadata = filename.endsWith(".metadata");
        String distribution = metadata ? filename.substring(0, filename.length() - ".metadata".length()) : filename;
        DistributionFile file;
        try {
            file = DistributionFile.parseListed(distribution, project);
        } catch (IllegalArgumentException e) {
            throw new InvalidNameException(String.valueOf(e.getMessage()));
        }
        String version = PypiUpload.normalizedVersion(request.pathVariable("version"));
        if (!file.version().equals(version)) {
            throw RequestRefusedException.notFound(
                    "the file '" + distribution + "' is of version " + file.version() + ", not " + version);
        }
        return file;
    }

    /** Whether the files URL names a core metadata file ({@code <file>.metadata}, PEP 658). */
    static boolean metadata(ServerRequest request) {
        return request.pathVariable("filename").endsWith(".metadata");
    }
}
