package dev.wharf.runtime.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A directory laid out and updated the way the kubelet's AtomicWriter does for a mounted ConfigMap or Secret: the
 * files live in a timestamped {@code ..2026_...} directory, {@code ..data} links to it, and each top-level name links
 * to {@code ..data/<name>}. An update writes a new timestamped directory and points a new {@code ..data_tmp} link at
 * it ({@link #prepare}), renames that link over {@code ..data} (the atomic step, {@link #swapData}), then fixes the
 * top-level links and deletes the old directory ({@link #cleanUp}).
 */
final class MountedConfigMap {

    private static final String DATA = "..data";
    private static final String DATA_TMP = "..data_tmp";

    private final Path dir;
    private @Nullable Set<String> prepared;
    private @Nullable Path previous;

    private MountedConfigMap(Path dir) {
        this.dir = dir;
    }

    static MountedConfigMap create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new MountedConfigMap(dir);
    }

    /** Publishes {@code files} as the new content, in the timestamped directory {@code version}. */
    void publish(String version, Map<String, String> files) throws IOException {
        prepare(version, files);
        swapData();
        cleanUp();
    }

    /** Writes {@code files} into the timestamped directory {@code version} and links {@code ..data_tmp} to it. */
    void prepare(String version, Map<String, String> files) throws IOException {
        Path versionDir = Files.createDirectory(dir.resolve(version));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(versionDir.resolve(file.getKey()), file.getValue());
        }
        Files.createSymbolicLink(dir.resolve(DATA_TMP), Path.of(version));
        prepared = Set.copyOf(files.keySet());
    }

    /** Renames {@code ..data_tmp} over {@code ..data}: from now on the top-level links show the new content. */
    void swapData() throws IOException {
        Path data = dir.resolve(DATA);
        previous = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
        Files.move(dir.resolve(DATA_TMP), data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Links the new names, removes the links of names that are gone, and deletes the previous directory. */
    void cleanUp() throws IOException {
        Set<String> names = prepared;
        if (names == null) {
            throw new IllegalStateException("prepare a version and swap to it before cleaning up");
        }
        for (String name : names) {
            Path link = dir.resolve(name);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of(DATA, name));
            }
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith("..") && !names.contains(name)) {
                    Files.delete(entry);
                }
            }
        }
        Path old = previous;
        if (old != null) {
            deleteRecursively(old);
        }
        prepared = null;
        previous = null;
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }
}
