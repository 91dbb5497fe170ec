package dev.wharf.cli.registry;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A client's own configuration file: read whole (empty when absent), written whole through a temporary file. A file
 * the client creates is readable by its owner only, since it holds a token; an existing file keeps its mode.
 */
final class ClientFiles {

    private ClientFiles() {}

    /** The file under the user's home, unless the environment variable names another. */
    static Path userFile(Map<String, String> environment, Path home, @Nullable String variable, String... underHome) {
        String named = variable == null ? null : environment.get(variable);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return home.resolve(String.join("/", underHome));
    }

    static String read(Path file) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, String content) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(Objects.requireNonNull(absolute.getParent(), "an absolute file has a folder"));
            Set<PosixFilePermission> mode = Files.exists(absolute)
                    ? Files.getPosixFilePermissions(absolute)
                    : PosixFilePermissions.fromString("rw-------");
            Path temporary = absolute.resolveSibling(
                    absolute.getFileName() + ".wharf-" + ProcessHandle.current().pid());
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(mode));
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException(ExitCodes.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
