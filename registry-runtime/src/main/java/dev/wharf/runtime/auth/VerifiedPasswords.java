package dev.wharf.runtime.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Checks Basic passwords against a {@link UserDirectory} off the event loop, and remembers a success for a few
 * minutes: bcrypt is slow on purpose, and clients such as Maven and pip send the same credentials with every request.
 * Entries are keyed by the directory instance, so a reloaded users Secret takes effect at once; the password itself
 * is kept only as a salted hash.
 */
final class VerifiedPasswords {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    /**
     * Where the checks run: a virtual thread each (bcrypt's CPU time is shared fairly by the carrier threads), and
     * never interrupted when the request is cancelled. The rest of the request goes on on the same thread, and an
     * interrupt there would reach whatever it does next: the embedded H2 database closes its file on one.
     */
    private static final Scheduler CHECKS = Schedulers.fromExecutor(
            task -> Thread.ofVirtual().name("wharf-password-check").start(task));

    private record Key(UserDirectory directory, String user, String passwordHash) {}

    private final Cache<Key, Principal> verified = CacheBuilder.newBuilder()
            .expireAfterWrite(TTL)
            .maximumSize(MAX_ENTRIES)
            .build();
    private final byte[] salt = ApiTokens.generate().getBytes(StandardCharsets.UTF_8);

    /** The user when the password is theirs; empty otherwise. */
    Mono<Optional<Principal>> check(UserDirectory directory, String user, String password) {
        Key key = new Key(directory, user, hash(password));
        Principal known = verified.getIfPresent(key);
        if (known != null) {
            return Mono.just(Optional.of(known));
        }
        return Mono.fromCallable(() -> {
                    Optional<Principal> principal = directory.authenticate(user, password);
                    principal.ifPresent(value -> verified.put(key, value));
                    return principal;
                })
                .subscribeOn(CHECKS);
    }

    private String hash(String password) {
        return Hashing.hmacSha256(salt)
                .hashString(password, StandardCharsets.UTF_8)
                .toString();
    }
}
