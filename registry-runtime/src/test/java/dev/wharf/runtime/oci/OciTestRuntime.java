package dev.wharf.runtime.oci;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@link TestRuntime}'s configuration plus docker registries: {@code images} (no anonymous read; tags immutable, as
 * {@code spec.allowOverwrite} is unset), {@code public-images} (anonymous read), {@code mutable-images} (tags may move,
 * {@code spec.allowOverwrite: true}) and {@code frozen} (pushes not allowed, a proxy of an unreachable upstream), with
 * the same users and roles.
 */
final class OciTestRuntime {

    static final String IMAGES = "images";
    static final String PUBLIC = "public-images";
    static final String FROZEN = "frozen";
    static final String MUTABLE = "mutable-images";

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
              name: images
            spec:
              format: docker
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: public-images
            spec:
              format: docker
            %2$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: mutable-images
            spec:
              format: docker
              allowOverwrite: true
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: frozen
            spec:
              format: docker
              allowPush: false
              upstreamProxies: [unreachable-hub]
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: UpstreamProxy
            metadata:
              name: unreachable-hub
            spec:
              format: docker
              url: https://registry.invalid
            """.formatted(ACCESS, ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n"));

    private OciTestRuntime() {}

    /** Configures the runtime under {@code root}: the core test registries and the docker ones. */
    static void configure(DynamicPropertyRegistry registry, Path root) {
        TestRuntime.configure(registry, root);
        writeDockerRegistries(root.resolve("config"));
    }

    /** A runtime of its own on {@code root}, for tests that start, stop or run several of them. */
    static ConfigurableApplicationContext start(Path root) {
        return new SpringApplicationBuilder(WharfRuntimeApplication.class).run(arguments(root));
    }

    /** The base URL of a runtime {@link #start}ed. */
    static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /**
     * {@link #properties} as command-line arguments, for a runtime started with {@code SpringApplicationBuilder}: its
     * default properties rank below application.yaml, whose {@code server.port} would win.
     */
    static String[] arguments(Path root) {
        return properties(root).entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    /** The properties of a runtime started by hand under {@code root}, with its configuration written. */
    static Map<String, Object> properties(Path root) {
        Path config = root.resolve("config");
        TestRuntime.writeConfiguration(config);
        writeDockerRegistries(config);
        return Map.of(
                "server.port", "0",
                "wharf.config-dir", config.toString(),
                "wharf.data-dir", root.resolve("data").toString(),
                "wharf.secrets.dir", root.resolve("no-mounted-secrets").toString(),
                "wharf.config-watch.enabled", "false");
    }

    private static void writeDockerRegistries(Path config) {
        try {
            Files.writeString(config.resolve("docker.yaml"), REGISTRIES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
