package dev.wharf.runtime.maven;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@link TestRuntime}'s configuration (with its maven registry {@code jars}, no anonymous read) plus maven registries
 * of the Maven tests: {@code public-jars} (anonymous read), {@code mutable-jars} (overwrite allowed),
 * {@code release-jars} (releases only) and {@code snapshot-jars} (snapshots only), with the same users and roles.
 */
final class MavenTestRuntime {

    static final String JARS = "jars";
    static final String PUBLIC = "public-jars";
    static final String MUTABLE = "mutable-jars";
    static final String RELEASES = "release-jars";
    static final String SNAPSHOTS = "snapshot-jars";

    private static final String ACCESS = """
              access:
                usersSecret: test-users
                rules:
                  - {subjects: [{group: readers}], role: read}
                  - {subjects: [{group: writers}], role: write}
                  - {subjects: [{group: deleters}], role: delete}
                  - {subjects: [{group: admins}], role: admin}
            """;

    private static final String REGISTRIES =
            """
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: public-jars
            spec:
              format: maven
            %2$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: mutable-jars
            spec:
              format: maven
              allowOverwrite: true
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: release-jars
            spec:
              format: maven
              maven: {versionPolicy: Release}
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: snapshot-jars
            spec:
              format: maven
              maven: {versionPolicy: Snapshot}
            %1$s
            """.formatted(ACCESS, ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n"));

    private MavenTestRuntime() {}

    /** Configures the runtime under {@code root}: the core test registries and the maven ones. */
    static void configure(DynamicPropertyRegistry registry, Path root) {
        TestRuntime.configure(registry, root);
        write(root.resolve("config"), "maven.yaml", REGISTRIES);
    }

    static void write(Path config, String name, String manifests) {
        try {
            Files.createDirectories(config);
            Files.writeString(config.resolve(name), manifests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
