package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.UpstreamOrderTest.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.upstream.BreakerState;
import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After {@code failures} failures in a row an upstream is skipped without a request, then probed after openFor. */
class CircuitBreakerTest {

    private static final String PATH = "/simple/requests/";
    private static final UpstreamRequest REQUEST = UpstreamRequest.mutable("requests", PATH, List.of());

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream pypi;
    private FakeUpstream mirror;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        pypi = FakeUpstream.start();
        mirror = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        pypi.close();
        mirror.close();
        fixture.close();
    }

    @Test
    void fetchAfterTheBreakerOpenedShouldSkipTheUpstreamWithoutARequest() {
        pypi.serve(PATH, 502, bytes("bad gateway"), Map.of());
        ServedRegistry registry = fixture.registry(upstream("pypi", pypi).breaker(2, "30s"));
        Instant failedAt = fixture.clock.instant();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> fixture.fetch(registry, REQUEST)).isInstanceOf(UpstreamFailureException.class);
        }
        assertThatThrownBy(() -> fixture.fetch(registry, REQUEST))
                .hasMessageContaining("upstream 'pypi' is skipped: its circuit breaker opened after 2 failures in a"
                        + " row, and it is probed again PT30S after the last");

        assertThat(pypi.requests(PATH)).hasSize(2);
        assertThat(fixture.engine.health("pypi"))
                .isEqualTo(new UpstreamHealth(
                        "pypi", BreakerState.OPEN, 2, null, failedAt, "upstream 'pypi' answered 502 to GET " + PATH));
    }

    @Test
    void fetchAfterTheBreakerOpenedShouldServeFromTheNextUpstream() {
        pypi.serve(PATH, 500, bytes("oops"), Map.of());
        mirror.serve(PATH, bytes("index"));
        ServedRegistry registry = fixture.registry(
                upstream("pypi", pypi).breaker(1, "30s"),
                upstream("mirror", mirror).cache("10s", "1m", "1d"));

        assertThat(fixture.fetch(registry, REQUEST).upstream()).isEqualTo("mirror");
        fixture.clock.advance(Duration.ofSeconds(11));
        assertThat(fixture.fetch(registry, REQUEST).upstream()).isEqualTo("mirror");

        assertThat(pypi.requests(PATH)).hasSize(1);
        assertThat(mirror.requests(PATH)).hasSize(2);
    }

    @Test
    void fetchAfterOpenForShouldProbeTheUpstreamOnceAndCloseTheBreakerWhenItAnswers() {
        pypi.serve(PATH, 500, bytes("oops"), Map.of());
        ServedRegistry registry = fixture.registry(upstream("pypi", pypi).breaker(1, "30s"));
        assertThatThrownBy(() -> fixture.fetch(registry, REQUEST)).isInstanceOf(UpstreamFailureException.class);
        assertThat(fixture.engine.health("pypi").breaker()).isEqualTo(BreakerState.OPEN);

        pypi.serve(PATH, bytes("index"));
        fixture.clock.advance(Duration.ofSeconds(31));
        UpstreamResult probed = fixture.fetch(registry, REQUEST);

        assertThat(probed.upstream()).isEqualTo("pypi");
        assertThat(pypi.requests(PATH)).hasSize(2);
        UpstreamHealth health = fixture.engine.health("pypi");
        assertThat(health.breaker()).isEqualTo(BreakerState.CLOSED);
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.lastSuccess()).isEqualTo(fixture.clock.instant());
    }

    @Test
    void fetchWhenTheProbeFailsShouldOpenTheBreakerAgain() {
        pypi.serve(PATH, 500, bytes("oops"), Map.of());
        ServedRegistry registry = fixture.registry(upstream("pypi", pypi).breaker(1, "30s"));
        assertThatThrownBy(() -> fixture.fetch(registry, REQUEST)).isInstanceOf(UpstreamFailureException.class);

        fixture.clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> fixture.fetch(registry, REQUEST)).isInstanceOf(UpstreamFailureException.class);
        assertThatThrownBy(() -> fixture.fetch(registry, REQUEST)).hasMessageContaining("circuit breaker");

        assertThat(pypi.requests(PATH)).hasSize(2);
        assertThat(fixture.engine.health("pypi").breaker()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void fetchPastTheTtlWhileTheBreakerIsOpenShouldServeTheCopyStaleWithoutARequest() {
        pypi.serve(PATH, bytes("index"));
        ServedRegistry registry =
                fixture.registry(upstream("pypi", pypi).breaker(1, "1h").cache("10s", "1m", "1d"));
        fixture.fetch(registry, REQUEST);
        pypi.serve(PATH, 500, bytes("oops"), Map.of());
        fixture.clock.advance(Duration.ofSeconds(11));
        assertThat(fixture.fetch(registry, REQUEST).cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(fixture.engine.health("pypi").breaker()).isEqualTo(BreakerState.OPEN);

        fixture.clock.advance(Duration.ofMinutes(1));
        UpstreamResult stale = fixture.fetch(registry, REQUEST);

        assertThat(stale.cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(EngineFixture.text(stale)).isEqualTo("index");
        assertThat(pypi.requests(PATH)).hasSize(2);
    }

    @Test
    void healthOfAnUpstreamNeverAskedShouldBeClosedWithoutHistory() {
        assertThat(fixture.engine.health("never")).isEqualTo(UpstreamHealth.unknown("never"));
    }
}
