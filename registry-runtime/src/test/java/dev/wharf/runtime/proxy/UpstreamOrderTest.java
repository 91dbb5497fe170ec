package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

/** The Registry's upstreams are asked in order and the first that has the object serves it. */
class UpstreamOrderTest {

    private static final String TAGS = "/v2/team/app/tags/list";
    private static final UpstreamRequest REQUEST =
            UpstreamRequest.mutable("team/app", TAGS, List.of("application/json"));

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream first;
    private FakeUpstream second;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        first = FakeUpstream.start();
        second = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        fixture.close();
    }

    @Test
    void fetchWhenTheFirstUpstreamHasNotGotTheObjectShouldServeItFromTheNext() {
        second.serve(TAGS, 200, bytes("{\"tags\":[\"1.0\"]}"), Map.of("Content-Type", "application/json"));
        ServedRegistry registry = fixture.registry(upstream("a", first), upstream("b", second));

        UpstreamResult result = fixture.fetch(registry, REQUEST);

        assertThat(result.upstream()).isEqualTo("b");
        assertThat(result.cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(result.contentType()).isEqualTo("application/json");
        assertThat(text(result)).isEqualTo("{\"tags\":[\"1.0\"]}");
        assertThat(first.requests(TAGS)).hasSize(1);
        assertThat(first.requests(TAGS).getFirst().header("Accept")).isEqualTo("application/json");
        assertThat(fixture.fetches("b", "miss")).isEqualTo(1);
        assertThat(fixture.requests("a", "notfound")).isEqualTo(1);
        assertThat(fixture.requests("b", "ok")).isEqualTo(1);
    }

    @Test
    void fetchWhenBothUpstreamsHaveTheObjectShouldServeItFromTheFirstWithoutAskingTheSecond() {
        first.serve(TAGS, bytes("first"));
        second.serve(TAGS, bytes("second"));
        ServedRegistry registry = fixture.registry(upstream("a", first), upstream("b", second));

        UpstreamResult result = fixture.fetch(registry, REQUEST);

        assertThat(result.upstream()).isEqualTo("a");
        assertThat(text(result)).isEqualTo("first");
        assertThat(second.requests()).isEmpty();
    }

    @Test
    void fetchWhenAnUpstreamFailsShouldServeFromTheNext() {
        first.serve(TAGS, 503, bytes("busy"), Map.of());
        second.serve(TAGS, bytes("second"));
        ServedRegistry registry = fixture.registry(upstream("a", first), upstream("b", second));

        assertThat(fixture.fetch(registry, REQUEST).upstream()).isEqualTo("b");
        assertThat(fixture.engine.health("a").consecutiveFailures()).isEqualTo(1);
        assertThat(fixture.engine.health("a").lastError()).isEqualTo("upstream 'a' answered 503 to GET " + TAGS);
    }

    @Test
    void fetchWhenNoUpstreamHasTheObjectShouldBeEmptyAndRememberItForTheNegativeTtl() {
        ServedRegistry registry =
                fixture.registry(upstream("a", first), upstream("b", second).cache("10m", "5m", "1d"));

        assertThat(fixture.fetchOptional(registry, REQUEST)).isEmpty();
        assertThat(fixture.fetchOptional(registry, REQUEST)).isEmpty();
        assertThat(first.requests(TAGS)).hasSize(1);
        assertThat(second.requests(TAGS)).hasSize(1);

        fixture.clock.advance(Duration.ofMinutes(2));
        assertThat(fixture.fetchOptional(registry, REQUEST)).isEmpty();
        assertThat(first.requests(TAGS)).as("a's negative TTL is 1m").hasSize(2);
        assertThat(second.requests(TAGS)).as("b's negative TTL is 5m").hasSize(1);
    }

    @Test
    void fetchWhenEveryUpstreamFailsAndNothingIsCachedShouldSayWhatEachDid() {
        first.serve(TAGS, 500, bytes("oops"), Map.of());
        second.down();
        ServedRegistry registry = fixture.registry(upstream("a", first), upstream("b", second));

        assertThatThrownBy(() -> fixture.fetch(registry, REQUEST))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageStartingWith("no upstream of registry '" + registry.name() + "' could answer for " + TAGS
                        + ", and nothing is cached: upstream 'a' answered 500 to GET " + TAGS
                        + "; upstream 'b' failed on GET " + TAGS + ": ");
        assertThat(fixture.fetches(UpstreamMetrics.NONE, "error")).isEqualTo(1);
    }

    @Test
    void applyShouldSetTheSourceAndCacheHeaders() {
        first.serve(TAGS, bytes("first"));
        ServedRegistry registry = fixture.registry(upstream("hub", first));
        HttpHeaders headers = new HttpHeaders();

        UpstreamHeaders.apply(fixture.fetch(registry, REQUEST), headers);
        assertThat(headers.getFirst("X-Wharf-Source")).isEqualTo("hub");
        assertThat(headers.getFirst("X-Wharf-Cache")).isEqualTo("MISS");

        UpstreamHeaders.apply(fixture.fetch(registry, REQUEST), headers);
        assertThat(headers.getFirst("X-Wharf-Cache")).isEqualTo("HIT");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
