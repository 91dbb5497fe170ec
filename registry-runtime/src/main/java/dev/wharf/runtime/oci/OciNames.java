package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.Digest;
import java.util.regex.Pattern;

/** Checks repository names, tags and digests against the distribution spec's grammar before they go anywhere. */
final class OciNames {

    /** The longest repository name, without the registry. */
    static final int NAME_MAX = 255;

    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    private OciNames() {}

    /** The repository name, or a NAME_INVALID saying which rule it breaks. */
    static String repository(String registry, String name) {
        if (name.isEmpty()) {
            throw new OciException(
                    OciError.NAME_INVALID,
                    "the URL names no repository; use /v2/" + registry + "/<name>/... such as /v2/" + registry
                            + "/team/app/manifests/latest");
        }
        if (name.length() > NAME_MAX) {
            throw new OciException(
                    OciError.NAME_INVALID,
                    "the repository name has " + name.length() + " characters; at most " + NAME_MAX + " are allowed");
        }
        if (!NAME.matcher(name).matches()) {
            throw new OciException(
                    OciError.NAME_INVALID,
                    "the repository name '" + printable(name) + "' is not valid: use lower-case letters and digits,"
                            + " separated by '.', '_', '__' or '-', in components separated by '/'");
        }
        return name;
    }

    /** Whether the reference is a digest rather than a tag. */
    static boolean isDigest(String reference) {
        return reference.indexOf(':') >= 0;
    }

    /** Whether the reference is a valid tag. */
    static boolean isTag(String reference) {
        return TAG.matcher(reference).matches();
    }

    /** The tag, or a TAG_INVALID. */
    static String tag(String tag) {
        if (!isTag(tag)) {
            throw new OciException(
                    OciError.TAG_INVALID,
                    "the tag '" + printable(tag) + "' is not valid: up to 128 letters, digits, '_', '.' and '-',"
                            + " not starting with '.' or '-'");
        }
        return tag;
    }

    /** The digest, or a DIGEST_INVALID saying what is wrong. */
    static Digest digest(String value) {
        try {
            return Digest.parse(value);
        } catch (IllegalArgumentException e) {
            throw new OciException(OciError.DIGEST_INVALID, String.valueOf(e.getMessage()));
        }
    }

    /** Request text fit for a message: control characters dropped, long values cut. */
    static String printable(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return cut.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
