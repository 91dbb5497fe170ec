package dev.wharf.runtime.config;

/**
 * Something wrong with the configuration, where it is and why, in words a person can act on. Never carries a Secret
 * value.
 *
 * @param location the file and document the problem is in
 * @param reason what is wrong, such as {@code /spec/format: "npmm" is not one of the allowed values [...]}
 */
public record ConfigProblem(ManifestLocation location, String reason) {

    /** Reads as {@code samples/local/npm.yaml (Registry npm): /spec/format: ...}. */
    @Override
    public String toString() {
        return location + ": " + reason;
    }
}
