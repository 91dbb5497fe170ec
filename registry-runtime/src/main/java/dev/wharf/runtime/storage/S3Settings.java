package dev.wharf.runtime.storage;

import dev.wharf.api.v1alpha1.registry.S3Storage;

/**
 * Where an S3 store keeps its blobs and how it signs in. The credentials are values (read from the Secret elsewhere);
 * they never appear in {@link #toString()} or in an exception message.
 *
 * @param endpoint the S3 API endpoint, such as {@code https://s3.eu-west-1.amazonaws.com}
 * @param bucket an existing bucket
 * @param prefix put before every key; empty, or ending in '/'
 * @param region the bucket's region
 * @param pathStyleAccess address the bucket as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 * @param accessKey the access key id
 * @param secretKey the secret access key
 */
public record S3Settings(
        String endpoint,
        String bucket,
        String prefix,
        String region,
        boolean pathStyleAccess,
        String accessKey,
        String secretKey) {

    /** The region when none is set, which MinIO and most S3-compatible servers accept. */
    public static final String DEFAULT_REGION = "us-east-1";

    /** Checks every part; the messages never show a credential. */
    public S3Settings {
        require(!endpoint.isBlank(), "the S3 endpoint is empty");
        require(!bucket.isBlank(), "the S3 bucket name is empty");
        require(
                prefix.isEmpty() || (prefix.endsWith("/") && !prefix.startsWith("/")),
                "the S3 key prefix '" + Digest.printable(prefix) + "' must be empty or end in '/' (and not start with"
                        + " '/')");
        require(
                !("/" + prefix).contains("/../") && !("/" + prefix).contains("/./") && !prefix.contains("//"),
                "the S3 key prefix '" + Digest.printable(prefix) + "' must not hold '.', '..' or empty segments");
        require(!region.isBlank(), "the S3 region is empty");
        require(!accessKey.isBlank(), "the S3 access key is empty");
        require(!secretKey.isBlank(), "the S3 secret key is empty");
    }

    /** The settings of a Registry's {@code spec.storage.s3}, with its defaults applied and the credentials given. */
    public static S3Settings of(S3Storage storage, String accessKey, String secretKey) {
        String prefix = storage.prefix();
        String region = storage.region();
        Boolean pathStyle = storage.pathStyleAccess();
        return new S3Settings(
                storage.endpoint(),
                storage.bucket(),
                prefix == null ? "" : prefix,
                region == null ? DEFAULT_REGION : region,
                pathStyle == null || pathStyle,
                accessKey,
                secretKey);
    }

    /** Where the blobs are, for messages: {@code endpoint/bucket/prefix}. */
    public String location() {
        return endpoint.replaceAll("/+$", "") + "/" + bucket + "/" + prefix;
    }

    /** Everything but the credentials. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", prefix=" + prefix + ", region=" + region
                + ", pathStyleAccess=" + pathStyleAccess + ", credentials=(hidden)]";
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
