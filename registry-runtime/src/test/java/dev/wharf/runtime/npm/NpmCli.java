package dev.wharf.runtime.npm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JavaScript package client (npm, pnpm, yarn) run as a process with a configuration and cache of its own, so that no
 * test reads the machine's {@code ~/.npmrc} or cache.
 */
final class NpmCli {

    /** Where {@code scripts/test-services} installs pnpm and yarn, each in a folder of its own. */
    static final Path TOOLS = Path.of("/opt/wharf-tools/node");

    /** pnpm 10. */
    static final String PNPM = TOOLS.resolve("pnpm/bin/pnpm").toString();

    /** yarn classic (1.22). */
    static final String YARN_CLASSIC = TOOLS.resolve("yarn-classic/bin/yarn").toString();

    /** yarn berry (4). */
    static final String YARN_BERRY = TOOLS.resolve("yarn-berry/bin/yarn").toString();

    private static final long TIMEOUT_SECONDS = 180;

    /** The outcome of a run. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final Path home;

    /** A client whose configuration, cache and home are under {@code home}. */
    NpmCli(Path home) {
        this.home = home;
    }

    Path npmrc() {
        return home.resolve(".npmrc");
    }

    Path cache() {
        return home.resolve("cache");
    }

    /** Writes the user configuration: the registry and its credentials line ({@code _authToken=...}, etc.). */
    void configure(String registry, String... lines) {
        StringBuilder config = new StringBuilder("registry=" + registry + "\n");
        String prefix = "//" + registry.substring(registry.indexOf("://") + 3);
        for (String line : lines) {
            config.append(prefix).append(':').append(line).append('\n');
        }
        config.append("cache=").append(cache()).append('\n');
        config.append("audit=false\nfund=false\nupdate-notifier=false\nlockfile-version=3\n");
        try {
            Files.createDirectories(home);
            Files.writeString(npmrc(), config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code npm <args>} in {@code dir}. */
    Result npm(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("npm", "--userconfig", npmrc().toString()));
        command.addAll(List.of(args));
        return run(dir, command, null);
    }

    /** Runs a command in {@code dir} with this client's home, writing {@code input} to its standard input. */
    Result run(Path dir, List<String> command, String input) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        environment(builder.environment());
        try {
            Files.createDirectories(dir);
            Files.createDirectories(home);
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs an interactive command in {@code dir}: each answer is written once the output shows its prompt, as a person
     * types them (npm's prompts read nothing typed ahead of them).
     */
    Result interactive(Path dir, List<String> command, List<Map.Entry<String, String>> answers) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        environment(builder.environment());
        try {
            Files.createDirectories(dir);
            Files.createDirectories(home);
            Path out = Files.createTempFile(home, "out", ".txt");
            builder.redirectOutput(out.toFile());
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                for (Map.Entry<String, String> answer : answers) {
                    org.awaitility.Awaitility.await()
                            .atMost(java.time.Duration.ofSeconds(60))
                            .until(() -> Files.readString(out).contains(answer.getKey()) || !process.isAlive());
                    if (!process.isAlive()) {
                        break;
                    }
                    stdin.write((answer.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                    stdin.flush();
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void environment(Map<String, String> env) {
        env.put("HOME", home.toString());
        env.put("NPM_CONFIG_USERCONFIG", npmrc().toString());
        env.put("NPM_CONFIG_CACHE", cache().toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_CACHE_HOME", home.resolve("xdg-cache").toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("COREPACK_ENABLE_STRICT", "0");
        env.put("NO_UPDATE_NOTIFIER", "1");
        // yarn classic and berry: a cache of this client's own; berry also plain HTTP to the test runtime,
        // node_modules rather than Plug'n'Play, and no telemetry.
        env.put("YARN_CACHE_FOLDER", home.resolve("yarn-cache").toString());
        env.put("YARN_ENABLE_GLOBAL_CACHE", "false");
        env.put("YARN_ENABLE_TELEMETRY", "false");
        env.put("YARN_UNSAFE_HTTP_WHITELIST", "localhost");
        env.put("YARN_NODE_LINKER", "node-modules");
        env.put("YARN_ENABLE_IMMUTABLE_INSTALLS", "false");
        env.put("YARN_ENABLE_PROGRESS_BARS", "false");
        // berry 4 refuses versions published within its age gate: the tests install what they just published.
        env.put("YARN_NPM_MINIMAL_AGE_GATE", "0");
        env.put("YARN_GLOBAL_FOLDER", home.resolve("yarn-global").toString());
        env.remove("CI");
    }

    /** Whether {@code tool} (a command on the PATH or a file) runs, as {@code <tool> --version}. */
    static boolean available(String tool) {
        try {
            ProcessBuilder builder = new ProcessBuilder(tool, "--version").redirectErrorStream(true);
            Process process = builder.start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
