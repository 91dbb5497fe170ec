package dev.wharf.runtime.oci;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.PathContainer;

/**
 * What a URL under {@code /v2/<registry>/} names: the repository (with as many components as it has, such as
 * {@code team/app/api}) and the endpoint, read from the end of the path so that the name can have any components.
 *
 * @param registry the registry
 * @param name the repository, validated; empty for the registry's catalog
 * @param endpoint the endpoint
 * @param reference the tag or digest of a manifest, the digest of a blob or referrers subject, the upload session id;
 *     empty when the endpoint has none
 */
record OciPath(String registry, String name, Endpoint endpoint, String reference) {

    /** The endpoints of a repository. */
    enum Endpoint {
        MANIFEST,
        BLOB,
        UPLOADS,
        UPLOAD,
        TAGS,
        REFERRERS,
        CATALOG
    }

    /** Parses the path after {@code /v2/}; a NAME_INVALID or 404 when it is not an endpoint. */
    static OciPath parse(PathContainer path) {
        // The name is read from the raw segments, so an encoded separator (%2F) is refused rather than read as one;
        // the reference is decoded, as some clients encode the colon of a digest.
        List<PathContainer.PathSegment> elements = path.elements().stream()
                .filter(PathContainer.PathSegment.class::isInstance)
                .map(PathContainer.PathSegment.class::cast)
                .toList();
        List<String> segments =
                elements.stream().map(PathContainer.PathSegment::value).toList();
        if (segments.size() < 2 || !segments.get(0).equals("v2")) {
            throw notAnEndpoint("/" + String.join("/", segments));
        }
        String registry = segments.get(1);
        List<String> rest = segments.subList(2, segments.size());
        int n = rest.size();
        if (n == 1 && rest.get(0).equals("_catalog")) {
            return new OciPath(registry, "", Endpoint.CATALOG, "");
        }
        Parsed parsed = endpoint(rest, elements.get(elements.size() - 1).valueToMatch());
        if (parsed == null) {
            throw notAnEndpoint("/" + String.join("/", segments));
        }
        String name = String.join("/", rest.subList(0, n - parsed.length()));
        return new OciPath(registry, OciNames.repository(registry, name), parsed.endpoint(), parsed.reference());
    }

    private record Parsed(Endpoint endpoint, int length, String reference) {}

    private static @Nullable Parsed endpoint(List<String> rest, String reference) {
        int n = rest.size();
        if (n >= 4 && rest.get(n - 3).equals("blobs") && rest.get(n - 2).equals("uploads")) {
            return new Parsed(Endpoint.UPLOAD, 3, reference);
        }
        if (n >= 3 && rest.get(n - 2).equals("blobs") && rest.get(n - 1).equals("uploads")) {
            return new Parsed(Endpoint.UPLOADS, 2, "");
        }
        if (n >= 3 && rest.get(n - 2).equals("tags") && rest.get(n - 1).equals("list")) {
            return new Parsed(Endpoint.TAGS, 2, "");
        }
        if (n >= 3) {
            return switch (rest.get(n - 2)) {
                case "manifests" -> new Parsed(Endpoint.MANIFEST, 2, reference);
                case "blobs" -> new Parsed(Endpoint.BLOB, 2, reference);
                case "referrers" -> new Parsed(Endpoint.REFERRERS, 2, reference);
                default -> null;
            };
        }
        return null;
    }

    private static OciException notAnEndpoint(String path) {
        return new OciException(
                OciError.NAME_UNKNOWN,
                "'" + OciNames.printable(path) + "' is not an endpoint of the registry API; URLs have the form"
                        + " /v2/<registry>/<name>/{manifests/<reference>,blobs/<digest>,blobs/uploads/,tags/list,"
                        + "referrers/<digest>}");
    }

    /** The repository as clients name it: {@code <registry>/<name>}. */
    String fullName() {
        return registry + "/" + name;
    }

    /** The URL of the repository, without a trailing slash. */
    String base() {
        return "/v2/" + fullName();
    }
}
