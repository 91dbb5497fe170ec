package dev.wharf.cli.registry;

import static dev.wharf.cli.testing.RunningWharf.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.cli.testing.RunningWharf;
import dev.wharf.cli.testing.WharfProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wharf registry configure npm} writes an {@code ~/.npmrc} the real npm works with: it publishes a package to
 * Wharf with the token written there, and a fresh project installs it; the entries that were there stay.
 */
class ConfigureNpmTest {

    @TempDir
    static Path home;

    @TempDir
    static Path work;

    private static RunningWharf wharf;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/npm")), "npm is not installed; the npm client test is skipped");
        wharf = RunningWharf.start();
    }

    @AfterAll
    static void stop() {
        if (wharf != null) {
            wharf.close();
        }
    }

    @Test
    void npmShouldPublishAndInstallThroughTheNpmrcTheClientWrote() throws Exception {
        WharfProcess wharfClient = new WharfProcess(home);
        WharfProcess.Result login = wharfClient.runWithInput(
                PASSWORD + "\n", home, "login", "--server", wharf.url(), "--username", "writer", "--password-stdin");
        assertThat(login.exitCode()).as(login.all()).isZero();
        Path npmrc = home.resolve(".npmrc");
        Files.writeString(npmrc, """
                ; settings of the user's own
                cache=%s
                fund=false
                audit=false
                update-notifier=false
                @other:registry=https://npm.example.invalid/
                """.formatted(home.resolve("npm-cache")));

        WharfProcess.Result configured = wharfClient.run("registry", "configure", "npm", "npm");

        assertThat(configured.exitCode()).as(configured.all()).isZero();
        String registry = wharf.url() + "/npm/npm/";
        assertThat(configured.out()).isEqualTo("Configured npm for registry npm in " + npmrc + ": " + registry + "\n");
        String written = Files.readString(npmrc);
        assertThat(written)
                .startsWith("; settings of the user's own\ncache=")
                .contains("@other:registry=https://npm.example.invalid/\n")
                .contains("\nregistry=" + registry + "\n")
                .contains("\n" + registry.substring(registry.indexOf("//")) + ":_authToken=wharf_");

        Path library = Files.createDirectories(work.resolve("hello"));
        Files.writeString(library.resolve("package.json"), """
                {"name": "@acme/hello", "version": "1.0.0", "main": "index.js"}
                """);
        Files.writeString(library.resolve("index.js"), "module.exports = 'hello from wharf';\n");
        assertSucceeds(npm(library, "publish"));

        Path app = Files.createDirectories(work.resolve("app"));
        Files.writeString(app.resolve("package.json"), """
                {"name": "app", "version": "1.0.0", "private": true}
                """);
        assertSucceeds(npm(app, "install", "@acme/hello@1.0.0"));
        assertThat(Files.readString(app.resolve("node_modules/@acme/hello/index.js")))
                .isEqualTo("module.exports = 'hello from wharf';\n");
        assertThat(Files.readString(app.resolve("package-lock.json")))
                .contains(registry + "@acme/hello/-/hello-1.0.0.tgz");
    }

    private static void assertSucceeds(String[] result) {
        assertThat(result[0]).as(result[1]).isEqualTo("0");
    }

    /** Runs npm with the test's home, so that it reads only the ~/.npmrc the client wrote. */
    private static String[] npm(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npm"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("npm_config"));
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("npm " + String.join(" ", args) + " did not end: " + output);
        }
        return new String[] {String.valueOf(process.exitValue()), "npm " + String.join(" ", args) + ":\n" + output};
    }
}
