package dev.wharf.runtime.oci;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.proxy.AuthChallenge;
import dev.wharf.runtime.proxy.UpstreamAuthenticator;
import dev.wharf.runtime.proxy.UpstreamCredentials;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token authentication of Docker registries (and of OCI registries that copy it): on
 * {@code Bearer realm=...,service=...,scope=...}, GET the realm with {@code service} and {@code scope}, with the
 * upstream's Basic credentials when it has them (anonymous otherwise), and answer with the token it issues. A token is
 * reused for 50 seconds: the token specification promises at least 60. Only docker UpstreamProxies use it
 * ({@link OciUpstreamProtocol}).
 */
final class DockerTokenAuthenticator implements UpstreamAuthenticator {

    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private static final int MAX_TOKEN_RESPONSE_BYTES = 1 << 20;
    private static final int MAX_TOKENS = 10_000;

    private final WebClient web;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Cache<TokenKey, String> tokens = Caffeine.newBuilder()
            .maximumSize(MAX_TOKENS)
            .expireAfterWrite(DEFAULT_LIFETIME.minus(MARGIN))
            .build();

    private record TokenKey(String realm, String service, String scope, String credentials) {}

    /** Uses {@code web} (with its timeouts) to reach the token realm. */
    DockerTokenAuthenticator(WebClient web) {
        this.web = web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_TOKEN_RESPONSE_BYTES))
                .build();
    }

    @Override
    public Duration answerLifetime() {
        return DEFAULT_LIFETIME.minus(MARGIN);
    }

    @Override
    public Mono<String> authorize(AuthChallenge challenge, UpstreamCredentials credentials) {
        Optional<String> realm = challenge.parameter("realm");
        if (!"bearer".equals(challenge.scheme()) || realm.isEmpty()) {
            return Mono.empty();
        }
        String service = challenge.parameter("service").orElse("");
        String scope = challenge.parameter("scope").orElse("");
        Optional<String> basic = credentials.basicAuthorization();
        TokenKey key = new TokenKey(realm.get(), service, scope, basic.orElse(""));
        String cached = tokens.getIfPresent(key);
        if (cached != null) {
            return Mono.just(cached);
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(realm.get());
        if (!service.isEmpty()) {
            uri.queryParam("service", service);
        }
        if (!scope.isEmpty()) {
            uri.queryParam("scope", scope);
        }
        URI tokenUri = uri.encode().build().toUri();
        return web.get()
                .uri(tokenUri)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> basic.ifPresent(value -> headers.set(HttpHeaders.AUTHORIZATION, value)))
                .retrieve()
                .bodyToMono(String.class)
                .onErrorMap(e -> new UpstreamFailureException("the token realm " + tokenUri.getHost()
                        + " did not issue a token for scope '" + scope + "': " + e.getMessage()))
                .flatMap(body -> token(body, tokenUri))
                .doOnNext(authorization -> tokens.put(key, authorization));
    }

    private Mono<String> token(String body, URI tokenUri) {
        JsonNode node = json.readTree(body);
        String token = node.path("token").asString("");
        if (token.isEmpty()) {
            token = node.path("access_token").asString("");
        }
        if (token.isEmpty()) {
            return Mono.error(new UpstreamFailureException(
                    "the token realm " + tokenUri.getHost() + " answered without a 'token' or 'access_token'"));
        }
        return Mono.just("Bearer " + token);
    }
}
