package dev.wharf.runtime.storage;

import io.minio.Http;
import io.minio.MinioAsyncClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the MinIO client of one S3 store, on its own OkHttp client (threads and connection pool): MinIO's timeouts
 * and retries, a short connect timeout, and room for many concurrent requests (OkHttp allows only 5 per host by
 * default, which would make uploads queue behind each other).
 */
final class S3Clients {

    /** Concurrent S3 requests of one store; more wait in OkHttp's queue. */
    static final int MAX_REQUESTS = 256;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private S3Clients() {}

    /**
     * MinIO's HTTP client settings, built once: creating an OkHttp client loads the platform's trust store, which
     * takes most of a second. Each store derives its own client from it, sharing only that TLS setup.
     */
    private static final class Base {
        private static final OkHttpClient CLIENT = Http.newDefaultClient();
    }

    /** A client for {@code settings}; closing it stops its threads and connections. */
    static MinioAsyncClient create(S3Settings settings) {
        Dispatcher dispatcher = new Dispatcher(threads());
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
        OkHttpClient http = Base.CLIENT
                .newBuilder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        MinioAsyncClient client = MinioAsyncClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .credentials(settings.accessKey(), settings.secretKey())
                .httpClient(http, true)
                .build();
        if (settings.pathStyleAccess()) {
            client.disableVirtualStyleEndpoint();
        } else {
            client.enableVirtualStyleEndpoint();
        }
        return client;
    }

    /** OkHttp's own kind of pool, with daemon threads so that a client left open cannot keep the JVM alive. */
    private static ExecutorService threads() {
        String prefix = "wharf-s3-" + CLIENTS.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }
}
