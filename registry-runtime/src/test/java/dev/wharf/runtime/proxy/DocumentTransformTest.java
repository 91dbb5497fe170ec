package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.UpstreamOrderTest.bytes;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A format's transform makes what is cached and served of a document: it runs once each time the upstream serves the
 * document anew, never on a hit or a 304, and a cached output of another transform key is fetched and made again.
 */
class DocumentTransformTest {

    private static final String PACKUMENT = "/app";
    private static final String UPSTREAM_TARBALL = "https://registry.example/app/-/app-1.0.tgz";

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream npm;
    private final List<String> applied = new CopyOnWriteArrayList<>();

    /** Rewrites the upstream's tarball URL to {@code base}, as an npm format would, counting its runs. */
    private DocumentTransform rewritingTo(String base) {
        return new DocumentTransform() {
            @Override
            public String key() {
                return "tarballs/1 " + base;
            }

            @Override
            public byte[] apply(Source source, byte[] document) {
                applied.add(source.upstream() + " " + source.url().getPath());
                return new String(document, StandardCharsets.UTF_8)
                        .replace("https://registry.example", base)
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private UpstreamRequest request(DocumentTransform transform) {
        return UpstreamRequest.mutable("app", PACKUMENT, List.of("application/json"))
                .transformed(transform);
    }

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        npm = FakeUpstream.start();
        npm.serve(PACKUMENT, exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                FakeUpstream.send(exchange, 304, new byte[0], Map.of("ETag", "\"v1\""));
            } else {
                FakeUpstream.send(
                        exchange, 200, bytes("{\"tarball\":\"" + UPSTREAM_TARBALL + "\"}"), Map.of("ETag", "\"v1\""));
            }
        });
    }

    @AfterEach
    void stop() {
        npm.close();
        fixture.close();
    }

    @Test
    void fetchShouldServeAndCacheTheTransformedDocumentMadeOnce() {
        ServedRegistry registry = fixture.registry(upstream("npm", npm).cache("10m", "1m", "1d"));
        UpstreamRequest request = request(rewritingTo("https://wharf.example/npm"));

        UpstreamResult miss = fixture.fetch(registry, request);
        UpstreamResult hit = fixture.fetch(registry, request);

        assertThat(text(miss)).isEqualTo("{\"tarball\":\"https://wharf.example/npm/app/-/app-1.0.tgz\"}");
        assertThat(text(hit)).isEqualTo(text(miss));
        assertThat(hit.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(hit.size()).isEqualTo(text(miss).length());
        assertThat(applied).containsExactly("npm " + PACKUMENT);
    }

    @Test
    void fetchPastTheTtlWhenTheUpstreamSaysUnchangedShouldServeTheOutputWithoutMakingItAgain() {
        ServedRegistry registry = fixture.registry(upstream("npm", npm).cache("10m", "1m", "1d"));
        UpstreamRequest request = request(rewritingTo("https://wharf.example/npm"));
        fixture.fetch(registry, request);
        fixture.clock.advance(Duration.ofMinutes(11));

        UpstreamResult revalidated = fixture.fetch(registry, request);

        assertThat(revalidated.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(text(revalidated)).contains("https://wharf.example/npm/");
        assertThat(npm.requests(PACKUMENT).get(1).header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(applied).hasSize(1);
    }

    @Test
    void fetchWithAnotherTransformKeyShouldFetchUnconditionallyAndMakeTheDocumentAgain() {
        ServedRegistry registry = fixture.registry(upstream("npm", npm).cache("10m", "1m", "1d"));
        fixture.fetch(registry, request(rewritingTo("https://old.example/npm")));

        UpstreamResult remade = fixture.fetch(registry, request(rewritingTo("https://new.example/npm")));

        assertThat(remade.cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(text(remade)).contains("https://new.example/npm/");
        assertThat(npm.requests(PACKUMENT)).hasSize(2);
        assertThat(npm.requests(PACKUMENT).get(1).headers()).doesNotContainKey("if-none-match");
        assertThat(applied).hasSize(2);
    }

    @Test
    void fetchAfterARestartShouldServeTheKeptOutputWithoutMakingItAgain() {
        ServedRegistry registry = fixture.registry(upstream("npm", npm).cache("10m", "1m", "1d"));
        DocumentTransform transform = rewritingTo("https://wharf.example/npm");
        fixture.fetch(registry, request(transform));
        npm.down();
        fixture.clock.advance(Duration.ofHours(1));

        UpstreamResult stale = fixture.newEngine()
                .fetch(registry, request(transform))
                .blockOptional(TIMEOUT)
                .orElseThrow();

        assertThat(stale.cache()).isEqualTo(CacheOutcome.STALE);
        assertThat(text(stale)).contains("https://wharf.example/npm/");
        assertThat(applied).hasSize(1);
    }

    @Test
    void fetchAfterARestartWithAnotherTransformKeyShouldNotServeTheKeptOutput() {
        ServedRegistry registry = fixture.registry(upstream("npm", npm).cache("10m", "1m", "1d"));
        fixture.fetch(registry, request(rewritingTo("https://old.example/npm")));
        npm.down();

        assertThatThrownBy(() -> fixture.newEngine()
                        .fetch(registry, request(rewritingTo("https://new.example/npm")))
                        .block(TIMEOUT))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("and nothing is cached");
    }

    @Test
    void fetchWhenTheTransformCannotReadTheDocumentShouldFailNamingTheUpstream() {
        ServedRegistry registry = fixture.registry(upstream("npm", npm));
        DocumentTransform broken = new DocumentTransform() {
            @Override
            public String key() {
                return "broken/1";
            }

            @Override
            public byte[] apply(Source source, byte[] document) {
                throw new IllegalArgumentException("not a packument: no 'versions'");
            }
        };

        assertThatThrownBy(() -> fixture.fetch(registry, request(broken)))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("the document upstream 'npm' served for " + npm.url() + PACKUMENT
                        + " cannot be read: not a packument: no 'versions'");
    }

    @Test
    void transformedWhenTheRequestIsImmutableShouldThrow() {
        UpstreamRequest request = UpstreamRequest.immutable("app", "/app/-/app-1.0.tgz", List.of(), null, null);

        assertThatThrownBy(() -> request.transformed(DocumentTransform.IDENTITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only a mutable document is transformed, not /app/-/app-1.0.tgz");
    }
}
