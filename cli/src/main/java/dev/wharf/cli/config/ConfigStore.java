package dev.wharf.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;

/**
 * The client's configuration file: {@code $WHARF_CONFIG}, else {@code ~/.config/wharf/config.yaml}. It holds a token,
 * so it is written readable by its owner only (mode 600, in a folder of mode 700 when the client creates it), and
 * replaced whole, never left half-written.
 */
public final class ConfigStore {

    /** The environment variable naming another configuration file. */
    public static final String ENVIRONMENT = "WHARF_CONFIG";

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    /** The file the environment names, else the default under the user's home. */
    public static ConfigStore fromEnvironment(Map<String, String> environment, Path home) {
        String named = environment.get(ENVIRONMENT);
        if (named != null && !named.isBlank()) {
            return new ConfigStore(Path.of(named));
        }
        return new ConfigStore(home.resolve(".config/wharf/config.yaml"));
    }

    public Path file() {
        return file;
    }

    /** What is saved; {@link CliConfig#EMPTY} when there is no file. */
    public CliConfig load() {
        if (!Files.exists(file)) {
            return CliConfig.EMPTY;
        }
        try {
            CliConfig config = YAML.readValue(file.toFile(), CliConfig.class);
            return config == null ? CliConfig.EMPTY : config;
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "cannot read the configuration file " + file + ": " + e.getMessage()
                            + "; fix it or delete it and run `wharf login` again",
                    e);
        }
    }

    /** Replaces the file with {@code config}, owner-only. */
    public void save(CliConfig config) {
        try {
            Path folder = Objects.requireNonNull(file.toAbsolutePath().getParent(), "an absolute file has a folder");
            if (!Files.isDirectory(folder)) {
                try {
                    Files.createDirectories(
                            folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(folder);
                }
            }
            Path temporary = folder.resolve(
                    file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            } catch (FileAlreadyExistsException raced) {
                throw new IOException("another wharf is writing " + file, raced);
            }
            Files.write(temporary, YAML.writeValueAsBytes(config));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.FAILED, "cannot write the configuration file " + file + ": " + e.getMessage(), e);
        }
    }
}
