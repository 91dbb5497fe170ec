package dev.wharf.runtime.pypi;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@link TestRuntime}'s configuration plus pypi registries: {@code wheels} (hosted, no anonymous read) and {@code
 * public-wheels} (hosted, anonymous read), with the same users and roles; and, when an upstream URL is given, {@code
 * pypi-proxy} (a pure proxy of it, anonymous read).
 */
final class PypiTestRuntime {

    static final String WHEELS = "wheels";
    static final String PUBLIC = "public-wheels";
    static final String PROXY = "pypi-proxy";

    private static final String ACCESS = """
              access:
                usersSecret: test-users
                rules:
                  - {subjects: [{group: readers}], role: read}
                  - {subjects: [{group: writers}], role: write}
                  - {subjects: [{group: deleters}], role: delete}
                  - {subjects: [{group: admins}], role: admin}
            """;

    private PypiTestRuntime() {}

    /** Configures the runtime under {@code root}; with {@code upstream} (a pypi base URL), its proxy registry too. */
    static void configure(
            DynamicPropertyRegistry registry, Path root, @org.jspecify.annotations.Nullable String upstream) {
        TestRuntime.configure(registry, root);
        StringBuilder manifests = new StringBuilder();
        manifests.append(registry(WHEELS, "", ACCESS));
        manifests.append(registry(PUBLIC, "", ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n")));
        if (upstream != null) {
            manifests.append(registry(
                    PROXY,
                    "  allowPush: false\n  upstreamProxies: [upstream-pypi]\n",
                    ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n")));
            manifests.append("""
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: upstream-pypi
                    spec:
                      format: pypi
                      url: %s
                      cache:
                        metadataTTL: 1s
                    ---
                    """.formatted(upstream));
        }
        try {
            Files.writeString(root.resolve("config").resolve("pypi.yaml"), manifests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a hosted pypi registry {@code name}, with the same users and roles, to the configuration under {@code root}. */
    static void addHosted(Path root, String name) {
        try {
            Files.writeString(root.resolve("config").resolve("pypi-" + name + ".yaml"), registry(name, "", ACCESS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A runtime of its own on {@code root} with the hosted pypi registries, to stand as an upstream. */
    static org.springframework.context.ConfigurableApplicationContext start(Path root) {
        Path config = root.resolve("config");
        TestRuntime.writeConfiguration(config);
        try {
            Files.writeString(
                    config.resolve("pypi.yaml"),
                    registry(WHEELS, "", ACCESS)
                            + registry(
                                    PUBLIC, "", ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new org.springframework.boot.builder.SpringApplicationBuilder(
                        dev.wharf.runtime.WharfRuntimeApplication.class)
                .run(
                        "--server.port=0",
                        "--wharf.config-dir=" + config,
                        "--wharf.data-dir=" + root.resolve("data"),
                        "--wharf.secrets.dir=" + root.resolve("no-mounted-secrets"),
                        "--wharf.config-watch.enabled=false");
    }

    /** The base URL of a runtime {@link #start}ed. */
    static String base(org.springframework.context.ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static String registry(String name, String extra, String access) {
        return """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %s
                spec:
                  format: pypi
                %s%s---
                """.formatted(name, extra, access);
    }
}
