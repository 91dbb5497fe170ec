package dev.wharf.runtime.config;

import org.jspecify.annotations.Nullable;

/**
 * Where a manifest came from: its file, the document's 1-based position in it (0 for the whole file), and the kind and
 * name it declares when they could be read.
 *
 * @param file the file as the configuration source names it, such as {@code samples/local/npm.yaml}
 * @param document the document's 1-based position in a multi-document file; 0 when the location is the whole file
 * @param kind the document's {@code kind}, when it has one
 * @param name the document's {@code metadata.name}, when it has one
 */
public record ManifestLocation(
        String file,
        int document,
        @Nullable String kind,
        @Nullable String name) {

    /** The whole file, before or without any document. */
    public static ManifestLocation file(String file) {
        return new ManifestLocation(file, 0, null, null);
    }

    /**
     * Reads as {@code npm.yaml (Registry npm)} for the first document, {@code npm.yaml (document 2, UpstreamProxy
     * npmjs)} for later ones, and {@code npm.yaml} for the whole file.
     */
    @Override
    public String toString() {
        if (document == 0) {
            return file;
        }
        String what = (kind == null ? "unknown kind" : kind) + (name == null ? " without a name" : " " + name);
        return file + " (" + (document == 1 ? "" : "document " + document + ", ") + what + ")";
    }
}
