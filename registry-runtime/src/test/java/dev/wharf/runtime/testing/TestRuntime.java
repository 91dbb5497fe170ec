package dev.wharf.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The configuration tests run the whole runtime with: a temporary configuration directory holding a few registries
 * and a users Secret, and a temporary data directory (filesystem blobs, embedded H2), so no test touches the working
 * directory.
 *
 * <p>Registries: {@code files} (generic, no anonymous read), {@code public-files} (generic, anonymous read),
 * {@code copies} (generic, no anonymous read, overwrite allowed), {@code jars} (maven), {@code crates} (cargo, a format not implemented yet).
 * Users (password = {@link #PASSWORD}): {@code reader}, {@code writer}, {@code deleter}, {@code admin} with that role
 * in every registry, and {@code stranger} with none.
 */
public final class TestRuntime {

    /** Every test user's password. */
    public static final String PASSWORD = "test-password";

    public static final String READER = "reader";
    public static final String WRITER = "writer";
    public static final String DELETER = "deleter";
    public static final String ADMIN = "admin";
    public static final String STRANGER = "stranger";

    private TestRuntime() {}

    /**
     * Writes the configuration under {@code root} and points the runtime at it; call from a
     * {@code @DynamicPropertySource} method with a static {@code @TempDir}.
     */
    public static void configure(DynamicPropertyRegistry registry, Path root) {
        Path config = root.resolve("config");
        writeConfiguration(config);
        registry.add("wharf.config-dir", config::toString);
        registry.add("wharf.data-dir", () -> root.resolve("data").toString());
        registry.add(
                "wharf.secrets.dir", () -> root.resolve("no-mounted-secrets").toString());
        registry.add("wharf.config-watch.enabled", () -> "false");
        // The route tables send a wrong password on every route; FailedLoginThrottleTest proves the throttle.
        registry.add("wharf.auth.failed-logins.free-failures", () -> "1000");
    }

    /** The value of a Basic {@code Authorization} header for a test user. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the manifests and the users Secret into {@code dir}. */
    public static void writeConfiguration(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("registries.yaml"), REGISTRIES);
            Files.writeString(dir.resolve("users.yaml"), users());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String users() {
        // Cost 4 keeps the tests fast; the runtime accepts any bcrypt cost.
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        StringBuilder users = new StringBuilder();
        StringBuilder groups = new StringBuilder();
        for (String user : new String[] {READER, WRITER, DELETER, ADMIN, STRANGER}) {
            users.append("    ")
                    .append(user)
                    .append(':')
                    .append(bcrypt.encode(PASSWORD))
                    .append('\n');
            groups.append("    ").append(user).append(':').append(user).append("s\n");
        }
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: test-users
                stringData:
                  users: |
                %s  groups: |
                %s""".formatted(users, groups);
    }

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
              name: files
              labels: {team: platform}
            spec:
              format: generic
              metadata: {team: platform, purpose: tests}
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: public-files
            spec:
              format: generic
              maxUploadSize: 1Mi
            %2$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: copies
            spec:
              format: generic
              allowOverwrite: true
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: jars
            spec:
              format: maven
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: crates
            spec:
              format: cargo
            %1$s
            """.formatted(ACCESS, ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n"));
}
