package dev.wharf.runtime.version;

import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.artifact.Names;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * PyPI's scheme: names normalized as PEP 503 says ({@code Friendly-Bar_baz} is {@code friendly-bar-baz}), versions
 * parsed, normalized and ordered as PEP 440 says ({@link Pep440Version}). Pre and development releases are
 * prereleases, post releases are not; the latest is the highest release, or the highest prerelease when there is no
 * release, as pip chooses when no prerelease is asked for.
 */
public final class Pep440Versions extends ParsingVersionScheme<Pep440Version> {

    /** The name a distribution may have (the core metadata specification), letters in either case. */
    private static final Pattern NAME =
            Pattern.compile("[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]", Pattern.CASE_INSENSITIVE);

    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    @Override
    public String normalizeName(String name) {
        if (name.length() > Names.PACKAGE_MAX) {
            throw invalidName(name, "it is " + name.length() + " characters long; the limit is " + Names.PACKAGE_MAX);
        }
        if (!NAME.matcher(name).matches()) {
            throw invalidName(
                    name, "use ASCII letters, digits, '.', '_' and '-', starting and ending with a letter or digit");
        }
        return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    @Override
    public Pep440Version parse(String version) {
        if (version.length() > Names.VERSION_MAX) {
            throw new InvalidNameException("the PEP 440 version '" + Echo.printable(version) + "' is not valid: it is "
                    + version.length() + " characters long; the limit is " + Names.VERSION_MAX);
        }
        return Pep440Version.parse(version);
    }

    @Override
    protected String normalized(String version, Pep440Version parsed) {
        return parsed.toString();
    }

    @Override
    protected boolean prerelease(Pep440Version parsed) {
        return parsed.isPrerelease();
    }

    private static InvalidNameException invalidName(String name, String rule) {
        return new InvalidNameException("the PyPI project name '" + Echo.printable(name) + "' is not valid: " + rule);
    }
}
