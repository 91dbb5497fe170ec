package dev.wharf.runtime.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Maven installation the tests run: Debian's {@code /usr/bin/mvn} (3.8) or Maven 3.9, the distribution the project's
 * {@code ./mvnw} unpacked under {@code ~/.m2/wrapper/dists}, else downloaded from Maven Central once into
 * {@code target/}.
 *
 * @param name how the tests name it
 * @param mvn its {@code bin/mvn}
 */
record MavenInstallation(String name, Path mvn) {

    static final String VERSION_39 = "3.9.16";

    private static final String DISTRIBUTION = "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/"
            + VERSION_39 + "/apache-maven-" + VERSION_39 + "-bin.zip";

    /** Debian's Maven 3.8, when installed. */
    static Optional<MavenInstallation> debian() {
        Path mvn = Path.of("/usr/bin/mvn");
        return Files.isExecutable(mvn) ? Optional.of(new MavenInstallation("Maven 3.8", mvn)) : Optional.empty();
    }

    /** Maven 3.9: the wrapper's distribution, or Central's, downloaded and unpacked into {@code target/} once. */
    static MavenInstallation maven39() {
        Path dists = Path.of(System.getProperty("user.home"), ".m2", "wrapper", "dists", "apache-maven-" + VERSION_39);
        if (Files.isDirectory(dists)) {
            try (Stream<Path> found =
                    Files.find(dists, 3, (path, attributes) -> path.endsWith("bin/mvn") && Files.isExecutable(path))) {
                Optional<Path> mvn = found.findFirst();
                if (mvn.isPresent()) {
                    return new MavenInstallation("Maven " + VERSION_39, mvn.get());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path home = Path.of("target", "apache-maven-" + VERSION_39).toAbsolutePath();
        Path mvn = home.resolve("bin/mvn");
        if (!Files.isExecutable(mvn)) {
            download(home);
        }
        return new MavenInstallation("Maven " + VERSION_39, mvn);
    }

    /** Runs {@code mvn -B -ntp} with the settings and local repository in {@code dir}, up to five minutes. */
    Result run(Path settings, Path repository, Path dir, String... goals) {
        List<String> command = new ArrayList<>(
                List.of(mvn.toString(), "-B", "-ntp", "-s", settings.toString(), "-Dmaven.repo.local=" + repository));
        command.addAll(List.of(goals));
        try {
            Path log = Files.createTempFile(dir, "mvn-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish in five minutes: " + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** mvn's exit status and output. */
    record Result(int exit, String output) {}

    private static void download(Path home) {
        try (HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()) {
            byte[] zip = http.send(
                            HttpRequest.newBuilder(URI.create(DISTRIBUTION)).build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body();
            String expected = http.send(
                            HttpRequest.newBuilder(URI.create(DISTRIBUTION + ".sha512"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII))
                    .body()
                    .strip()
                    .split("\\s+")[0];
            assertThat(ChecksumAlgorithm.SHA512.of(zip))
                    .as("the sha512 of " + DISTRIBUTION)
                    .isEqualTo(expected);
            Path parent = home.getParent();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = parent.resolve(entry.getName()).normalize();
                    if (!target.startsWith(home)) {
                        throw new IOException(DISTRIBUTION + " holds " + entry.getName() + ", outside " + home);
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.write(target, in.readAllBytes());
                    }
                }
            }
            if (!home.resolve("bin/mvn").toFile().setExecutable(true)) {
                throw new IOException("cannot make " + home.resolve("bin/mvn") + " executable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("downloading " + DISTRIBUTION, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
