package dev.wharf.runtime.pypi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes tiny distributions the way the packaging specifications lay them out, with no network and no build tool: a
 * pure-Python wheel (a module, {@code .dist-info/METADATA}, {@code WHEEL} and a {@code RECORD} with every hash) and a
 * gzipped-tar sdist with its {@code PKG-INFO}.
 */
final class TestDistributions {

    private TestDistributions() {}

    /** The core metadata of {@code name} {@code version}. */
    static String metadata(String name, String version) {
        return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\nSummary: A test distribution of "
                + name + "\nLicense: MIT\nRequires-Python: >=3.7\nClassifier: Programming Language :: Python :: 3\n"
                + "Classifier: License :: OSI Approved :: MIT License\n\nThe description.\n";
    }

    /** A wheel of {@code name} {@code version} whose METADATA says {@code metadata}, written into {@code dir}. */
    static Path wheel(Path dir, String name, String version, String metadata) throws IOException {
        String distribution = name.replace('-', '_');
        String distInfo = distribution + "-" + version + ".dist-info";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(
                distribution + "/__init__.py", ("VERSION = \"" + version + "\"\n").getBytes(StandardCharsets.UTF_8));
        entries.put(distInfo + "/METADATA", metadata.getBytes(StandardCharsets.UTF_8));
        entries.put(
                distInfo + "/WHEEL",
                "Wheel-Version: 1.0\nGenerator: wharf-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
                        .getBytes(StandardCharsets.UTF_8));
        StringBuilder record = new StringBuilder();
        entries.forEach((path, bytes) -> record.append(path)
                .append(",sha256=")
                .append(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes)))
                .append(',')
                .append(bytes.length)
                .append('\n'));
        record.append(distInfo).append("/RECORD,,\n");
        entries.put(distInfo + "/RECORD", record.toString().getBytes(StandardCharsets.UTF_8));
        Path wheel = dir.resolve(distribution + "-" + version + "-py3-none-any.whl");
        Files.createDirectories(dir);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return wheel;
    }

    /** A wheel whose METADATA matches its name. */
    static Path wheel(Path dir, String name, String version) throws IOException {
        return wheel(dir, name, version, metadata(name, version));
    }

    /** An sdist {@code <name>-<version>.tar.gz} with its PKG-INFO and a pyproject.toml, written into {@code dir}. */
    static Path sdist(Path dir, String name, String version) throws IOException {
        String root = name.replace('-', '_') + "-" + version;
        Path sdist = dir.resolve(root + ".tar.gz");
        Files.createDirectories(dir);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(sdist))) {
            tarEntry(
                    out,
                    root + "/pyproject.toml",
                    "[project]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n");
            tarEntry(out, root + "/PKG-INFO", metadata(name, version));
            out.write(new byte[1024]);
        }
        return sdist;
    }

    private static void tarEntry(OutputStream out, String path, String content) throws IOException {
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, path);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", body.length));
        put(header, 136, "00000000000");
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        out.write(header);
        out.write(body);
        out.write(new byte[(512 - body.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    /** The sha256 of the file in hex. */
    static String sha256Hex(Path file) throws IOException {
        return HexFormat.of().formatHex(sha256(Files.readAllBytes(file)));
    }

    /** The sha256 of {@code bytes} in hex. */
    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes of a file, for a multipart body. */
    static byte[] bytes(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Files.readAllBytes(file));
        return out.toByteArray();
    }
}
