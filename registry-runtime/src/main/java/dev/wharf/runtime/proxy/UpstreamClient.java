package dev.wharf.runtime.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.config.SecretResolver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends GET and HEAD requests to one upstream: with its credentials to its own origin only, following redirects itself (and
 * dropping {@code Authorization} on a redirect to another origin, such as a CDN), answering one authentication
 * challenge through its protocol's {@link UpstreamAuthenticator}, within its timeouts, and through its circuit breaker, whose
 * state and the upstream's successes and failures make its {@link UpstreamHealth}.
 */
final class UpstreamClient {

    static final int MAX_REDIRECTS = 5;

    private static final int MAX_ANSWERS = 10_000;

    private final UpstreamSettings settings;
    private final WebClient web;
    private final CircuitBreaker breaker;
    private final HealthTracker health;
    private final UpstreamProtocol protocol;
    private final UpstreamAuthenticator authenticator;
    private final Supplier<SecretResolver> secrets;
    private final @Nullable Cache<String, String> answers;

    UpstreamClient(
            UpstreamSettings settings, UpstreamProtocol protocol, Supplier<SecretResolver> secrets, Clock clock) {
        this.settings = settings;
        this.protocol = protocol;
        this.authenticator = protocol.authenticator();
        this.secrets = secrets;
        Duration answerLifetime = authenticator.answerLifetime();
        this.answers = answerLifetime.isPositive()
                ? Caffeine.newBuilder()
                        .maximumSize(MAX_ANSWERS)
                        .expireAfterWrite(answerLifetime)
                        .build()
                : null;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .responseTimeout(settings.responseTimeout())
                .followRedirect(false);
        this.web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        this.breaker = CircuitBreaker.of(
                settings.name(),
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.failures())
                        .minimumNumberOfCalls(settings.failures())
                        .failureRateThreshold(100)
                        .waitDurationInOpenState(settings.openFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .clock(clock)
                        .build());
        this.health = new HealthTracker(settings.name(), breaker, clock);
    }

    UpstreamSettings settings() {
        return settings;
    }

    UpstreamProtocol protocol() {
        return protocol;
    }

    UpstreamHealth health() {
        return health.snapshot();
    }

    /**
     * GETs {@code target} (a path relative to the base URL, or an absolute URL) and hands the final response to {@code handler} when it is 200,
     * 304, 404 or 410; any other status, an error or a timeout is a failure of the upstream. The answer to the last
     * authentication challenge for package {@code name} (a token for its scope) is sent again for a while, which
     * saves a 401 and a retry on each request.
     *
     * @return what the handler made of the response; or an {@link UpstreamFailureException} saying what went wrong,
     *     also at once and without a request when the circuit breaker is open
     */
    <T> Mono<T> get(String name, String target, HttpHeaders headers, Function<ClientResponse, Mono<T>> handler) {
        return exchange(HttpMethod.GET, name, target, headers, handler);
    }

    /** As {@link #get}, with {@code HEAD}: the handler gets the headers of the final response and no body. */
    <T> Mono<T> head(String name, String target, HttpHeaders headers, Function<ClientResponse, Mono<T>> handler) {
        return exchange(HttpMethod.HEAD, name, target, headers, handler);
    }

    private <T> Mono<T> exchange(
            HttpMethod method,
            String name,
            String path,
            HttpHeaders headers,
            Function<ClientResponse, Mono<T>> handler) {
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(new UpstreamFailureException("upstream '" + settings.name()
                        + "' is skipped: its circuit breaker opened after " + settings.failures()
                        + " failures in a row, and it is probed again " + settings.openFor() + " after the last"));
            }
            long start = System.nanoTime();
            AtomicBoolean finished = new AtomicBoolean();
            UpstreamCredentials credentials = UpstreamCredentials.resolve(settings.credentialsSecret(), secrets.get());
            String answered = answers == null ? null : answers.getIfPresent(name);
            Request request = new Request(method, name, path, headers, credentials);
            return send(
                            request,
                            UpstreamRequest.uri(settings, path),
                            answered == null ? credentials.authorization().orElse(null) : answered,
                            0,
                            false,
                            handler)
                    .onErrorMap(e -> !(e instanceof UpstreamFailureException), e -> failure(method, path, e))
                    .doOnSuccess(value -> {
                        finished.set(true);
                        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        health.success();
                    })
                    .doOnError(e -> {
                        finished.set(true);
                        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                        health.failure(String.valueOf(e.getMessage()));
                    })
                    .doOnCancel(() -> {
                        if (finished.compareAndSet(false, true)) {
                            breaker.releasePermission();
                        }
                    });
        });
    }

    /** What stays the same along redirects and a retry. */
    private record Request(
            HttpMethod method, String name, String path, HttpHeaders headers, UpstreamCredentials credentials) {}

    private <T> Mono<T> send(
            Request request,
            URI uri,
            @Nullable String authorization,
            int redirects,
            boolean challenged,
            Function<ClientResponse, Mono<T>> handler) {
        String path = request.path();
        boolean ownOrigin = settings.sameOrigin(uri);
        return web.method(request.method())
                .uri(uri)
                .headers(sent -> {
                    sent.addAll(request.headers());
                    if (authorization != null && ownOrigin) {
                        sent.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (isRedirect(status)) {
                        URI location = response.headers().asHttpHeaders().getLocation();
                        if (location == null || redirects >= MAX_REDIRECTS) {
                            return response.releaseBody()
                                    .then(Mono.error(new UpstreamFailureException("upstream '"
                                            + settings.name() + "' answered " + request.method() + " " + path
                                            + " with redirect "
                                            + (redirects + 1)
                                            + (location == null
                                                    ? " without a Location"
                                                    : "; at most " + MAX_REDIRECTS + " are followed"))));
                        }
                        URI next = uri.resolve(location);
                        return response.releaseBody()
                                .then(send(request, next, authorization, redirects + 1, challenged, handler));
                    }
                    if (status == 401 && ownOrigin && !challenged) {
                        String header = response.headers().asHttpHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
                        Mono<String> answer = header == null
                                ? Mono.empty()
                                : Mono.justOrEmpty(AuthChallenge.parse(header))
                                        .flatMap(
                                                challenge -> authenticator.authorize(challenge, request.credentials()));
                        return response.releaseBody()
                                .then(answer)
                                .flatMap(retry -> send(request, uri, retry, redirects, true, handler)
                                        .doOnSuccess(value -> {
                                            if (answers != null) {
                                                answers.put(request.name(), retry);
                                            }
                                        }))
                                .switchIfEmpty(Mono.error(() -> refused(request.method(), path, status)));
                    }
                    if (status == 200 || status == 304 || status == 404 || status == 410) {
                        return handler.apply(response);
                    }
                    return response.releaseBody().then(Mono.error(refused(request.method(), path, status)));
                });
    }

    private UpstreamFailureException refused(HttpMethod method, String path, int status) {
        String hint = status == 401 || status == 403
                ? "; check the credentials in Secret '" + settings.credentialsSecret() + "'"
                : "";
        if (status == 401 && settings.credentialsSecret() == null) {
            hint = "; it needs credentials: name a Secret in spec.credentialsSecret";
        }
        return new UpstreamFailureException(
                "upstream '" + settings.name() + "' answered " + status + " to " + method + " " + path + hint);
    }

    private UpstreamFailureException failure(HttpMethod method, String path, Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (e.getClass().getSimpleName().contains("Timeout")
                || (cause != null && cause.getClass().getSimpleName().contains("Timeout"))) {
            reason = "no answer within " + settings.responseTimeout() + " (spec.timeouts.response)";
        }
        return new UpstreamFailureException(
                "upstream '" + settings.name() + "' failed on " + method + " " + path + ": " + reason, e);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }
}
