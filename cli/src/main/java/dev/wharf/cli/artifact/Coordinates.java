package dev.wharf.cli.artifact;

import dev.wharf.cli.http.ApiClient;
import java.util.regex.Pattern;

/** The API paths of a registry's packages and versions. */
final class Coordinates {

    private static final Pattern SLASH = Pattern.compile("/");

    private Coordinates() {}

    static String registry(String registry) {
        return "/api/v1/registries/" + ApiClient.segment(registry);
    }

    static String pkg(String registry, String packageName) {
        return registry(registry) + "/packages/" + ApiClient.segment(packageName);
    }

    static String version(String registry, String packageName, String version) {
        return pkg(registry, packageName) + "/versions/" + ApiClient.segment(version);
    }

    /** A generic file's URL path: each segment of {@code file} encoded, its slashes kept. */
    static String genericFile(String registry, String packageName, String version, String file) {
        StringBuilder path = new StringBuilder("/generic/")
                .append(ApiClient.segment(registry))
                .append('/')
                .append(ApiClient.segment(packageName))
                .append('/')
                .append(ApiClient.segment(version));
        for (String segment : SLASH.split(file, -1)) {
            path.append('/').append(ApiClient.segment(segment));
        }
        return path.toString();
    }
}
