package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.UpstreamOrderTest.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from the upstream's Secret go to its own origin only, never along a redirect to another one. */
class CredentialsTest {

    private static final String BLOB = "/v2/team/app/blobs/sha256:" + "b".repeat(64);
    private static final UpstreamRequest REQUEST = UpstreamRequest.mutable("team/app", BLOB, List.of());

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream registry;
    private FakeUpstream cdn;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        registry = FakeUpstream.start();
        cdn = FakeUpstream.start();
        fixture.secrets.put("hub-basic", Map.of("username", "alice", "password", "s3cret"));
        fixture.secrets.put("hub-token", Map.of("token", "t0ken"));
    }

    @AfterEach
    void stop() {
        registry.close();
        cdn.close();
        fixture.close();
    }

    @Test
    void fetchShouldSendBasicCredentialsToTheUpstreamButNotAlongARedirectToAnotherPort() {
        registry.serve(BLOB, 307, new byte[0], Map.of("Location", cdn.url() + "/blobs/b?signature=x"));
        cdn.serve("/blobs/b?signature=x", bytes("layer bytes"));
        ServedRegistry served = fixture.registry(upstream("hub", registry).credentials("hub-basic"));

        UpstreamResult result = fixture.fetch(served, REQUEST);

        assertThat(text(result)).isEqualTo("layer bytes");
        assertThat(result.upstream()).isEqualTo("hub");
        assertThat(registry.requests(BLOB).getFirst().header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(cdn.requests()).hasSize(1);
        assertThat(cdn.requests().getFirst().headers()).doesNotContainKey("authorization");
    }

    @Test
    void fetchShouldKeepCredentialsAlongARedirectWithinTheUpstreamsOrigin() {
        registry.serve(BLOB, 302, new byte[0], Map.of("Location", "/storage/b"));
        registry.serve("/storage/b", bytes("layer bytes"));
        ServedRegistry served = fixture.registry(upstream("hub", registry).credentials("hub-token"));

        assertThat(text(fixture.fetch(served, REQUEST))).isEqualTo("layer bytes");
        assertThat(registry.requests("/storage/b").getFirst().header("Authorization"))
                .isEqualTo("Bearer t0ken");
    }

    @Test
    void fetchWhenRedirectedInALoopShouldFailAfterTheLimit() {
        registry.serve(BLOB, 302, new byte[0], Map.of("Location", BLOB));
        ServedRegistry served = fixture.registry(upstream("hub", registry));

        assertThatThrownBy(() -> fixture.fetch(served, REQUEST))
                .hasMessageContaining(
                        "upstream 'hub' answered GET " + BLOB + " with redirect 6; at most 5 are" + " followed");
        assertThat(registry.requests(BLOB)).hasSize(UpstreamClient.MAX_REDIRECTS + 1);
    }

    @Test
    void fetchWhenTheUpstreamRefusesTheCredentialsShouldNameTheSecretButNotItsValues() {
        registry.serve(BLOB, 403, bytes("denied"), Map.of());
        ServedRegistry served = fixture.registry(upstream("hub", registry).credentials("hub-basic"));

        assertThatThrownBy(() -> fixture.fetch(served, REQUEST))
                .hasMessageContaining(
                        "upstream 'hub' answered 403 to GET " + BLOB + "; check the credentials in Secret 'hub-basic'")
                .message()
                .doesNotContain("s3cret")
                .doesNotContain("YWxpY2U6czNjcmV0");
    }
}
