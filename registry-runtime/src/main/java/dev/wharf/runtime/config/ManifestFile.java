package dev.wharf.runtime.config;

/**
 * The text of one manifest file. Its content may hold Secret values, so {@link #toString()} shows only the path.
 *
 * @param path the file as the configuration source names it, such as {@code samples/local/npm.yaml}
 * @param content the file's UTF-8 text
 */
record ManifestFile(String path, String content) {

    @Override
    public String toString() {
        return path + " (" + content.length() + " characters)";
    }
}
