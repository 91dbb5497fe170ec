package dev.wharf.runtime.firewall;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import org.jspecify.annotations.Nullable;

/**
 * How a format's packages are named outside Wharf: the package-URL type and the OSV ecosystem. A format module gives
 * its own.
 *
 * @param purlType the type in package URLs, such as {@code npm} or {@code maven}
 * @param osv the ecosystem in OSV advisories, such as {@code npm}, {@code PyPI} or {@code Maven}
 * @param namespaceSeparator the character between a name's namespace and its name ({@code :} for Maven's {@code
 *     groupId:artifactId}, {@code /} for npm scopes); {@code 0} when names have no namespace
 */
public record Ecosystem(String purlType, String osv, char namespaceSeparator) {

    /**
     * The package URL of a version, normalised by the package-URL rules of its type (PyPI names in lower case with
     * {@code -}) and written unencoded as users write it in policies: {@code pkg:npm/@acme/tool@1.0.0}.
     */
    public String purl(String name, @Nullable String version) {
        String namespace = null;
        String simple = name;
        if (namespaceSeparator != 0) {
            int split = name.lastIndexOf(namespaceSeparator);
            if (split > 0) {
                namespace = name.substring(0, split);
                simple = name.substring(split + 1);
            }
        }
        try {
            PackageURL purl = new PackageURL(purlType, namespace, simple, version, null, null);
            return unencoded(purl);
        } catch (MalformedPackageURLException e) {
            // A name the package-URL rules refuse still gets a URL, as written, so that a glob can match it.
            return "pkg:" + purlType + "/" + (namespace == null ? "" : namespace + "/") + simple
                    + (version == null ? "" : "@" + version);
        }
    }

    /** A package URL without percent-encoding, qualifiers or subpath: what policy globs are matched against. */
    static String unencoded(PackageURL purl) {
        StringBuilder text = new StringBuilder("pkg:").append(purl.getType()).append('/');
        if (purl.getNamespace() != null) {
            text.append(purl.getNamespace()).append('/');
        }
        text.append(purl.getName());
        if (purl.getVersion() != null) {
            text.append('@').append(purl.getVersion());
        }
        return text.toString();
    }
}
