package dev.wharf.runtime.npm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One runtime with {@link NpmTestRuntime}'s registries and {@code npm-purged}, shared by the test classes that extend
 * this one: their configuration is the same, so Spring starts it once and keeps it for all of them. Its folder is under
 * {@code target/} and lives as long as the build's files, since the runtime outlives each class. Each class uses
 * package names of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class SharedNpmRuntime {

    /** A registry the purge test purges. */
    static final String PURGED = "npm-purged";

    static final Path ROOT = root();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        NpmTestRuntime.configure(registry, ROOT);
        NpmTestRuntime.write(ROOT.resolve("config"), "purged.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %s
                spec:
                  format: npm
                %s""".formatted(PURGED, NpmTestRuntime.ACCESS));
    }

    private static Path root() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target.toAbsolutePath(), "npm-runtime-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
