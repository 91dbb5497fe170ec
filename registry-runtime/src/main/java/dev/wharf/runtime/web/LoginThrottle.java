package dev.wharf.runtime.web;

import dev.wharf.runtime.auth.ApiTokens;
import dev.wharf.runtime.auth.Credentials;
import dev.wharf.runtime.auth.FailedLogins;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Puts the password checks of a request under {@link FailedLogins}: refused up front while failures of the request's
 * Basic user from its address make it wait, and counted when they fail. API tokens are not throttled: they are random,
 * so there is nothing to guess, and checking one costs a hash.
 */
public final class LoginThrottle {

    private final @Nullable FailedLogins failures;

    public LoginThrottle(FailedLogins failures) {
        this.failures = failures;
    }

    private LoginThrottle() {
        this.failures = null;
    }

    /** A throttle that lets every check run and counts nothing. */
    public static LoginThrottle off() {
        return new LoginThrottle();
    }

    /**
     * {@code check}, the authentication of the request's {@code Authorization} header, throttled.
     *
     * @param failed whether an error of {@code check} means the credentials were wrong
     * @return {@code check}, or a {@link LoginsThrottledException} without running it
     */
    public <T> Mono<T> guard(
            ServerRequest request, @Nullable String authorization, Mono<T> check, Predicate<Throwable> failed) {
        FailedLogins failures = this.failures;
        Optional<String> user = passwordUser(authorization);
        if (failures == null || user.isEmpty()) {
            return check;
        }
        String client = client(request);
        return Mono.defer(() -> {
            Optional<FailedLogins.Wait> wait = failures.begin(client, user.get());
            if (wait.isPresent()) {
                return Mono.error(new LoginsThrottledException(user.get(), wait.get(), failures.delays()));
            }
            return check.doOnNext(ignored -> failures.succeeded(client, user.get()))
                    .doOnError(failed, ignored -> failures.failed(client, user.get()));
        });
    }

    /** The user of Basic credentials that carry a password rather than an API token. */
    private static Optional<String> passwordUser(@Nullable String authorization) {
        try {
            return Credentials.parse(authorization)
                    .filter(Credentials.Basic.class::isInstance)
                    .map(Credentials.Basic.class::cast)
                    .filter(basic -> !ApiTokens.looksLikeToken(basic.password()))
                    .map(Credentials.Basic::user);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static String client(ServerRequest request) {
        return request.remoteAddress()
                .map(InetSocketAddress::getAddress)
                .map(InetAddress::getHostAddress)
                .orElse("unknown");
    }
}
