package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.UpstreamOrderTest.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutable documents are kept in the metadata database: an engine started anew on it (a restarted runtime) serves the
 * last copy while the upstream is down or offline, up to {@code maxStale}, within a total size.
 */
class PersistedDocumentTest {

    private static final String TAGS = "/v2/team/app/tags/list";
    private static final UpstreamRequest REQUEST = UpstreamRequest.mutable("team/app", TAGS, List.of());

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream hub;

    /** The engine the tests use, over an in-memory H2 database. */
    EngineFixture newFixture(Path dir, CacheLimits limits) {
        return new EngineFixture(dir, limits);
    }

    @BeforeEach
    void start() throws IOException {
        fixture = newFixture(dir, CacheLimits.DEFAULT);
        hub = FakeUpstream.start();
        hub.serve(TAGS, exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                FakeUpstream.send(exchange, 304, new byte[0], Map.of("ETag", "\"v1\""));
            } else {
                FakeUpstream.send(
                        exchange,
                        200,
                        bytes("{\"name\":\"team/app\",\"tags\":[\"1.0\"]}"),
                        Map.of("ETag", "\"v1\"", "Content-Type", "application/json"));
            }
        });
    }

    @AfterEach
    void stop() {
        hub.close();
        fixture.close();
    }

    private UpstreamResult fetchAfterRestart(ServedRegistry registry) {
        return fixture.newEngine()
                .fetch(registry, REQUEST)
                .blockOptional(TIMEOUT)
                .orElseThrow();
    }

    @Test
    void fetchAfterARestartWithTheUpstreamDownShouldServeTheKeptCopyStale() {
        ServedRegistry registry =
                fixture.registry("mirror", upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        hub.down();
        fixture.clock.advance(Duration.ofHours(2));

        UpstreamResult stale = fetchAfterRestart(registry);

        assertThat(stale.cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(stale.upstream()).isEqualTo("hub");
        assertThat(text(stale)).isEqualTo("{\"name\":\"team/app\",\"tags\":[\"1.0\"]}");
        assertThat(stale.contentType()).isEqualTo("application/json");
        assertThat(stale.headers().getETag()).isEqualTo("\"v1\"");
    }

    @Test
    void fetchAfterARestartWithinTheTtlShouldBeAHitWithoutAskingTheUpstream() {
        ServedRegistry registry =
                fixture.registry("mirror", upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        fixture.clock.advance(Duration.ofMinutes(5));

        UpstreamResult hit = fetchAfterRestart(registry);

        assertThat(hit.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(hub.requests(TAGS)).hasSize(1);
    }

    @Test
    void fetchAfterARestartPastTheTtlShouldAskWithTheKeptEtagAndKeepTheNewCheckTime() {
        ServedRegistry registry =
                fixture.registry("mirror", upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        fixture.clock.advance(Duration.ofMinutes(11));

        UpstreamResult revalidated = fetchAfterRestart(registry);
        fixture.clock.advance(Duration.ofMinutes(5));
        UpstreamResult hit = fetchAfterRestart(registry);

        assertThat(revalidated.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(hub.requests(TAGS).get(1).header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(hit.cache()).as("the 304 was kept as the new check time").isEqualTo(CacheOutcome.HIT);
        assertThat(hub.requests(TAGS)).hasSize(2);
    }

    @Test
    void fetchAfterARestartWhenTheUpstreamIsOfflineShouldServeTheKeptCopy() {
        Upstreams online = upstream("hub", hub).cache("10m", "1m", "1d");
        fixture.fetch(fixture.registry("mirror", online), REQUEST);
        fixture.clock.advance(Duration.ofHours(1));

        UpstreamResult served = fetchAfterRestart(fixture.registry("mirror", online.asOffline()));

        assertThat(served.cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(text(served)).contains("1.0");
        assertThat(hub.requests(TAGS)).hasSize(1);
    }

    @Test
    void fetchAfterARestartPastMaxStaleShouldFailNamingTheUpstream() {
        ServedRegistry registry =
                fixture.registry("mirror", upstream("hub", hub).cache("10m", "1m", "1h"));
        fixture.fetch(registry, REQUEST);
        hub.down();
        fixture.clock.advance(Duration.ofMinutes(71));

        assertThatThrownBy(() -> fetchAfterRestart(registry))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("could answer for " + TAGS + ", and nothing is cached: upstream 'hub' failed");
    }

    @Test
    void fetchAfterARestartWhenTheDocumentCameFromAnUpstreamNoLongerConfiguredShouldNotServeIt() throws IOException {
        fixture.fetch(fixture.registry("mirror", upstream("hub", hub)), REQUEST);
        hub.down();
        try (FakeUpstream other = FakeUpstream.start()) {
            ServedRegistry moved = fixture.registry("mirror", upstream("other", other));

            assertThat(fixture.newEngine().fetch(moved, REQUEST).blockOptional(TIMEOUT))
                    .isEmpty();
        }
    }

    @Test
    void keptDocumentsBeyondTheTotalShouldLoseTheLongestUncheckedFirst() {
        try (EngineFixture small = newFixture(dir.resolve("small"), new CacheLimits(1024, 4096, 2048))) {
            ServedRegistry registry =
                    small.registry("mirror", upstream("hub", hub).cache("10m", "1m", "1d"));
            for (String name : new String[] {"first", "second", "third"}) {
                String path = "/v2/" + name + "/tags/list";
                hub.serve(path, bytes("x".repeat(900)));
                small.fetch(registry, UpstreamRequest.mutable(name, path, List.of()));
                small.clock.advance(Duration.ofMinutes(1));
            }
            hub.down();
            small.clock.advance(Duration.ofHours(1));
            UpstreamEngine restarted = small.newEngine();

            assertThatThrownBy(() -> restarted
                            .fetch(registry, UpstreamRequest.mutable("first", "/v2/first/tags/list", List.of()))
                            .block(TIMEOUT))
                    .isInstanceOf(UpstreamFailureException.class);
            for (String name : new String[] {"second", "third"}) {
                UpstreamResult kept = restarted
                        .fetch(registry, UpstreamRequest.mutable(name, "/v2/" + name + "/tags/list", List.of()))
                        .block(TIMEOUT);
                assertThat(kept).isNotNull();
                assertThat(kept.cache()).isEqualTo(CacheOutcome.STALE);
            }
        }
    }

    @Test
    void fetchAfterTheUpstreamLostTheDocumentShouldForgetTheKeptCopy() {
        ServedRegistry registry =
                fixture.registry("mirror", upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        hub.serve(TAGS, 404, new byte[0], Map.of());
        fixture.clock.advance(Duration.ofMinutes(11));
        assertThat(fixture.fetchOptional(registry, REQUEST)).isEmpty();
        hub.down();

        assertThatThrownBy(() -> fetchAfterRestart(registry))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("and nothing is cached");
    }
}
