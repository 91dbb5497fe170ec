package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.ImmutableObjectTest.sha256;
import static dev.wharf.runtime.proxy.UpstreamOrderTest.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a document points at by absolute URL (PyPI files, npm tarballs on a CDN) are fetched through the upstream
 * whose document named them: its globs, breaker, timeouts and caches apply, and its credentials go to its own origin
 * only, never to another host nor along a redirect to one.
 */
class AbsoluteUrlTest {

    private static final byte[] TARBALL = bytes("tarball bytes");
    private static final String FILE = "/files/app-1.0.tgz";

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream origin;
    private FakeUpstream cdn;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        origin = FakeUpstream.start();
        cdn = FakeUpstream.start();
        fixture.secrets.put("npm", Map.of("username", "alice", "password", "s3cret"));
    }

    @AfterEach
    void stop() {
        origin.close();
        cdn.close();
        fixture.close();
    }

    private ServedRegistry registry(Upstreams... upstreams) {
        return fixture.registry(upstreams);
    }

    private static UpstreamRequest file(String upstream, String url) {
        return UpstreamRequest.immutable("app", "/app/-/app-1.0.tgz", List.of(), sha256(TARBALL), null)
                .at(upstream, URI.create(url));
    }

    @Test
    void fetchOfAUrlOnTheUpstreamsOriginShouldSendItsCredentials() {
        origin.serve(FILE, TARBALL);
        ServedRegistry registry = registry(upstream("npm", origin).credentials("npm"));

        UpstreamResult result = fixture.fetch(registry, file("npm", origin.url() + FILE));

        assertThat(text(result)).isEqualTo("tarball bytes");
        assertThat(result.upstream()).isEqualTo("npm");
        assertThat(origin.requests(FILE).getFirst().header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void fetchOfAUrlOnAnotherHostShouldNotSendTheCredentials() {
        cdn.serve(FILE, TARBALL);
        ServedRegistry registry = registry(upstream("npm", origin).credentials("npm"));

        assertThat(text(fixture.fetch(registry, file("npm", cdn.url() + FILE)))).isEqualTo("tarball bytes");
        assertThat(cdn.requests(FILE)).hasSize(1);
        assertThat(cdn.requests(FILE).getFirst().headers()).doesNotContainKey("authorization");
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void fetchOfAUrlOnAHostThatIsNeitherTheUpstreamsNorAFileHostShouldFailWithoutARequest() {
        cdn.serve(FILE, TARBALL);
        ServedRegistry registry = registry(upstream("npm", origin).credentials("npm"));
        String elsewhere = cdn.url().replace("127.0.0.1", "localhost") + FILE;

        assertThatThrownBy(() -> fixture.fetch(registry, file("npm", elsewhere)))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessage("upstream 'npm' points at http://localhost, which is neither its own host nor one of its"
                        + " spec.fileHosts; nothing was fetched (add the host to spec.fileHosts if it serves the"
                        + " upstream's files)");
        assertThat(cdn.requests()).isEmpty();
    }

    @Test
    void fetchOfAUrlOnAFileHostShouldFetchItWithoutTheCredentials() {
        cdn.serve(FILE, TARBALL);
        ServedRegistry registry =
                registry(upstream("npm", origin).credentials("npm").fileHosts(List.of("local*")));

        UpstreamResult result =
                fixture.fetch(registry, file("npm", cdn.url().replace("127.0.0.1", "localhost") + FILE));

        assertThat(text(result)).isEqualTo("tarball bytes");
        assertThat(cdn.requests(FILE).getFirst().headers()).doesNotContainKey("authorization");
    }

    @Test
    void fetchOfAUrlOnTheOriginRedirectedToAnotherHostShouldNotSendTheCredentialsThere() {
        origin.serve(FILE, 302, new byte[0], Map.of("Location", cdn.url() + "/signed?token=x"));
        cdn.serve("/signed?token=x", TARBALL);
        ServedRegistry registry = registry(upstream("npm", origin).credentials("npm"));

        assertThat(text(fixture.fetch(registry, file("npm", origin.url() + FILE))))
                .isEqualTo("tarball bytes");
        assertThat(origin.requests(FILE).getFirst().header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(cdn.requests("/signed?token=x").getFirst().headers()).doesNotContainKey("authorization");
    }

    @Test
    void fetchOfAUrlOnAnotherHostRedirectedBackToTheOriginShouldSendTheCredentialsOnlyToTheOrigin() {
        cdn.serve(FILE, 307, new byte[0], Map.of("Location", origin.url() + FILE));
        origin.serve(FILE, TARBALL);
        ServedRegistry registry = registry(upstream("npm", origin).credentials("npm"));

        assertThat(text(fixture.fetch(registry, file("npm", cdn.url() + FILE)))).isEqualTo("tarball bytes");
        assertThat(cdn.requests(FILE).getFirst().headers()).doesNotContainKey("authorization");
        assertThat(origin.requests(FILE).getFirst().header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void fetchOfAUrlShouldAskOnlyTheUpstreamThatGaveItAndBeCachedForGood() throws IOException {
        try (FakeUpstream first = FakeUpstream.start()) {
            cdn.serve(FILE, TARBALL);
            ServedRegistry registry = registry(upstream("first", first), upstream("npm", origin));

            UpstreamResult miss = fixture.fetch(registry, file("npm", cdn.url() + FILE));
            UpstreamResult hit = fixture.fetch(registry, file("npm", cdn.url() + FILE));

            assertThat(miss.cache()).isEqualTo(CacheOutcome.MISS);
            assertThat(hit.cache()).isEqualTo(CacheOutcome.HIT);
            assertThat(hit.upstream()).isEqualTo("npm");
            assertThat(cdn.requests(FILE)).hasSize(1);
            assertThat(first.requests()).isEmpty();
        }
    }

    @Test
    void fetchOfAUrlForANameTheUpstreamBlocksShouldBeEmptyWithoutARequest() {
        cdn.serve(FILE, TARBALL);
        ServedRegistry registry = registry(upstream("npm", origin).names(null, List.of("app")));

        assertThat(fixture.fetchOptional(registry, file("npm", cdn.url() + FILE)))
                .isEmpty();
        assertThat(cdn.requests()).isEmpty();
    }

    @Test
    void fetchOfAUrlFromAnUpstreamTheRegistryDoesNotUseShouldBeEmptyWithoutARequest() {
        cdn.serve(FILE, TARBALL);
        ServedRegistry registry = registry(upstream("npm", origin));

        assertThat(fixture.fetchOptional(registry, file("elsewhere", cdn.url() + FILE)))
                .isEmpty();
        assertThat(cdn.requests()).isEmpty();
    }

    @Test
    void fetchOfAUrlWhoseHostFailsShouldCountAgainstTheUpstreamsBreaker() {
        cdn.down();
        ServedRegistry registry = registry(upstream("npm", origin).breaker(2, "1h"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> fixture.fetch(registry, file("npm", cdn.url() + FILE)))
                    .isInstanceOf(UpstreamFailureException.class)
                    .hasMessageContaining("upstream 'npm' failed on GET " + cdn.url() + FILE);
        }

        assertThatThrownBy(() -> fixture.fetch(registry, file("npm", cdn.url() + FILE)))
                .hasMessageContaining("upstream 'npm' is skipped: its circuit breaker opened after 2 failures");
        assertThat(fixture.engine.health("npm").consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void atWhenTheUrlIsNotAbsoluteHttpShouldThrowNamingIt() {
        UpstreamRequest request = UpstreamRequest.immutable("app", FILE, List.of(), null, null);

        assertThatThrownBy(() -> request.at("npm", URI.create("ftp://files.example/app.tgz")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the URL 'ftp://files.example/app.tgz' from upstream 'npm' is not an absolute http or"
                        + " https URL with a host");
        assertThatThrownBy(() -> request.at("npm", URI.create("/files/app.tgz")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchOfAUrlWithTheWrongContentShouldFailAndStoreNothing() {
        cdn.serve(FILE, bytes("something else"));
        ServedRegistry registry = registry(upstream("npm", origin));

        assertThatThrownBy(() -> fixture.fetch(registry, file("npm", cdn.url() + FILE)))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("upstream 'npm' sent content for " + cdn.url() + FILE + " that cannot be kept");
        assertThat(fixture.store.exists(sha256(TARBALL)).block(TIMEOUT)).isFalse();
    }
}
