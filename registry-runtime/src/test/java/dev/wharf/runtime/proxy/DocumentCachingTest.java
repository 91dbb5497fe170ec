package dev.wharf.runtime.proxy;

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
 * Mutable documents are served from memory within the upstream's metadata TTL, re-checked with a conditional request
 * after it, and served stale up to {@code maxStale} while the upstream is down or slow.
 */
class DocumentCachingTest {

    private static final String MANIFEST = "/v2/library/alpine/manifests/3.20";
    private static final UpstreamRequest REQUEST =
            UpstreamRequest.mutable("library/alpine", MANIFEST, List.of("application/vnd.oci.image.index.v1+json"));

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream hub;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        hub = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        hub.close();
        fixture.close();
    }

    private void serveVersion(String etag, String body) {
        hub.serve(MANIFEST, exchange -> {
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                FakeUpstream.send(exchange, 304, new byte[0], Map.of("ETag", etag));
            } else {
                FakeUpstream.send(
                        exchange,
                        200,
                        bytes(body),
                        Map.of(
                                "ETag",
                                etag,
                                "Content-Type",
                                "application/vnd.oci.image.index.v1+json",
                                "Docker-Content-Digest",
                                "sha256:" + "a".repeat(64)));
            }
        });
    }

    @Test
    void fetchWithinTheTtlShouldBeAHitWithoutAskingTheUpstream() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));

        assertThat(fixture.fetch(registry, REQUEST).cache()).isEqualTo(CacheOutcome.MISS);
        fixture.clock.advance(Duration.ofMinutes(9));
        UpstreamResult hit = fixture.fetch(registry, REQUEST);

        assertThat(hit.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(text(hit)).isEqualTo("index v1");
        assertThat(hit.headers().getETag()).isEqualTo("\"v1\"");
        assertThat(hit.headers().getFirst("Docker-Content-Digest"))
                .as("a header only the docker protocol keeps")
                .isNull();
        assertThat(hub.requests(MANIFEST)).hasSize(1);
    }

    @Test
    void fetchPastTheTtlShouldAskWithTheEtagAndServeTheCopyWhenUnchanged() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);

        fixture.clock.advance(Duration.ofMinutes(11));
        UpstreamResult revalidated = fixture.fetch(registry, REQUEST);

        assertThat(revalidated.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(text(revalidated)).isEqualTo("index v1");
        assertThat(hub.requests(MANIFEST)).hasSize(2);
        assertThat(hub.requests(MANIFEST).get(1).header("If-None-Match")).isEqualTo("\"v1\"");

        fixture.clock.advance(Duration.ofMinutes(9));
        assertThat(fixture.fetch(registry, REQUEST).cache())
                .as("the 304 starts a new TTL")
                .isEqualTo(CacheOutcome.HIT);
        assertThat(hub.requests(MANIFEST)).hasSize(2);
    }

    @Test
    void fetchPastTheTtlShouldServeTheNewDocumentWhenItChanged() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        serveVersion("\"v2\"", "index v2");

        fixture.clock.advance(Duration.ofMinutes(11));
        UpstreamResult changed = fixture.fetch(registry, REQUEST);

        assertThat(changed.cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(text(changed)).isEqualTo("index v2");
        assertThat(changed.headers().getFirst("ETag")).isEqualTo("\"v2\"");
    }

    @Test
    void fetchPastTheTtlWhileTheUpstreamIsDownShouldServeTheCopyStale() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        hub.down();

        fixture.clock.advance(Duration.ofHours(2));
        UpstreamResult stale = fixture.fetch(registry, REQUEST);

        assertThat(stale.cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(stale.upstream()).isEqualTo("hub");
        assertThat(text(stale)).isEqualTo("index v1");
        assertThat(fixture.fetches("hub", "stale")).isEqualTo(1);
    }

    @Test
    void fetchPastTheTtlWhileTheUpstreamIsSlowerThanItsTimeoutShouldServeTheCopyStale() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry =
                fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d").responseTimeout("300ms"));
        fixture.fetch(registry, REQUEST);
        hub.hang(MANIFEST);

        fixture.clock.advance(Duration.ofMinutes(11));
        UpstreamResult stale = fixture.fetch(registry, REQUEST);

        assertThat(stale.cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(text(stale)).isEqualTo("index v1");
        assertThat(fixture.engine.health("hub").lastError())
                .isEqualTo("upstream 'hub' failed on GET " + MANIFEST
                        + ": no answer within PT0.3S (spec.timeouts.response)");
    }

    @Test
    void fetchPastMaxStaleWhileTheUpstreamIsDownShouldFailNamingTheUpstream() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1h"));
        fixture.fetch(registry, REQUEST);
        hub.down();

        fixture.clock.advance(Duration.ofMinutes(71));

        assertThatThrownBy(() -> fixture.fetch(registry, REQUEST))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining(
                        "could answer for " + MANIFEST + ", and nothing is cached: upstream 'hub' failed");
    }

    @Test
    void fetchPastTheTtlWhenTheUpstreamNoLongerHasTheDocumentShouldForgetIt() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        hub.serve(MANIFEST, 404, new byte[0], Map.of());

        fixture.clock.advance(Duration.ofMinutes(11));

        assertThat(fixture.fetchOptional(registry, REQUEST)).isEmpty();
    }

    @Test
    void fetchWithAnotherAcceptListShouldBeCachedApart() {
        serveVersion("\"v1\"", "index v1");
        ServedRegistry registry = fixture.registry(upstream("hub", hub));
        fixture.fetch(registry, REQUEST);

        UpstreamResult other = fixture.fetch(
                registry,
                UpstreamRequest.mutable(
                        "library/alpine", MANIFEST, List.of("application/vnd.docker.distribution.manifest.v2+json")));

        assertThat(other.cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(hub.requests(MANIFEST)).hasSize(2);
        assertThat(hub.requests(MANIFEST).get(1).header("Accept"))
                .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    }
}
