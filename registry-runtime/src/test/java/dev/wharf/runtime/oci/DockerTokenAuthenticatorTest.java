package dev.wharf.runtime.oci;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.text;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.proxy.EngineFixture;
import dev.wharf.runtime.proxy.FakeUpstream;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Docker's token dance, which the engine speaks to docker UpstreamProxies only: a 401 with a Bearer challenge, a token
 * from the realm, one retry with it.
 */
class DockerTokenAuthenticatorTest {

    private static final String MANIFEST = "/v2/library/alpine/manifests/latest";
    private static final String SCOPE = "repository:library/alpine:pull";
    private static final UpstreamRequest REQUEST = UpstreamRequest.mutable("library/alpine", MANIFEST, List.of());

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream registry;
    private FakeUpstream realm;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir, new OciUpstreamProtocol(new DockerTokenAuthenticator(WebClient.create())));
        registry = FakeUpstream.start();
        realm = FakeUpstream.start();
        registry.serve(MANIFEST, exchange -> {
            if ("Bearer issued-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                FakeUpstream.send(exchange, 200, bytes("manifest"), Map.of());
            } else {
                FakeUpstream.send(
                        exchange,
                        401,
                        bytes("{\"errors\":[]}"),
                        Map.of(
                                "WWW-Authenticate",
                                "Bearer realm=\"" + realm.url() + "/token\",service=\"fake.registry\",scope=\"" + SCOPE
                                        + "\""));
            }
        });
        realm.serve(
                "/token?service=fake.registry&scope=repository:library/alpine:pull",
                bytes("{\"token\":\"issued-token\",\"expires_in\":300}"));
    }

    @AfterEach
    void stop() {
        registry.close();
        realm.close();
        fixture.close();
    }

    @Test
    void fetchWhenChallengedShouldGetATokenFromTheRealmWithTheCredentialsAndRetryOnce() {
        fixture.secrets.put("hub", Map.of("username", "alice", "password", "s3cret"));
        ServedRegistry served = fixture.registry(upstream("hub", registry).credentials("hub"));

        UpstreamResult result = fixture.fetch(served, REQUEST);

        assertThat(text(result)).isEqualTo("manifest");
        assertThat(realm.requests()).hasSize(1);
        assertThat(realm.requests().getFirst().header("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(registry.requests(MANIFEST)).hasSize(2);
        assertThat(registry.requests(MANIFEST).get(1).header("Authorization")).isEqualTo("Bearer issued-token");
    }

    @Test
    void fetchOfTheSamePackageAgainShouldSendTheTokenAtOnce() {
        String tags = "/v2/library/alpine/tags/list";
        registry.serve(
                tags,
                exchange -> FakeUpstream.send(
                        exchange,
                        "Bearer issued-token"
                                        .equals(exchange.getRequestHeaders().getFirst("Authorization"))
                                ? 200
                                : 401,
                        bytes("{}"),
                        Map.of()));
        ServedRegistry served = fixture.registry(upstream("hub", registry));
        fixture.fetch(served, REQUEST);

        fixture.fetch(served, UpstreamRequest.mutable("library/alpine", tags, List.of()));

        assertThat(registry.requests(tags)).hasSize(1);
        assertThat(realm.requests()).hasSize(1);
    }

    @Test
    void fetchWhenChallengedWithoutCredentialsShouldGetAnAnonymousToken() {
        ServedRegistry served = fixture.registry(upstream("hub", registry));

        assertThat(text(fixture.fetch(served, REQUEST))).isEqualTo("manifest");
        assertThat(realm.requests().getFirst().headers()).doesNotContainKey("authorization");
    }

    @Test
    void fetchWhenTheRealmRefusesShouldFailNamingTheRealmAndScope() {
        realm.close();
        ServedRegistry served = fixture.registry(upstream("hub", registry));

        assertThatThrownBy(() -> fixture.fetch(served, REQUEST))
                .hasMessageContaining("the token realm 127.0.0.1 did not issue a token for scope '" + SCOPE + "'");
    }

    @Test
    void headWhenChallengedShouldGetATokenFromTheRealmAndRetryTheHeadOnce() {
        byte[] layer = bytes("layer bytes");
        Digest digest = Digest.parse(OciContent.digest(layer));
        String path = "/v2/team/app/blobs/" + digest;
        registry.serve(path, exchange -> {
            if ("Bearer issued-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                FakeUpstream.send(exchange, 200, layer, Map.of("Docker-Content-Digest", digest.toString()));
            } else {
                FakeUpstream.send(
                        exchange,
                        401,
                        new byte[0],
                        Map.of(
                                "WWW-Authenticate",
                                "Bearer realm=\"" + realm.url()
                                        + "/token\",service=\"fake.registry\",scope=\"repository:team/app:pull\""));
            }
        });
        realm.serve(
                "/token?service=fake.registry&scope=repository:team/app:pull",
                bytes("{\"token\":\"issued-token\",\"expires_in\":300}"));
        ServedRegistry served = fixture.registry(upstream("hub", registry));

        UpstreamResult head = fixture.engine
                .head(served, UpstreamRequest.immutable("team/app", path, List.of(), digest, null))
                .blockOptional(TIMEOUT)
                .orElseThrow();

        assertThat(head.size()).isEqualTo(layer.length);
        assertThat(registry.requests("HEAD", path)).hasSize(2);
        assertThat(registry.requests("HEAD", path).get(1).header("Authorization"))
                .isEqualTo("Bearer issued-token");
        assertThat(registry.requests("GET", path)).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
