package dev.wharf.runtime.read;

import org.jspecify.annotations.Nullable;

/**
 * What a read asks for, as the gate sees it: a package and, when the request names one, a version (a request for a
 * package's index names none; an OCI blob by digest names none either).
 *
 * @param packageName the package's name in the format's canonical form
 * @param version the version, when the request names one
 */
public record ReadSubject(String packageName, @Nullable String version) {

    /** A read of the whole package, such as its index or its tag list. */
    public static ReadSubject ofPackage(String packageName) {
        return new ReadSubject(packageName, null);
    }

    /** A read of one version of the package. */
    public static ReadSubject ofVersion(String packageName, String version) {
        return new ReadSubject(packageName, version);
    }

    @Override
    public String toString() {
        return version == null ? packageName : packageName + "@" + version;
    }
}
