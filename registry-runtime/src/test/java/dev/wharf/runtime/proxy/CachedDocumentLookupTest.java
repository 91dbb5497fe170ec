package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.UpstreamOrderTest.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;

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
 * A conditional request can be answered from a document cached within its TTL under any {@code Accept} list, without
 * asking the upstream; after the TTL there is none, and a fetch re-checks with the upstream.
 */
class CachedDocumentLookupTest {

    private static final String INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String MANIFEST = "/v2/team/app/manifests/1.0";
    private static final UpstreamRequest DOCKER =
            UpstreamRequest.mutable("team/app", MANIFEST, List.of(INDEX, "application/vnd.oci.image.manifest.v1+json"));
    private static final UpstreamRequest CRANE = UpstreamRequest.mutable("team/app", MANIFEST, List.of(INDEX));

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream hub;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        hub = FakeUpstream.start();
        hub.serve(MANIFEST, 200, bytes("index"), Map.of("Content-Type", INDEX, "ETag", "\"v1\""));
    }

    @AfterEach
    void stop() {
        hub.close();
        fixture.close();
    }

    @Test
    void cachedDocumentWithinTheTtlShouldBeFoundUnderAnotherAcceptListWithoutAskingTheUpstream() {
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));
        UpstreamResult fetched = fixture.fetch(registry, DOCKER);
        fixture.clock.advance(Duration.ofMinutes(9));

        UpstreamResult cached = fixture.engine
                .cachedDocument(registry, CRANE, result -> result.digest().equals(fetched.digest()))
                .block(TIMEOUT);

        assertThat(cached.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(cached.upstream()).isEqualTo("hub");
        assertThat(cached.contentType()).isEqualTo(INDEX);
        assertThat(text(cached)).isEqualTo("index");
        assertThat(hub.requests(MANIFEST)).hasSize(1);
    }

    @Test
    void cachedDocumentThatTheCallerDoesNotWantShouldBeEmpty() {
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, DOCKER);

        assertThat(fixture.engine
                        .cachedDocument(registry, CRANE, result -> false)
                        .blockOptional(TIMEOUT))
                .isEmpty();
    }

    @Test
    void cachedDocumentAfterTheTtlShouldBeEmptyAndAFetchShouldReCheckWithTheUpstream() {
        ServedRegistry registry = fixture.registry(upstream("hub", hub).cache("10m", "1m", "1d"));
        fixture.fetch(registry, DOCKER);
        fixture.clock.advance(Duration.ofMinutes(11));

        assertThat(fixture.engine
                        .cachedDocument(registry, DOCKER, result -> true)
                        .blockOptional(TIMEOUT))
                .isEmpty();
        fixture.fetch(registry, DOCKER);

        assertThat(hub.requests(MANIFEST)).hasSize(2);
        assertThat(hub.requests(MANIFEST).get(1).header("If-None-Match")).isEqualTo("\"v1\"");
    }
}
