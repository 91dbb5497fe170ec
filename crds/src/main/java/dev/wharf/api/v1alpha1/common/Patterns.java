package dev.wharf.api.v1alpha1.common;

/**
 * Patterns and length limits the four resources share, so that every schema says the same thing.
 *
 * <p>The patterns are written for both RE2 (the API server) and {@code java.util.regex} (the runtime and the
 * tests): no look-around, no back-references.
 */
public final class Patterns {

    /** A DNS-1035 label: the name of a Registry, UpstreamProxy or policy; it ends up in Service names and URLs. */
    public static final String RESOURCE_NAME = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    public static final int RESOURCE_NAME_MAX = 63;

    /** A DNS-1123 subdomain: the name of a Secret. */
    public static final String SECRET_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    public static final int SECRET_NAME_MAX = 253;

    /** A duration such as {@code 30s}, {@code 10m}, {@code 72h}, {@code 90d}, {@code 2w} or {@code 1h30m}. */
    public static final String DURATION = "^([0-9]{1,6}(ms|s|m|h|d|w))+$";

    public static final int DURATION_MAX = 32;

    /** A Kubernetes quantity without exponent notation: {@code 512Mi}, {@code 10Gi}, {@code 500m}, {@code 2}. */
    public static final String QUANTITY = "^[0-9]{1,15}(\\.[0-9]{1,6})?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";

    public static final int QUANTITY_MAX = 32;

    /** A five-field cron expression, or one of the {@code @daily}-style macros. */
    public static final String CRON = "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
            + "|([0-9A-Za-z*?/,#-]+ +){4}[0-9A-Za-z*?/,#-]+)$";

    public static final int CRON_MAX = 128;

    /** An IANA time zone name such as {@code Europe/Paris} or {@code UTC}. */
    public static final String TIME_ZONE = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

    public static final int TIME_ZONE_MAX = 64;

    /** An absolute http or https URL. */
    public static final String HTTP_URL = "^https?://[^\\s/?#]+([/?#]\\S*)?$";

    /** An absolute https URL. */
    public static final String HTTPS_URL = "^https://[^\\s/?#]+([/?#]\\S*)?$";

    public static final int URL_MAX = 2048;

    /** A host name for an Ingress: a DNS-1123 subdomain, optionally with a leading wildcard label. */
    public static final String HOST = "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    public static final int HOST_MAX = 253;

    /** An anchored glob ({@code *} matches any run of characters, {@code ?} one character): no whitespace. */
    public static final String GLOB = "^\\S+$";

    public static final int GLOB_MAX = 256;

    /** A host name glob: letters, digits, dots, hyphens and {@code *}, such as {@code *.cloudfront.net}. */
    public static final String HOST_GLOB = "^[A-Za-z0-9*]([A-Za-z0-9.*-]*[A-Za-z0-9*])?$";

    /** A container image reference. */
    public static final String IMAGE = "^[a-zA-Z0-9][a-zA-Z0-9._/:@+-]*$";

    public static final int IMAGE_MAX = 512;

    /** A lower-case hexadecimal sha256 digest. */
    public static final String SHA256_HEX = "^[a-f0-9]{64}$";

    /** A CamelCase reason, as in a Kubernetes Condition. */
    public static final String REASON = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$";

    /** A short free-text value: a metadata value, a rule description. */
    public static final int TEXT_MAX = 256;

    /** A longer free-text value: a message, an expression. */
    public static final int MESSAGE_MAX = 4096;

    private Patterns() {}
}
