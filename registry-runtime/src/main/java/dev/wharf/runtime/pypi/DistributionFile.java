package dev.wharf.runtime.pypi;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.version.Pep440Version;
import dev.wharf.runtime.version.VersionSchemes;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A distribution's file name, read as the binary distribution format (wheels: {@code
 * {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl}) and the source distribution format ({@code
 * {name}-{version}.tar.gz}, or {@code .zip} as older tools made them) say, and checked against the project it is
 * uploaded to or listed under. Only plain names are accepted: no separators, no leading dot, so that a file name can
 * never name another path.
 *
 * @param filename the file name as given
 * @param project the project's PEP 503 normalized name
 * @param version the version in PEP 440 normal form
 * @param kind a wheel or an sdist
 */
record DistributionFile(String filename, String project, String version, Kind kind) {

    /** What the file is. */
    enum Kind {
        /** A built distribution, whose {@code .dist-info/METADATA} is served beside it (PEP 658). */
        WHEEL,
        /** A source distribution, whose {@code PKG-INFO} holds its core metadata. */
        SDIST,
        /** An older built form (an egg) an upstream may still list; never accepted for upload. */
        OTHER
    }

    /** The longest file name accepted, as PyPI's column has it. */
    static final int MAX_LENGTH = 255;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+!-]*");
    private static final String[] SDIST_SUFFIXES = {".tar.gz", ".zip"};

    /**
     * The file {@code filename} of {@code project} (normalized).
     *
     * @throws IllegalArgumentException naming what is wrong when the name is not a wheel's or an sdist's of the project
     */
    static DistributionFile parse(String filename, String project) {
        return parse(filename, project, false);
    }

    /** As {@link #parse}, also taking the eggs an upstream index may list. */
    static DistributionFile parseListed(String filename, String project) {
        return parse(filename, project, true);
    }

    private static DistributionFile parse(String filename, String project, boolean eggs) {
        if (filename.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "the file name has " + filename.length() + " characters; at most " + MAX_LENGTH + " are accepted");
        }
        if (!PLAIN.matcher(filename).matches()) {
            throw new IllegalArgumentException("the file name '" + printable(filename) + "' is not a plain file name:"
                    + " use letters, digits and . _ + ! - only, starting with a letter or digit");
        }
        String lower = filename.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".whl")) {
            return wheel(filename, project);
        }
        for (String suffix : SDIST_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                String stem = filename.substring(0, filename.length() - suffix.length());
                return new DistributionFile(filename, project, versionAfterName(filename, stem, project), Kind.SDIST);
            }
        }
        if (eggs && lower.endsWith(".egg")) {
            String stem = filename.substring(0, filename.length() - ".egg".length());
            int python = stem.lastIndexOf("-py");
            String named = python > 0 ? stem.substring(0, python) : stem;
            return new DistributionFile(filename, project, versionAfterName(filename, named, project), Kind.OTHER);
        }
        throw new IllegalArgumentException("the file '" + filename + "' is neither a wheel (.whl) nor a source"
                + " distribution (.tar.gz, or .zip)");
    }

    private static DistributionFile wheel(String filename, String project) {
        String[] parts =
                filename.substring(0, filename.length() - ".whl".length()).split("-", -1);
        if (parts.length != 5 && parts.length != 6) {
            throw new IllegalArgumentException("the wheel name '" + filename + "' does not have the form"
                    + " {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl");
        }
        String name = normalize(parts[0]);
        if (!name.equals(project)) {
            throw new IllegalArgumentException(
                    "the wheel '" + filename + "' is of project '" + name + "', not '" + project + "'");
        }
        return new DistributionFile(filename, project, version(filename, parts[1]), Kind.WHEEL);
    }

    /** The version after the first {@code -} whose prefix is the project's name (sdist names may hold dashes). */
    private static String versionAfterName(String filename, String stem, String project) {
        for (int dash = stem.indexOf('-'); dash > 0; dash = stem.indexOf('-', dash + 1)) {
            if (normalize(stem.substring(0, dash)).equals(project)) {
                return version(filename, stem.substring(dash + 1));
            }
        }
        throw new IllegalArgumentException("the file '" + filename + "' does not start with the project's name '"
                + project + "' and a dash before its version");
    }

    private static String version(String filename, String version) {
        try {
            return Pep440Version.parse(version).toString();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the version '" + printable(version) + "' in the file name '" + filename
                    + "' is not a PEP 440 version");
        }
    }

    /** The PEP 503 form of a project name. */
    static String normalize(String name) {
        return VersionSchemes.of(Format.PYPI).normalizeName(name);
    }

    /** Whether the core metadata file is served beside it (wheels only). */
    boolean hasCoreMetadata() {
        return kind == Kind.WHEEL;
    }

    /** The name of its core metadata file (PEP 658). */
    String metadataPath() {
        return filename + ".metadata";
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.length() > 80 ? out + "..." : out.toString();
    }
}
