package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.UpstreamOrderTest.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upstream is never asked for a name its globs refuse, and an offline upstream is never asked at all. */
class NamesAndOfflineTest {

    private static final String INTERNAL = "/@acme%2fbilling";
    private static final String PUBLIC = "/left-pad";

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream npmjs;
    private FakeUpstream internal;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        npmjs = FakeUpstream.start();
        internal = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        npmjs.close();
        internal.close();
        fixture.close();
    }

    @Test
    void fetchOfABlockedNameShouldNotAskThatUpstreamButTheNext() {
        npmjs.serve(INTERNAL, bytes("{\"name\":\"confused\"}"));
        internal.serve(INTERNAL, bytes("{\"name\":\"@acme/billing\"}"));
        ServedRegistry registry = fixture.registry(
                upstream("npmjs", npmjs).names(null, List.of("@acme/*")), upstream("internal", internal));

        UpstreamResult result = fixture.fetch(registry, UpstreamRequest.mutable("@acme/billing", INTERNAL, List.of()));

        assertThat(result.upstream()).isEqualTo("internal");
        assertThat(npmjs.requests()).isEmpty();
    }

    @Test
    void fetchOfANameNoUpstreamAllowsShouldBeEmptyWithoutARequest() {
        npmjs.serve(PUBLIC, bytes("{}"));
        ServedRegistry registry = fixture.registry(upstream("npmjs", npmjs).names(List.of("@acme/*"), null));

        assertThat(fixture.fetchOptional(registry, UpstreamRequest.mutable("left-pad", PUBLIC, List.of())))
                .isEmpty();
        assertThat(npmjs.requests()).isEmpty();
    }

    @Test
    void fetchThroughAnOfflineUpstreamShouldServeOnlyWhatIsCached() {
        npmjs.serve(PUBLIC, bytes("{\"name\":\"left-pad\"}"));
        String name = "offline-" + System.nanoTime();
        UpstreamRequest cachedDocument = UpstreamRequest.mutable("left-pad", PUBLIC, List.of());
        fixture.fetch(fixture.registry(name, upstream("npmjs", npmjs)), cachedDocument);
        ServedRegistry offline = fixture.registry(name, upstream("npmjs", npmjs).asOffline());

        fixture.clock.advance(Duration.ofMinutes(11));
        UpstreamResult stale = fixture.fetch(offline, cachedDocument);
        UpstreamRequest neverFetched = UpstreamRequest.mutable("is-odd", "/is-odd", List.of());

        assertThat(stale.cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(text(stale)).isEqualTo("{\"name\":\"left-pad\"}");
        assertThat(fixture.fetchOptional(offline, neverFetched)).isEmpty();
        assertThat(npmjs.requests()).hasSize(1);
    }
}
