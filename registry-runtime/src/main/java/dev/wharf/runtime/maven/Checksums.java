package dev.wharf.runtime.maven;

import dev.wharf.runtime.storage.Digest;

/**
 * The checksums of a file's bytes, in lower-case hex, as its {@code .md5}, {@code .sha1}, {@code .sha256} and
 * {@code .sha512} serve them.
 */
record Checksums(String md5, String sha1, String sha256, String sha512) {

    /** The checksums of {@code bytes}, such as a generated metadata document. */
    static Checksums of(byte[] bytes) {
        return new Checksums(
                ChecksumAlgorithm.MD5.of(bytes),
                ChecksumAlgorithm.SHA1.of(bytes),
                ChecksumAlgorithm.SHA256.of(bytes),
                ChecksumAlgorithm.SHA512.of(bytes));
    }

    /** The checksums of a blob with {@code digest} and the other three. */
    static Checksums of(Digest digest, String md5, String sha1, String sha512) {
        return new Checksums(md5, sha1, digest.hex(), sha512);
    }

    /** The one {@code algorithm} computes. */
    String get(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> md5;
            case SHA1 -> sha1;
            case SHA256 -> sha256;
            case SHA512 -> sha512;
        };
    }
}
