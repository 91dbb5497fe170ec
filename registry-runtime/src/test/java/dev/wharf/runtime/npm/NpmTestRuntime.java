package dev.wharf.runtime.npm;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * {@link TestRuntime}'s configuration plus npm registries: {@code npm-hosted} (no anonymous read), {@code npm-public}
 * (anonymous read) and {@code npm-small} (tarballs up to 64 KiB), with the same users and roles; and, when an upstream
 * URL is given, {@code npm-proxy} (hosted, anonymous read, falling back to that upstream).
 */
final class NpmTestRuntime {

    static final String HOSTED = "npm-hosted";
    static final String PUBLIC = "npm-public";
    static final String SMALL = "npm-small";
    static final String PROXY = "npm-proxy";

    static final String ACCESS = """
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
              name: npm-hosted
            spec:
              format: npm
            %1$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: npm-public
            spec:
              format: npm
            %2$s
            ---
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata:
              name: npm-small
            spec:
              format: npm
              maxUploadSize: 64Ki
            %1$s
            """.formatted(ACCESS, ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n"));

    private NpmTestRuntime() {}

    /** Configures the runtime under {@code root}: the core test registries and the npm ones. */
    static void configure(DynamicPropertyRegistry registry, Path root) {
        TestRuntime.configure(registry, root);
        write(root.resolve("config"), "npm.yaml", REGISTRIES);
    }

    /** As {@link #configure(DynamicPropertyRegistry, Path)}, with {@code npm-proxy} in front of {@code upstream}. */
    static void configure(DynamicPropertyRegistry registry, Path root, String upstream) {
        configure(registry, root);
        write(root.resolve("config"), "npm-proxy.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: npm-proxy
                spec:
                  format: npm
                  upstreamProxies: [upstream-npm]
                %s---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: upstream-npm
                spec:
                  format: npm
                  url: %s
                  cache:
                    metadataTTL: 1s
                """.formatted(
                        ACCESS.replace("  access:\n", "  access:\n    anonymousRead: true\n"), upstream));
    }

    /** A runtime of its own on {@code root} with the npm registries, to stand as an upstream. */
    static ConfigurableApplicationContext start(Path root) {
        Path config = root.resolve("config");
        TestRuntime.writeConfiguration(config);
        write(config, "npm.yaml", REGISTRIES);
        return new SpringApplicationBuilder(WharfRuntimeApplication.class)
                .run(
                        "--server.port=0",
                        "--wharf.config-dir=" + config,
                        "--wharf.data-dir=" + root.resolve("data"),
                        "--wharf.secrets.dir=" + root.resolve("no-mounted-secrets"),
                        "--wharf.config-watch.enabled=false");
    }

    /** The URL of registry {@code name} of a runtime {@link #start}ed, without a trailing slash. */
    static String url(ConfigurableApplicationContext context, String name) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/npm/" + name;
    }

    static void write(Path config, String file, String manifests) {
        try {
            Files.createDirectories(config);
            Files.writeString(config.resolve(file), manifests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
