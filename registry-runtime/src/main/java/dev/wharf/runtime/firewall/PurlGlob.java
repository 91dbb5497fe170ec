package dev.wharf.runtime.firewall;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An anchored glob over package URLs, as policies write them ({@code pkg:npm/event-stream@3.3.6},
 * {@code pkg:maven/org.acme/*}, {@code pkg:npm/@acme/*}): {@code *} matches any run of characters, {@code ?} one, the
 * rest itself. A glob without a version matches every version of what it names. A glob without wildcards is read
 * with the package-URL library, so it is normalised as the candidates are ({@code pkg:pypi/Foo_Bar} matches the
 * {@code foo-bar} project) and percent-encoding ({@code %40acme}) is decoded.
 */
final class PurlGlob {

    private final String glob;
    private final Pattern pattern;

    private PurlGlob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    /**
     * The glob of {@code text}.
     *
     * @throws IllegalArgumentException naming the glob when it is not a package URL
     */
    static PurlGlob of(String text) {
        if (!text.startsWith("pkg:") || text.indexOf('/') < 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a package URL; write pkg:<type>/<name>[@<version>],"
                            + " such as pkg:npm/event-stream@3.3.6 or pkg:maven/org.acme/*");
        }
        String normal = text;
        if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
            try {
                normal = Ecosystem.unencoded(new PackageURL(text));
            } catch (MalformedPackageURLException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid package URL: " + e.getMessage(), e);
            }
        } else {
            int slash = text.indexOf('/');
            normal = text.substring(0, slash).toLowerCase(Locale.ROOT)
                    + text.substring(slash).replace("%40", "@");
        }
        if (!hasVersion(normal)) {
            normal = normal + "@*";
        }
        return new PurlGlob(text, compile(normal));
    }

    /** Whether the glob matches the package URL {@code purl} (unencoded, with its version). */
    boolean matches(String purl) {
        return pattern.matcher(purl).matches();
    }

    /** The glob as the policy wrote it. */
    String text() {
        return glob;
    }

    /** Whether the part after the type names a version: an {@code @} that does not start a segment (an npm scope). */
    private static boolean hasVersion(String purl) {
        int at = purl.lastIndexOf('@');
        return at > 0 && purl.charAt(at - 1) != '/';
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
