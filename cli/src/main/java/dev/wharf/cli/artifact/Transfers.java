package dev.wharf.cli.artifact;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Saving a download: streamed to a temporary file beside the target, checked, then moved into place. */
final class Transfers {

    private Transfers() {}

    /**
     * Streams the body to {@code target}; when {@code expectedSha256} is given, a body with another digest is deleted
     * and reported. Returns the body's sha256.
     */
    static String save(HttpResponse<InputStream> response, Path target, @Nullable String expectedSha256) {
        MessageDigest digest = Digests.sha256();
        Path temporary = null;
        Path folder = Objects.requireNonNull(target.toAbsolutePath().getParent(), "an absolute file has a folder");
        try (InputStream in = response.body()) {
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, ".wharf-", ".part");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                    out.write(buffer, 0, read);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.isEmpty() && !expectedSha256.equals(actual)) {
                throw new CliException(
                        ExitCodes.FAILED,
                        "the downloaded " + target.getFileName() + " has sha256 " + actual + ", but the server lists "
                                + expectedSha256 + "; nothing was saved, try again");
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            return actual;
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot save " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Best effort: a leftover .part file names itself.
                }
            }
        }
    }
}
