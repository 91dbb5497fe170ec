package dev.wharf.runtime.auth;

import dev.wharf.api.v1alpha1.registry.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime keeps of an API token it issued: never the token, only who owns it, what it may do and until when.
 *
 * @param groups the owner's groups when the token was issued
 * @param scopes the most the token may do per registry name; {@code *} stands for every registry
 * @param expiresAt when it stops working; null for never
 * @param revokedAt when its owner revoked it; null while it is not
 */
public record StoredToken(
        String owner,
        Set<String> groups,
        Map<String, Role> scopes,
        @Nullable Instant expiresAt,
        @Nullable Instant revokedAt) {

    public StoredToken {
        groups = Set.copyOf(groups);
        scopes = Map.copyOf(scopes);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether the token authenticates at {@code now}: neither revoked nor expired. */
    public boolean usable(Instant now) {
        return revokedAt == null && !isExpired(now);
    }
}
