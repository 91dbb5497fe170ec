package dev.wharf.runtime.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an OCI image layout directory (the {@code oci:} transport of skopeo) holding real images: gzip-compressed tar
 * layers, a config with their diff ids, image manifests, and an index for a multi-architecture image.
 */
final class OciLayout {

    private final Path dir;
    private final List<String> refs = new ArrayList<>();

    OciLayout(Path dir) {
        this.dir = dir;
        write("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** Adds an image of {@code layers} (each a file name and its content) for the architecture; its manifest. */
    byte[] image(String architecture, List<String> layers) {
        List<String> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (String layer : layers) {
            byte[] tar = tar(
                    layer, (layer + " of " + architecture + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
            byte[] gzip = gzip(tar);
            blob(gzip);
            diffIds.add("\"" + OciContent.digest(tar) + "\"");
            layerDescriptors.add(OciContent.descriptor(OciContent.OCI_LAYER, gzip));
        }
        byte[] config = ("{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        blob(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciContent.OCI_MANIFEST + "\",\"config\":"
                        + OciContent.descriptor(OciContent.OCI_CONFIG, config) + ",\"layers\":["
                        + String.join(",", layerDescriptors) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        blob(manifest);
        return manifest;
    }

    /** Names {@code manifest} (of {@code mediaType}) {@code ref} in the layout's index. */
    void tag(String ref, byte[] manifest, String mediaType) {
        refs.add(OciContent.descriptor(mediaType, manifest)
                .replace("}", ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + ref + "\"}}"));
        write(
                "index.json",
                ("{\"schemaVersion\":2,\"manifests\":[" + String.join(",", refs) + "]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** An index of the manifests, one per architecture, stored as a blob. */
    byte[] index(List<byte[]> manifests, List<String> architectures) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            entries.add(OciContent.descriptor(OciContent.OCI_MANIFEST, manifests.get(i))
                    .replace(
                            "}",
                            ",\"platform\":{\"architecture\":\"" + architectures.get(i) + "\",\"os\":\"linux\"}}"));
        }
        byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciContent.OCI_INDEX + "\",\"manifests\":["
                        + String.join(",", entries) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        blob(index);
        return index;
    }

    private void blob(byte[] content) {
        write("blobs/sha256/" + OciContent.digest(content).substring("sha256:".length()), content);
    }

    private void write(String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POSIX tar archive holding one regular file. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format(Locale.ROOT, "%011o", content.length));
        put(header, 136, String.format(Locale.ROOT, "%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format(Locale.ROOT, "%06o", sum));
        header[154] = 0;
        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
