package dev.wharf.runtime.pypi;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Finds the core metadata file in a distribution's bytes, read as a stream: a wheel's {@code
 * <name>-<version>.dist-info/METADATA}, an sdist's {@code <name>-<version>/PKG-INFO} (in a gzipped tar or a zip).
 */
final class DistributionArchives {

    private DistributionArchives() {}

    /**
     * The bytes of the metadata file of {@code file}, whose content {@code in} streams.
     *
     * @throws IllegalArgumentException saying what is wrong when the archive cannot be read or holds no metadata file
     */
    static byte[] metadata(DistributionFile file, InputStream in) {
        try {
            byte @Nullable [] found = switch (file.kind()) {
                case WHEEL -> fromZip(in, DistributionArchives::isWheelMetadata);
                case SDIST ->
                    file.filename().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")
                            ? fromZip(in, DistributionArchives::isPkgInfo)
                            : fromTar(new GZIPInputStream(in));
                case OTHER -> null;
            };
            if (found == null) {
                throw new IllegalArgumentException("the "
                        + (file.kind() == DistributionFile.Kind.WHEEL
                                ? "wheel '" + file.filename() + "' has no top-level <name>-<version>.dist-info/METADATA"
                                : "sdist '" + file.filename() + "' has no <name>-<version>/PKG-INFO")
                        + " file");
            }
            return found;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "the file '" + file.filename() + "' is not a readable archive: " + e.getMessage(), e);
        }
    }

    private static byte @Nullable [] fromZip(InputStream in, java.util.function.Predicate<String> wanted)
            throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory() && wanted.test(entry.getName())) {
                return bounded(zip);
            }
        }
        return null;
    }

    private static byte @Nullable [] fromTar(InputStream in) throws IOException {
        TarEntries tar = new TarEntries(in);
        for (TarEntries.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            if (isPkgInfo(entry.path())) {
                return tar.body(CoreMetadata.MAX_BYTES);
            }
        }
        return null;
    }

    private static byte[] bounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(CoreMetadata.MAX_BYTES + 1);
        if (bytes.length > CoreMetadata.MAX_BYTES) {
            throw new IOException("its metadata file has more than " + CoreMetadata.MAX_BYTES + " bytes");
        }
        return bytes;
    }

    private static boolean isWheelMetadata(String path) {
        String[] parts = path.split("/", -1);
        return parts.length == 2 && parts[0].endsWith(".dist-info") && parts[1].equals("METADATA");
    }

    private static boolean isPkgInfo(String path) {
        String[] parts = path.startsWith("./") ? path.substring(2).split("/", -1) : path.split("/", -1);
        return parts.length == 2 && parts[1].equals("PKG-INFO");
    }
}
