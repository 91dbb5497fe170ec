package dev.wharf.runtime.version;

import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.storage.Digest;
import java.util.regex.Pattern;

/**
 * OCI's scheme (the distribution specification v1.1): repository names by the specification's grammar, and versions
 * that are either a tag ({@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}) or a manifest digest ({@code sha256:<hex>}, the
 * only algorithm stored). Neither is rewritten, and they have no order by name; see {@link OrderedByPushVersions}.
 */
public final class OciVersions extends OrderedByPushVersions {

    /** The longest repository name, without the registry's host. */
    public static final int NAME_MAX = 255;

    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    @Override
    public String normalizeName(String name) {
        if (name.isEmpty()) {
            throw invalidName(name, "it is empty");
        }
        if (name.length() > NAME_MAX) {
            throw invalidName(name, "it is " + name.length() + " characters long; the limit is " + NAME_MAX);
        }
        if (!NAME.matcher(name).matches()) {
            throw invalidName(
                    name,
                    "use lower-case letters and digits, separated by '.', '_', '__' or '-', in components separated"
                            + " by '/'");
        }
        return name;
    }

    @Override
    public String normalizeVersion(String version) {
        if (version.indexOf(':') >= 0) {
            try {
                return Digest.parse(version).toString();
            } catch (IllegalArgumentException e) {
                throw new InvalidNameException(
                        "the OCI digest '" + Echo.printable(version) + "' is not valid: " + e.getMessage());
            }
        }
        if (!TAG.matcher(version).matches()) {
            throw new InvalidNameException("the OCI tag '" + Echo.printable(version) + "' is not valid: up to 128"
                    + " letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        }
        return version;
    }

    private static InvalidNameException invalidName(String name, String rule) {
        return new InvalidNameException("the OCI repository name '" + Echo.printable(name) + "' is not valid: " + rule);
    }
}
