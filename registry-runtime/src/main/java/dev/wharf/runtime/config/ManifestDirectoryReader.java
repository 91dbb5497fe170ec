package dev.wharf.runtime.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the {@code *.yaml} and {@code *.yml} files at the top of a directory, following symbolic links.
 *
 * <p>Names starting with a dot are skipped: a mounted ConfigMap keeps its real files under {@code ..data ->
 * ..2026_11_22_...} and links each one from the top ({@code npm.yaml -> ..data/npm.yaml}), so reading the top-level
 * links reads every file once, from the current {@code ..data}; editors' hidden swap files are skipped too.
 * Sub-directories are not read.
 */
final class ManifestDirectoryReader implements ManifestSource {

    /** A ConfigMap holds at most 1 MiB; a larger file is a mistake, not a manifest. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path directory;

    ManifestDirectoryReader(Path directory) {
        this.directory = directory;
    }

    @Override
    public ManifestFiles read() {
        List<ManifestFile> files = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new ConfigProblem(
                    ManifestLocation.file(directory.toString()), "the configuration directory does not exist"));
            return new ManifestFiles(files, problems);
        }
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(directory)) {
            candidates = entries.filter(ManifestDirectoryReader::isManifestName)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(
                    ManifestLocation.file(directory.toString()), "cannot list the directory: " + describe(e)));
            return new ManifestFiles(files, problems);
        }
        for (Path path : candidates) {
            if (Files.isDirectory(path)) {
                continue;
            }
            try {
                files.add(new ManifestFile(path.toString(), readUtf8(path)));
            } catch (IOException e) {
                problems.add(new ConfigProblem(ManifestLocation.file(path.toString()), describe(e)));
            }
        }
        return new ManifestFiles(files, problems);
    }

    @Override
    public Optional<Path> watchedDirectory() {
        return Optional.of(directory);
    }

    @Override
    public String description() {
        return directory.toString();
    }

    static boolean isManifestName(Path path) {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }

    private static String readUtf8(Path path) throws IOException {
        // Files.size and the read both follow symbolic links: a ConfigMap's top-level entries are links into ..data.
        if (!Files.exists(path)) {
            throw new IOException("a symbolic link to a file that does not exist");
        }
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new IOException("larger than " + MAX_FILE_BYTES + " bytes, the most a ConfigMap can hold");
        }
        byte[] bytes = Files.readAllBytes(path);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not UTF-8 text", e);
        }
    }

    /** The reason without the path, which the problem's location already gives. */
    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "cannot read the file: permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the file disappeared while it was read";
        }
        return "cannot read the file: " + (message == null ? e.getClass().getSimpleName() : message);
    }
}
