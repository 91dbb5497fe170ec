package dev.wharf.runtime.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes the temporary files that uploads interrupted by a crash left in a filesystem store's {@code uploads/}. */
final class StaleUploadCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(StaleUploadCleaner.class);

    private StaleUploadCleaner() {}

    /** Deletes the regular files in {@code uploads} last modified before {@code cutoff}; returns how many. */
    static int removeOlderThan(Path uploads, Instant cutoff) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploads)) {
            for (Path file : files) {
                BasicFileAttributes attributes =
                        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile()
                        && attributes.lastModifiedTime().toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warn("could not remove stale uploads from {}", uploads, e);
        }
        if (removed > 0) {
            LOG.info("removed {} stale temporary upload files from {}", removed, uploads);
        }
        return removed;
    }
}
