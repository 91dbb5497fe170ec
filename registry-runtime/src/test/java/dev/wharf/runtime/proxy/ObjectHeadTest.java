package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.bytes;
import static dev.wharf.runtime.proxy.ImmutableObjectTest.randomBytes;
import static dev.wharf.runtime.proxy.ImmutableObjectTest.sha256;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

/**
 * A HEAD of an immutable object the cache lacks is answered by the upstreams' answers to HEAD requests: nothing is
 * downloaded or stored, and the upstreams are asked as a fetch asks them.
 */
class ObjectHeadTest {

    private static final byte[] LAYER = randomBytes(200_000);
    private static final Digest DIGEST = sha256(LAYER);
    private static final String PATH = "/v2/team/app/blobs/" + DIGEST;
    private static final UpstreamRequest REQUEST = UpstreamRequest.immutable("team/app", PATH, List.of(), DIGEST, null);

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream hub;
    private FakeUpstream mirror;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        hub = FakeUpstream.start();
        mirror = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        hub.close();
        mirror.close();
        fixture.close();
    }

    private UpstreamResult head(ServedRegistry registry) {
        return fixture.engine.head(registry, REQUEST).blockOptional(TIMEOUT).orElseThrow();
    }

    @Test
    void headWhenNothingIsCachedShouldAnswerFromAnUpstreamHeadWithoutDownloadingOrStoring() {
        hub.serve(PATH, 200, LAYER, Map.of("Docker-Content-Digest", DIGEST.toString(), "ETag", "\"" + DIGEST + "\""));
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        UpstreamResult head = head(registry);

        assertThat(head.upstream()).isEqualTo("hub");
        assertThat(head.cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(head.size()).isEqualTo(LAYER.length);
        assertThat(head.digest()).isEqualTo(DIGEST);
        assertThat(head.headers().getETag()).isEqualTo("\"" + DIGEST + "\"");
        assertThat(hub.requests("HEAD", PATH)).hasSize(1);
        assertThat(hub.requests("GET", PATH)).isEmpty();
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isFalse();

        UpstreamResult fetched = fixture.fetch(registry, REQUEST);
        assertThat(bytes(fetched)).isEqualTo(LAYER);
        assertThat(hub.requests("GET", PATH)).hasSize(1);
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isTrue();
    }

    @Test
    void headAfterAFetchShouldBeAHitFromTheCacheWithoutAskingTheUpstream() {
        hub.serve(PATH, LAYER);
        ServedRegistry registry = fixture.registry(upstream("hub", hub));
        fixture.fetch(registry, REQUEST);

        UpstreamResult head = head(registry);

        assertThat(head.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(head.size()).isEqualTo(LAYER.length);
        assertThat(hub.requests("HEAD", PATH)).isEmpty();
    }

    @Test
    void headWhenNoUpstreamCanAnswerShouldFailNamingEachFailure() {
        hub.down();
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        assertThatThrownBy(() -> head(registry))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageStartingWith("no upstream of registry '" + registry.name() + "' could answer for " + PATH)
                .hasMessageContaining("upstream 'hub' failed on HEAD " + PATH);
    }

    @Test
    void headWhenTheUpstreamHasItNotShouldBeEmptyAndRememberedForTheNextFetch() {
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        assertThat(fixture.engine.head(registry, REQUEST).blockOptional(TIMEOUT))
                .isEmpty();
        assertThat(fixture.fetchOptional(registry, REQUEST)).isEmpty();

        assertThat(hub.requests(PATH)).hasSize(1);
        assertThat(hub.requests("HEAD", PATH)).hasSize(1);
    }

    @Test
    void headShouldSkipAnUpstreamWhoseGlobsBlockTheNameAndSendTheCredentialsOfTheOneAsked() {
        fixture.secrets.put("mirror-basic", Map.of("username", "alice", "password", "s3cret"));
        mirror.serve(PATH, LAYER);
        ServedRegistry registry = fixture.registry(
                upstream("hub", hub).names(null, List.of("team/*")),
                upstream("mirror", mirror).credentials("mirror-basic"));

        assertThat(head(registry).upstream()).isEqualTo("mirror");
        assertThat(hub.requests()).isEmpty();
        assertThat(mirror.requests("HEAD", PATH).getFirst().header("Authorization"))
                .isEqualTo("Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void headWhenTheProtocolDistrustsTheAnswerShouldCountItFailedAndAskTheNext() throws IOException {
        UpstreamProtocol checked = new UpstreamProtocol() {
            @Override
            public Format format() {
                return Format.DOCKER;
            }

            @Override
            public void checkHead(String upstream, UpstreamRequest request, Digest digest, HttpHeaders headers) {
                if (!digest.toString().equals(headers.getFirst("X-Checksum"))) {
                    throw new UpstreamFailureException(
                            "upstream '" + upstream + "' gave checksum " + headers.getFirst("X-Checksum"));
                }
            }
        };
        try (EngineFixture protocolFixture = new EngineFixture(dir.resolve("checked"), checked)) {
            hub.serve(PATH, 200, LAYER, Map.of("X-Checksum", "other"));
            mirror.serve(PATH, 200, LAYER, Map.of("X-Checksum", DIGEST.toString()));
            ServedRegistry registry = protocolFixture.registry(upstream("hub", hub), upstream("mirror", mirror));

            UpstreamResult head = protocolFixture
                    .engine
                    .head(registry, REQUEST)
                    .blockOptional(TIMEOUT)
                    .orElseThrow();

            assertThat(head.upstream()).isEqualTo("mirror");
            assertThat(protocolFixture.engine.health("hub").lastError())
                    .isEqualTo("upstream 'hub' gave checksum other");
        }
    }

    @Test
    void headWhenThePlainProtocolGetsAnotherDigestHeaderShouldTrustTheLengthAndLeaveTheCheckToTheGet() {
        hub.serve(
                PATH,
                200,
                LAYER,
                Map.of("Docker-Content-Digest", sha256(new byte[] {1}).toString()));
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        UpstreamResult head = head(registry);

        assertThat(head.upstream()).isEqualTo("hub");
        assertThat(head.size()).isEqualTo(LAYER.length);
        assertThat(head.headers().getFirst("Docker-Content-Digest")).isNull();
    }

    @Test
    void headWithoutADigestShouldFetchAndStoreTheObjectOnce() {
        String path = "/files/app-1.0.jar";
        hub.serve(path, LAYER);
        ServedRegistry registry = fixture.registry(upstream("hub", hub));
        UpstreamRequest request = UpstreamRequest.immutable("app", path, List.of(), null, null);

        UpstreamResult head =
                fixture.engine.head(registry, request).blockOptional(TIMEOUT).orElseThrow();
        UpstreamResult again =
                fixture.engine.head(registry, request).blockOptional(TIMEOUT).orElseThrow();

        assertThat(head.size()).isEqualTo(LAYER.length);
        assertThat(head.digest()).isEqualTo(DIGEST);
        assertThat(again.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(hub.requests("GET", path)).hasSize(1);
        assertThat(hub.requests("HEAD", path)).isEmpty();
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isTrue();
    }
}
