package dev.wharf.runtime.npm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** npm packages for tests: a project folder for the real clients, or a tarball and its publish document for HTTP. */
final class NpmPackage {

    private NpmPackage() {}

    /** A folder with a package.json (and an index.js saying {@code text}) that npm can pack and publish. */
    static Path project(Path dir, String name, String version, String text) {
        return project(dir, name, version, text, "{}");
    }

    /** As {@link #project(Path, String, String, String)}, depending on {@code dependencies} (a JSON object). */
    static Path project(Path dir, String name, String version, String text, String dependencies) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), """
                    {"name": "%s", "version": "%s", "description": "a test package", "main": "index.js",
                     "license": "MIT", "repository": {"type": "git", "url": "https://example.invalid/repo.git"},
                     "dependencies": %s}
                    """.formatted(name, version, dependencies));
            Files.writeString(dir.resolve("index.js"), "module.exports = " + quoted(text) + ";\n");
            Files.writeString(dir.resolve("README.md"), "# " + name + "\n\nA test package.\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Bytes standing for a tarball (gzip of {@code content}). */
    static byte[] tarball(String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A tarball npm can install: {@code package/package.json} naming {@code name@version}, tarred and gzipped. */
    static byte[] packed(String name, String version) {
        byte[] manifest =
                ("{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}\n").getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, "package/package.json");
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, "%011o".formatted(manifest.length));
        put(header, 136, "%011o".formatted(0));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, "%06o".formatted(sum));
        header[155] = ' ';
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(header);
            gzip.write(manifest);
            gzip.write(new byte[(512 - manifest.length % 512) % 512 + 1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(byte[] header, int at, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, at, bytes.length);
    }

    /** The publish document npm sends for {@code name@version} with {@code tarball}, its integrity as given. */
    static String publishDocument(String name, String version, byte[] tarball, String integrity, String shasum) {
        String base = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
        return """
                {"_id": "%1$s", "name": "%1$s", "description": "test",
                 "dist-tags": {"latest": "%2$s"},
                 "versions": {"%2$s": {"name": "%1$s", "version": "%2$s", "description": "test",
                   "dist": {"integrity": "%4$s", "shasum": "%5$s",
                            "tarball": "http://localhost/npm/x/%1$s/-/%3$s-%2$s.tgz"}}},
                 "readme": "# %1$s",
                 "_attachments": {"%3$s-%2$s.tgz": {"content_type": "application/octet-stream",
                   "data": "%6$s", "length": %7$d}}}
                """.formatted(
                name, version, base, integrity, shasum, Base64.getEncoder().encodeToString(tarball), tarball.length);
    }

    /** The publish document with the tarball's true integrity and shasum. */
    static String publishDocument(String name, String version, byte[] tarball) {
        return publishDocument(name, version, tarball, integrity(tarball), sha1(tarball));
    }

    static String integrity(byte[] bytes) {
        return "sha512-" + Base64.getEncoder().encodeToString(hash("SHA-512", bytes));
    }

    static String sha1(byte[] bytes) {
        return HexFormat.of().formatHex(hash("SHA-1", bytes));
    }

    private static byte[] hash(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
