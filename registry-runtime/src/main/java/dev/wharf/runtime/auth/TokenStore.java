package dev.wharf.runtime.auth;

import reactor.core.publisher.Mono;

/** Finds issued API tokens by the sha256 of the token (see {@link ApiTokens#hash}). */
@FunctionalInterface
public interface TokenStore {

    /** The token whose hash this is; empty when there is none. */
    Mono<StoredToken> findByHash(String tokenHash);
}
