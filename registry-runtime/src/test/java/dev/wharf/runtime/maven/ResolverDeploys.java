package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Deploys over HTTP as Maven Resolver sends them, one build's requests in order: each file followed by its
 * {@code .sha1} and {@code .md5}, then the {@code maven-metadata.xml} the client wrote and its {@code .sha1}. The
 * client's document lists only its own version or build, as a build's does that read the document before another
 * build's deploy changed it: the server must not lose the others for it. Builds run {@link #concurrently}.
 */
final class ResolverDeploys {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String groupPath;
    private final String artifactId;

    /** Deploys of {@code groupId:artifactId}. */
    ResolverDeploys(String groupId, String artifactId) {
        this.groupPath = groupId.replace('.', '/');
        this.artifactId = artifactId;
    }

    /** Deploys release {@code version}'s POM and jar to the repository at {@code repository}. */
    void release(String repository, String version) {
        String dir = repository + "/" + groupPath + "/" + artifactId + "/" + version + "/";
        deploy(dir + artifactId + "-" + version + ".pom", pom(version));
        deploy(dir + artifactId + "-" + version + ".jar", jar(version, null));
        deploy(repository + "/" + groupPath + "/" + artifactId + "/maven-metadata.xml", artifactDocument(version));
    }

    /**
     * Deploys build {@code buildNumber} of {@code baseVersion-SNAPSHOT}: its POM and its jar with {@code classifier}
     * (a platform's build, as parallel CI jobs deploy them), the snapshot's document and the artifact's.
     */
    void snapshot(String repository, String baseVersion, int buildNumber, String classifier) {
        String version = baseVersion + "-SNAPSHOT";
        String unique = uniqueVersion(baseVersion, buildNumber);
        String dir = repository + "/" + groupPath + "/" + artifactId + "/" + version + "/";
        deploy(dir + artifactId + "-" + unique + ".pom", pom(unique));
        deploy(dir + artifactId + "-" + unique + "-" + classifier + ".jar", jar(unique, classifier));
        deploy(dir + "maven-metadata.xml", snapshotDocument(version, unique, buildNumber, classifier));
        deploy(repository + "/" + groupPath + "/" + artifactId + "/maven-metadata.xml", artifactDocument(version));
    }

    /** The timestamped version of build {@code buildNumber}, one second apart from the build before. */
    static String uniqueVersion(String baseVersion, int buildNumber) {
        return baseVersion + "-20261207." + String.format("%06d", 100000 + buildNumber) + "-" + buildNumber;
    }

    /** The POM a deploy of {@code version} sends. */
    static byte[] pom(String version) {
        return ("<project><version>" + version + "</version></project>").getBytes(StandardCharsets.UTF_8);
    }

    /** The jar a deploy of {@code version} (with {@code classifier}, or none) sends. */
    static byte[] jar(String version, @Nullable String classifier) {
        return ("the jar of " + version + (classifier == null ? "" : " for " + classifier))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The body of {@code url} as the reader reads it, asserting a 200. */
    byte[] get(String url) {
        HttpResponse<byte[]> response = send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic(READER))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    /** The artifact's {@code maven-metadata.xml} in the repository at {@code repository}, parsed. */
    MavenMetadata artifactMetadata(String repository) {
        return MavenMetadata.parse(get(repository + "/" + groupPath + "/" + artifactId + "/maven-metadata.xml"));
    }

    /** The {@code maven-metadata.xml} of snapshot {@code version} in the repository at {@code repository}, parsed. */
    MavenMetadata snapshotMetadata(String repository, String version) {
        return MavenMetadata.parse(
                get(repository + "/" + groupPath + "/" + artifactId + "/" + version + "/maven-metadata.xml"));
    }

    /** The file {@code name} of {@code version}'s directory in the repository at {@code repository}. */
    byte[] file(String repository, String version, String name) {
        return get(repository + "/" + groupPath + "/" + artifactId + "/" + version + "/" + name);
    }

    /** Runs every task at once, each on a thread of its own, and waits for all; a task's failure fails the call. */
    static void concurrently(List<Runnable> tasks) {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (Runnable task : tasks) {
                running.add(threads.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : running) {
                each.get(2, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new AssertionError("a concurrent deploy failed", e);
        }
    }

    private void deploy(String url, byte[] content) {
        put(url, content);
        put(url + ".sha1", ChecksumAlgorithm.SHA1.of(content).getBytes(StandardCharsets.US_ASCII));
        put(url + ".md5", ChecksumAlgorithm.MD5.of(content).getBytes(StandardCharsets.US_ASCII));
    }

    private void put(String url, byte[] content) {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic(WRITER))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT %s: %s", url, response.body()).isIn(200, 201);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(request.method() + " " + request.uri() + " interrupted", e);
        }
    }

    private byte[] artifactDocument(String version) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata><groupId>" + groupId() + "</groupId><artifactId>"
                        + artifactId + "</artifactId><versioning><latest>" + version + "</latest><versions><version>"
                        + version + "</version></versions><lastUpdated>20261207100000</lastUpdated></versioning>"
                        + "</metadata>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] snapshotDocument(String version, String unique, int buildNumber, String classifier) {
        String timestamp = unique.substring(unique.indexOf('-') + 1, unique.lastIndexOf('-'));
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata modelVersion=\"1.1.0\"><groupId>" + groupId()
                        + "</groupId><artifactId>" + artifactId + "</artifactId><version>" + version + "</version>"
                        + "<versioning><snapshot><timestamp>" + timestamp + "</timestamp><buildNumber>" + buildNumber
                        + "</buildNumber></snapshot><lastUpdated>20261207100000</lastUpdated><snapshotVersions>"
                        + "<snapshotVersion><extension>pom</extension><value>" + unique + "</value></snapshotVersion>"
                        + "<snapshotVersion><classifier>" + classifier + "</classifier><extension>jar</extension>"
                        + "<value>" + unique + "</value></snapshotVersion></snapshotVersions></versioning></metadata>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String groupId() {
        return groupPath.replace('/', '.');
    }
}
