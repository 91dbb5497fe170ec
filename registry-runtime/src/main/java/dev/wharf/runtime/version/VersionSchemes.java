package dev.wharf.runtime.version;

import dev.wharf.api.v1alpha1.common.Format;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The version scheme of each format. A format without one yet (helm, go, cargo and the rest) is refused rather than
 * given a lexical order, so that cleanup never keeps the wrong "latest" versions of a format nobody has described.
 */
public final class VersionSchemes {

    private static final Map<Format, VersionScheme> SCHEMES = schemes();

    private VersionSchemes() {}

    /**
     * The scheme of the format.
     *
     * @throws IllegalArgumentException when the format has no version scheme yet, naming those that have one
     */
    public static VersionScheme of(Format format) {
        VersionScheme scheme = SCHEMES.get(format);
        if (scheme == null) {
            throw new IllegalArgumentException("the format '" + format.id() + "' has no version scheme yet; formats"
                    + " with one: " + supported());
        }
        return scheme;
    }

    /** Whether {@link #of} has a scheme for the format. */
    public static boolean has(Format format) {
        return SCHEMES.containsKey(format);
    }

    private static String supported() {
        return Arrays.stream(Format.values())
                .filter(SCHEMES::containsKey)
                .map(Format::id)
                .collect(Collectors.joining(", "));
    }

    private static Map<Format, VersionScheme> schemes() {
        Map<Format, VersionScheme> schemes = new EnumMap<>(Format.class);
        schemes.put(Format.DOCKER, new OciVersions());
        schemes.put(Format.MAVEN, new MavenVersions());
        schemes.put(Format.NPM, new NpmVersions());
        schemes.put(Format.PYPI, new Pep440Versions());
        schemes.put(Format.GENERIC, new GenericVersions());
        return schemes;
    }
}
