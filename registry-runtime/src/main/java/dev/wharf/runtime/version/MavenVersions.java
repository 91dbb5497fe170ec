package dev.wharf.runtime.version;

import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.artifact.Names;
import java.util.regex.Pattern;
import org.apache.maven.artifact.ArtifactUtils;
import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's scheme: packages are {@code groupId:artifactId} coordinates, versions are ordered by Maven's own {@link
 * ComparableVersion} ({@code 1-alpha < 1-beta < 1-milestone < 1-rc < 1-SNAPSHOT < 1 < 1-sp}, {@code 1.0 == 1}), and a
 * snapshot ({@code 1.0-SNAPSHOT}, or its timestamped form {@code 1.0-20240501.120000-3}) is the only prerelease: the
 * latest is the highest release, as {@code <release>} in {@code maven-metadata.xml} is, milestones and release
 * candidates included. Versions are checked as Maven's model validator checks them and are not rewritten: {@code 1.0}
 * and {@code 1} are different directories in a Maven repository.
 */
public final class MavenVersions extends ParsingVersionScheme<ComparableVersion> {

    /** Maven's own rule for group and artifact ids. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-.]+");

    /** The characters Maven's model validator refuses in a version. */
    private static final String BANNED = "\\/:\"<>|?*";

    @Override
    public String normalizeName(String name) {
        if (name.length() > Names.PACKAGE_MAX) {
            throw invalidName(name, "it is " + name.length() + " characters long; the limit is " + Names.PACKAGE_MAX);
        }
        int colon = name.indexOf(':');
        if (colon < 0 || colon != name.lastIndexOf(':')) {
            throw invalidName(name, "write it as groupId:artifactId, such as org.example:app");
        }
        String groupId = name.substring(0, colon);
        String artifactId = name.substring(colon + 1);
        checkId(name, "groupId", groupId);
        checkId(name, "artifactId", artifactId);
        if (groupId.startsWith(".") || groupId.endsWith(".") || groupId.contains("..")) {
            throw invalidName(name, "the groupId '" + Echo.printable(groupId) + "' has an empty segment between dots");
        }
        if (artifactId.startsWith(".")) {
            throw invalidName(name, "the artifactId must not start with '.'");
        }
        return name;
    }

    @Override
    public ComparableVersion parse(String version) {
        check(version);
        return new ComparableVersion(version);
    }

    /** The version as it is, once checked: Maven never rewrites one, so there is nothing to parse. */
    @Override
    public String normalizeVersion(String version) {
        check(version);
        return version;
    }

    private static void check(String version) {
        if (version.isEmpty()) {
            throw invalidVersion(version, "it is empty");
        }
        if (version.length() > Names.VERSION_MAX) {
            throw invalidVersion(
                    version, "it is " + version.length() + " characters long; the limit is " + Names.VERSION_MAX);
        }
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw invalidVersion(version, "it contains a space or control character at position " + i);
            }
            if (BANNED.indexOf(c) >= 0) {
                throw invalidVersion(version, "it contains '" + c + "'; a version may not contain any of " + BANNED);
            }
        }
        if (version.startsWith(".")) {
            throw invalidVersion(version, "it starts with '.'");
        }
        if (version.contains("${")) {
            throw invalidVersion(version, "it is an unresolved expression; deploy a constant version");
        }
    }

    @Override
    protected String normalized(String version, ComparableVersion parsed) {
        return version;
    }

    @Override
    protected boolean prerelease(ComparableVersion parsed) {
        return ArtifactUtils.isSnapshot(parsed.toString());
    }

    private static void checkId(String name, String what, String id) {
        if (id.isEmpty()) {
            throw invalidName(name, "the " + what + " is empty; write it as groupId:artifactId");
        }
        if (!ID.matcher(id).matches()) {
            throw invalidName(
                    name, "the " + what + " '" + Echo.printable(id) + "' may only hold letters, digits and _ - .");
        }
    }

    private static InvalidNameException invalidName(String name, String rule) {
        return new InvalidNameException("the Maven coordinates '" + Echo.printable(name) + "' are not valid: " + rule);
    }

    private static InvalidNameException invalidVersion(String version, String rule) {
        return new InvalidNameException("the Maven version '" + Echo.printable(version) + "' is not valid: " + rule);
    }
}
