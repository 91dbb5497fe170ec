package dev.wharf.runtime.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.api.v1alpha1.firewall.Advisories;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy's OSV archive fetched from its source (a local HTTP server), conditionally on its ETag, kept on disk and
 * read again from there when the source is gone.
 */
class AdvisoryFeedTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T06:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void refreshWhenSourceIsUnchangedOrGoneShouldKeepTheAdvisoriesAndAskConditionally() throws IOException {
        byte[] zip = OsvFixtures.zip(OsvFixtures.DOCUMENTS);
        AtomicInteger full = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/npm/all.zip", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.sendResponseHeaders(304, -1);
            } else {
                full.incrementAndGet();
                exchange.getResponseHeaders().set("ETag", "\"v1\"");
                exchange.sendResponseHeaders(200, zip.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(zip);
                }
            }
            exchange.close();
        });
        server.start();
        Advisories source = new Advisories(
                new Advisories.Source("http://127.0.0.1:" + server.getAddress().getPort() + "/npm/all.zip", null),
                "6h");
        List<String> loaded = new ArrayList<>();
        try {
            AdvisoryFeed feed = feed(loaded);

            assertThat(feed.refresh("cves", source))
                    .hasValueSatisfying(index -> assertThat(index.advisories()).isEqualTo(5));
            assertThat(feed.refresh("cves", source)).isPresent();
            assertThat(full).hasValue(1);
            assertThat(notModified).hasValue(1);
        } finally {
            server.stop(0);
        }

        AdvisoryFeed restarted = feed(loaded);
        assertThat(restarted.refresh("cves", source))
                .hasValueSatisfying(index -> assertThat(index.advisories()).isEqualTo(5));
        assertThat(loaded).containsExactly("cves", "cves");
    }

    @Test
    void refreshWhenSourceNeverAnsweredShouldHaveNoAdvisories() {
        Advisories source = new Advisories(new Advisories.Source("http://127.0.0.1:9/all.zip", null), null);

        assertThat(feed(new ArrayList<>()).refresh("cves", source)).isEmpty();
    }

    private AdvisoryFeed feed(List<String> loaded) {
        return new AdvisoryFeed(
                dir, OsvFixtures.NAMES, HttpClient.newHttpClient(), CLOCK, (policy, index) -> loaded.add(policy));
    }
}
