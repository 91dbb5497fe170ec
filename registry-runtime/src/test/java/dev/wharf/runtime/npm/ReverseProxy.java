package dev.wharf.runtime.npm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The machine's nginx in front of a runtime, as an ingress stands in front of it: everything under {@code <prefix>/}
 * goes to the runtime with the prefix taken off, and {@code X-Forwarded-Proto}, {@code -Host} and {@code -Prefix} say
 * where the client came to.
 */
final class ReverseProxy implements AutoCloseable {

    static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final int port;

    private ReverseProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(NGINX);
    }

    /** Starts nginx on a free loopback port, its files under {@code dir}, passing {@code prefix}/ to {@code target}. */
    static ReverseProxy start(Path dir, String prefix, int target) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, """
                user root;
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  client_max_body_size 0;
                  server {
                    listen 127.0.0.1:%2$d;
                    location %3$s/ {
                      proxy_pass http://127.0.0.1:%4$d/;
                      proxy_set_header X-Forwarded-Proto $scheme;
                      proxy_set_header X-Forwarded-Host $http_host;
                      proxy_set_header X-Forwarded-Prefix %3$s;
                    }
                  }
                }
                """.formatted(dir, port, prefix, target));
        Process process = new ProcessBuilder(List.of(NGINX.toString(), "-p", dir.toString(), "-c", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        ReverseProxy proxy = new ReverseProxy(process, port);
        try {
            Awaitility.await("nginx listening on " + port)
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
                        }
                        return proxy.listening();
                    });
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    int port() {
        return port;
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
