package dev.wharf.runtime.proxy;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Answers an upstream's authentication challenge, for protocols where the credentials are not sent as they are (such
 * as Docker's token authentication): a format's {@link UpstreamProtocol} supplies it. The engine calls it when the
 * upstream's own origin answers 401, then retries the request once with the {@code Authorization} value it gives.
 */
public interface UpstreamAuthenticator {

    /** An authenticator that answers no challenge: a 401 is a failure. */
    UpstreamAuthenticator NONE = (challenge, credentials) -> Mono.empty();

    /**
     * The {@code Authorization} header value to retry with.
     *
     * @param challenge the upstream's {@code WWW-Authenticate} challenge
     * @param credentials the upstream's credentials, {@link UpstreamCredentials#NONE} for anonymous access; an
     *     implementation sends them only where the protocol says to (the token realm)
     * @return the value; empty to give up, which makes the 401 a failure of the upstream
     */
    Mono<String> authorize(AuthChallenge challenge, UpstreamCredentials credentials);

    /**
     * How long an answer that worked is sent again at once to the same upstream for the same package, saving a 401 and
     * a retry; zero (the default) to send it only on the retry.
     */
    default Duration answerLifetime() {
        return Duration.ZERO;
    }
}
