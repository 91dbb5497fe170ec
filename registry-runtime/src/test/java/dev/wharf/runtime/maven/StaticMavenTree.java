package dev.wharf.runtime.maven;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A static Maven repository for proxy tests: a folder served over HTTP by the JDK's file server, which answers
 * {@code Last-Modified} from the files' modification times, as a plain web server in front of a Maven tree does.
 */
final class StaticMavenTree implements AutoCloseable {

    private final Path root;
    private final HttpServer server;

    private StaticMavenTree(Path root, HttpServer server) {
        this.root = root;
        this.server = server;
    }

    /** Serves {@code root} (created when missing) on a free loopback port. */
    static StaticMavenTree serve(Path root) {
        try {
            Files.createDirectories(root);
            HttpServer server = SimpleFileServer.createFileServer(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    root.toAbsolutePath(),
                    SimpleFileServer.OutputLevel.NONE);
            server.start();
            return new StaticMavenTree(root, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its base URL, without a trailing slash. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes {@code content} at {@code path} (relative, such as {@code org/example/lib/1.0/lib-1.0.pom}). */
    StaticMavenTree put(String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} at {@code path} and its {@code .sha1} beside it. */
    StaticMavenTree putWithSha1(String path, byte[] content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return put(path + ".sha1", ChecksumAlgorithm.SHA1.of(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} at {@code path} and the {@code .sha1} of {@code checksummed} beside it. */
    StaticMavenTree putWithSha1(String path, String content, String checksummed) {
        put(path, content);
        return put(path + ".sha1", ChecksumAlgorithm.SHA1.of(checksummed.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sets the modification time, which the server answers as {@code Last-Modified}. */
    StaticMavenTree modifiedAt(String path, Instant time) {
        try {
            Files.setLastModifiedTime(root.resolve(path), FileTime.from(time));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An artifact's {@code maven-metadata.xml} listing {@code versions}. */
    static String metadata(String groupId, String artifactId, String... versions) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n  <groupId>")
                .append(groupId)
                .append("</groupId>\n  <artifactId>")
                .append(artifactId)
                .append("</artifactId>\n  <versioning>\n    <versions>\n");
        for (String version : versions) {
            xml.append("      <version>").append(version).append("</version>\n");
        }
        return xml.append("    </versions>\n    <lastUpdated>20261201000000</lastUpdated>\n  </versioning>\n")
                .append("</metadata>\n")
                .toString();
    }

    /** Stops serving: the upstream is down from then on. */
    @Override
    public void close() {
        server.stop(0);
    }
}
