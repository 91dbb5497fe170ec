package dev.wharf.cli.testing;

import dev.wharf.runtime.WharfRuntimeApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A real Wharf runtime for the client's tests, started once per test class on a free loopback port, with its data
 * in a temporary folder: registries {@code files} and {@code releases} (generic), {@code npm}, {@code jars} (maven),
 * {@code pypi} and {@code docker}; users {@code writer} (write everywhere), {@code reader} (read everywhere) and {@code admin}, all with
 * {@link #PASSWORD}.
 */
public final class RunningWharf implements AutoCloseable {

    public static final String PASSWORD = "cli-test-password";

    private static final String ACCESS = """
              access:
                usersSecret: cli-users
                rules:
                  - {subjects: [{group: readers}], role: read}
                  - {subjects: [{group: writers}], role: write}
                  - {subjects: [{group: admins}], role: admin}
            """;

    private final ConfigurableApplicationContext context;
    private final Path root;

    private RunningWharf(Path root) {
        this.root = root;
        Path config = root.resolve("config");
        write(config.resolve("registries.yaml"), registries());
        write(config.resolve("users.yaml"), users());
        this.context = new SpringApplicationBuilder(WharfRuntimeApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--wharf.config-dir=" + config,
                        "--wharf.data-dir=" + root.resolve("data"),
                        "--wharf.secrets.dir=" + root.resolve("no-mounted-secrets"),
                        "--wharf.config-watch.enabled=false",
                        "--logging.level.root=WARN");
    }

    /** A runtime of its own under a new temporary folder; {@link #close} it after the test class. */
    public static RunningWharf start() {
        try {
            return new RunningWharf(Files.createTempDirectory("wharf-cli-runtime"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** Its URL, such as {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public Path root() {
        return root;
    }

    private static String registries() {
        StringBuilder manifests = new StringBuilder();
        String[][] registries = {
            {"files", "generic"},
            {"releases", "generic"},
            {"npm", "npm"},
            {"jars", "maven"},
            {"pypi", "pypi"},
            {"docker", "docker"}
        };
        for (String[] registry : registries) {
            manifests.append("""
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: %s
                    spec:
                      format: %s
                    %s---
                    """.formatted(registry[0], registry[1], ACCESS));
        }
        return manifests.toString();
    }

    private static String users() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        StringBuilder users = new StringBuilder();
        StringBuilder groups = new StringBuilder();
        for (String user : new String[] {"reader", "writer", "admin"}) {
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
                  name: cli-users
                stringData:
                  users: |
                %s  groups: |
                %s""".formatted(users, groups);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
