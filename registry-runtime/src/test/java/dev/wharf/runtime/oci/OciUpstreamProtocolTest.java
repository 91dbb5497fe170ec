package dev.wharf.runtime.oci;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.proxy.EngineFixture;
import dev.wharf.runtime.proxy.FakeUpstream;
import dev.wharf.runtime.proxy.UpstreamAuthenticator;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.proxy.UpstreamResult;
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

/** The engine speaking the distribution protocol to docker upstreams: the digest header is kept and checked. */
class OciUpstreamProtocolTest {

    private static final byte[] LAYER = OciContent.blob(5000);
    private static final Digest DIGEST = Digest.parse(OciContent.digest(LAYER));
    private static final String PATH = "/v2/team/app/blobs/" + DIGEST;
    private static final UpstreamRequest REQUEST = UpstreamRequest.immutable("team/app", PATH, List.of(), DIGEST, null);

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream hub;
    private FakeUpstream mirror;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir, new OciUpstreamProtocol(UpstreamAuthenticator.NONE));
        hub = FakeUpstream.start();
        mirror = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        hub.close();
        mirror.close();
        fixture.close();
    }

    @Test
    void headWhenTheFirstUpstreamGivesAnotherDigestShouldCountItFailedAndAskTheNext() {
        Digest other = Digest.parse(OciContent.digest(new byte[] {1}));
        hub.serve(PATH, 200, LAYER, Map.of("Docker-Content-Digest", other.toString()));
        mirror.serve(PATH, 200, LAYER, Map.of("Docker-Content-Digest", DIGEST.toString()));
        ServedRegistry registry = fixture.registry(upstream("hub", hub), upstream("mirror", mirror));

        UpstreamResult head =
                fixture.engine.head(registry, REQUEST).blockOptional(TIMEOUT).orElseThrow();

        assertThat(head.upstream()).isEqualTo("mirror");
        assertThat(head.headers().getFirst("Docker-Content-Digest")).isEqualTo(DIGEST.toString());
        assertThat(fixture.engine.health("hub").consecutiveFailures()).isEqualTo(1);
        assertThat(fixture.engine.health("hub").lastError())
                .isEqualTo("upstream 'hub' answered HEAD " + PATH + " with digest " + other
                        + ", but the request digest was " + DIGEST);
    }

    @Test
    void headWithoutADigestHeaderShouldStandForTheDigestOfItsPath() {
        hub.serve(PATH, 200, LAYER, Map.of());
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        UpstreamResult head =
                fixture.engine.head(registry, REQUEST).blockOptional(TIMEOUT).orElseThrow();

        assertThat(head.digest()).isEqualTo(DIGEST);
        assertThat(head.size()).isEqualTo(LAYER.length);
    }

    @Test
    void fetchShouldKeepTheDigestHeaderOfADocument() {
        String manifest = "/v2/team/app/manifests/1.0";
        hub.serve(
                manifest,
                200,
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Docker-Content-Digest", DIGEST.toString(), "Content-Type", OciContent.OCI_MANIFEST));
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        UpstreamResult result = fixture.fetch(registry, UpstreamRequest.mutable("team/app", manifest, List.of()));

        assertThat(result.headers().getFirst("Docker-Content-Digest")).isEqualTo(DIGEST.toString());
        assertThat(result.contentType()).isEqualTo(OciContent.OCI_MANIFEST);
    }
}
