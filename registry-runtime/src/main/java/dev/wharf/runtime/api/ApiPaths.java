package dev.wharf.runtime.api;

import java.nio.charset.StandardCharsets;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.UriUtils;

/** The route patterns of the management API, and the path variables they share. */
final class ApiPaths {

    static final String BASE = "/api/v1";
    static final String OPENAPI = BASE + "/openapi.json";
    static final String STATUS = BASE + "/status";
    static final String GC = BASE + "/gc";
    static final String CLEANUP_POLICIES = BASE + "/cleanup-policies";
    static final String CLEANUP_POLICY = CLEANUP_POLICIES + "/{policy}";
    static final String CLEANUP_PLAN = CLEANUP_POLICY + "/plan";
    static final String CLEANUP_CANDIDATES = CLEANUP_PLAN + "/candidates";
    static final String CLEANUP_KEPT = CLEANUP_PLAN + "/kept";
    static final String CLEANUP_RUN = CLEANUP_POLICY + "/run";
    static final String TOKENS = BASE + "/tokens";
    static final String TOKEN = TOKENS + "/{id}";

    static final String REGISTRIES = BASE + "/registries";
    static final String REGISTRY = REGISTRIES + "/{registry}";
    static final String REGISTRY_METADATA = REGISTRY + "/metadata";
    static final String REGISTRY_METADATA_KEY = REGISTRY_METADATA + "/{key}";
    static final String REGISTRY_SETUP = REGISTRY + "/setup";

    static final String PACKAGES = REGISTRY + "/packages";
    static final String PACKAGE = PACKAGES + "/{package}";
    static final String PACKAGE_METADATA = PACKAGE + "/metadata";
    static final String PACKAGE_METADATA_KEY = PACKAGE_METADATA + "/{key}";
    static final String PACKAGE_DOWNLOAD = PACKAGE + "/download";

    static final String PACKAGE_TAGS = PACKAGE + "/tags";
    static final String VERSIONS = PACKAGE + "/versions";
    static final String VERSION = VERSIONS + "/{version}";
    static final String VERSION_METADATA = VERSION + "/metadata";
    static final String VERSION_METADATA_KEY = VERSION_METADATA + "/{key}";
    static final String VERSION_FILES = VERSION + "/files";
    static final String VERSION_FILE = VERSION_FILES + "/{*path}";
    static final String VERSION_DOWNLOAD = VERSION + "/download";
    static final String VERSION_COPY = VERSION + "/copy";

    private ApiPaths() {}

    /** The {@code registry} path variable. */
    static String registry(ServerRequest request) {
        return request.pathVariable("registry");
    }

    /** The {@code package} path variable, decoded: {@code @scope%2Fname} is {@code @scope/name}. */
    static String packageName(ServerRequest request) {
        return request.pathVariable("package");
    }

    /** The {@code version} path variable. */
    static String version(ServerRequest request) {
        return request.pathVariable("version");
    }

    /** The {@code key} path variable. */
    static String key(ServerRequest request) {
        return request.pathVariable("key");
    }

    /** The URL of a version, its parts encoded so that a {@code /} in a package name stays in its segment. */
    static String versionUrl(String registry, String packageName, String version) {
        return REGISTRIES + "/" + segment(registry) + "/packages/" + segment(packageName) + "/versions/"
                + segment(version);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
