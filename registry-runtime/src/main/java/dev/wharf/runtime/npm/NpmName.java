package dev.wharf.runtime.npm;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.version.NpmVersions;
import dev.wharf.runtime.version.VersionSchemes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.UriUtils;

/**
 * A package name from an npm URL, which names it in one segment ({@code express}, {@code @scope%2fname}) or, scoped,
 * in two ({@code @scope/name}); checked as npm checks names, and the names of the package's tarballs.
 */
final class NpmName {

    /** The path variable of the scope, in the two-segment form. */
    static final String SCOPE = "scope";

    /** The path variable of the name, or of the scope and name in the one-segment form. */
    static final String PACKAGE = "pkg";

    /** The registry's path variable. */
    static final String REGISTRY = "registry";

    static final NpmVersions SCHEME = (NpmVersions) VersionSchemes.of(Format.NPM);

    private NpmName() {}

    /** The name the request's path names, as npm spells it; an {@link InvalidNameException} when it is not one. */
    static String of(ServerRequest request) {
        Map<String, String> variables = request.pathVariables();
        String pkg = variables.getOrDefault(PACKAGE, "");
        String scope = variables.get(SCOPE);
        return SCHEME.existingName(scope == null ? pkg : scope + "/" + pkg);
    }

    /** The registry the request's path names. */
    static String registry(ServerRequest request) {
        return request.pathVariables().getOrDefault(REGISTRY, "");
    }

    /** The name without its scope: what a tarball's file name starts with. */
    static String base(String name) {
        int slash = name.indexOf('/');
        return name.startsWith("@") && slash > 0 ? name.substring(slash + 1) : name;
    }

    /** The file name of the version's tarball: {@code <name without scope>-<version>.tgz}. */
    static String tarball(String name, String version) {
        return base(name) + "-" + version + ".tgz";
    }

    /**
     * The version a tarball's file name names; an {@link InvalidNameException} when the name is not the package's
     * {@code <name>-<version>.tgz}.
     */
    static String versionOfTarball(String name, String file) {
        String prefix = base(name) + "-";
        if (!file.startsWith(prefix) || !file.endsWith(".tgz") || file.length() <= prefix.length() + 4) {
            throw new InvalidNameException("the tarball '" + printable(file) + "' is not one of package " + name
                    + "'s: its tarballs are named " + prefix + "<version>.tgz");
        }
        String version = file.substring(prefix.length(), file.length() - 4);
        if (!SCHEME.isValid(version) || !SCHEME.normalizeVersion(version).equals(version)) {
            throw new InvalidNameException("the tarball '" + printable(file)
                    + "' names version '" + printable(version)
                    + "', which is not a semver version such as 1.2.3");
        }
        return version;
    }

    /** {@code value} fit for a message: control characters replaced, cut to 100 characters. */
    static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return cut.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** The name as it is written in one path segment of a registry URL: {@code @scope%2fname}. */
    static String escaped(String name) {
        return UriUtils.encodePathSegment(name, StandardCharsets.UTF_8).replace("%40", "@");
    }

    /** The name as it is written in the path of a tarball URL: {@code @scope/name}. */
    static String path(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return UriUtils.encodePathSegment(name, StandardCharsets.UTF_8);
        }
        return "@" + UriUtils.encodePathSegment(name.substring(1, slash), StandardCharsets.UTF_8) + "/"
                + UriUtils.encodePathSegment(name.substring(slash + 1), StandardCharsets.UTF_8);
    }
}
