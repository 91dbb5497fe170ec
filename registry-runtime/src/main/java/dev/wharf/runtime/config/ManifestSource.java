package dev.wharf.runtime.config;

import java.nio.file.Path;
import java.util.Optional;

/** Where the manifests come from: a directory on disk, or the local-mode samples packaged in the jar. */
interface ManifestSource {

    /** Reads every manifest file now; never throws for a missing or unreadable file, but reports it. */
    ManifestFiles read();

    /** The directory to watch for changes; empty for a source that cannot change, such as the jar. */
    Optional<Path> watchedDirectory();

    /** Names the source for logs and the status endpoint, such as {@code samples/local}. */
    String description();
}
