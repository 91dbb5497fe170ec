package dev.wharf.runtime.version;

import com.github.zafarkhaja.semver.Version;
import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.artifact.Names;
import java.util.List;
import java.util.regex.Pattern;

/**
 * npm's scheme: names as {@code validate-npm-package-name} checks them ({@link #normalizeName} for a new package,
 * {@link #existingName} for one already published under older rules), versions in semver 2.0.0 ordered by its
 * precedence, prerelease identifiers included and build metadata ignored. A version is cleaned as npm's {@code
 * semver.clean} does before it publishes: surrounding spaces and a leading {@code v} or {@code =} are dropped, and so
 * is build metadata ({@code =v1.2.3+b5} is {@code 1.2.3}). The forms only npm's loose parser reads ({@code 01.2.3},
 * {@code 1.2.3beta}) are refused: the npm client cleans them before a registry sees them. So is a prerelease number
 * larger than a {@code long}, which npm would read but the semver library does not.
 *
 * <p>The latest version is the highest release, or the highest prerelease when there is no release. A packument's
 * {@code latest} dist-tag, when the registry has one, overrides it; that is the npm format's decision, not the scheme's.
 */
public final class NpmVersions extends ParsingVersionScheme<SemanticVersion> {

    /** The largest number npm accepts in a version: JavaScript's {@code Number.MAX_SAFE_INTEGER}. */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private static final Pattern LEADING_V_OR_EQUALS = Pattern.compile("^[=v]+");

    @Override
    public String normalizeName(String name) {
        return NpmNames.check(name, true);
    }

    /**
     * A name npm still serves though a new package may not take it: capital letters ({@code JSONStream}), more than 214
     * characters or {@code ~'!()*} are allowed; the rules for every name still hold.
     *
     * @throws InvalidNameException naming the value and the rule it breaks
     */
    public String existingName(String name) {
        return NpmNames.check(name, false);
    }

    @Override
    public SemanticVersion parse(String version) {
        if (version.length() > Names.VERSION_MAX) {
            throw invalid(version, "it is " + version.length() + " characters long; the limit is " + Names.VERSION_MAX);
        }
        String cleaned = LEADING_V_OR_EQUALS.matcher(version.strip()).replaceFirst("");
        if (cleaned.isEmpty()) {
            throw invalid(version, "it holds no version number; write MAJOR.MINOR.PATCH such as 1.2.3");
        }
        Version parsed;
        try {
            parsed = Version.parse(cleaned);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("overflow")) {
                throw invalid(
                        version, "a number in it is larger than " + Long.MAX_VALUE + ", the most this registry reads");
            }
            throw invalid(
                    version,
                    "write MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] as semver 2.0.0 defines it, such as 1.2.3 or"
                            + " 1.2.3-rc.1, without leading zeros");
        }
        checkSafe(version, "major", parsed.majorVersion());
        checkSafe(version, "minor", parsed.minorVersion());
        checkSafe(version, "patch", parsed.patchVersion());
        return new SemanticVersion(
                parsed.majorVersion(),
                parsed.minorVersion(),
                parsed.patchVersion(),
                identifiers(parsed.preReleaseVersion().orElse("")),
                identifiers(parsed.buildMetadata().orElse("")));
    }

    @Override
    protected String normalized(String version, SemanticVersion parsed) {
        return parsed.cleaned();
    }

    @Override
    protected boolean prerelease(SemanticVersion parsed) {
        return parsed.isPrerelease();
    }

    private static void checkSafe(String version, String part, long value) {
        if (value > MAX_SAFE_INTEGER) {
            throw invalid(version, "the " + part + " version is larger than " + MAX_SAFE_INTEGER + ", npm's limit");
        }
    }

    private static List<String> identifiers(String dotted) {
        return dotted.isEmpty() ? List.of() : List.of(dotted.split("\\.", -1));
    }

    private static InvalidNameException invalid(String version, String rule) {
        return new InvalidNameException("the npm version '" + Echo.printable(version) + "' is not valid: " + rule);
    }
}
