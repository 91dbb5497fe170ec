package dev.wharf.runtime.metadata;

import dev.wharf.api.v1alpha1.registry.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API token as stored: everything but the token itself, of which only the hash is kept.
 *
 * @param id the row id, which names the token in the API
 * @param owner the user it acts for
 * @param description what it is for, as its owner wrote
 * @param groups the owner's groups when it was issued
 * @param scopes the highest role per registry name ({@code *} for every registry)
 * @param createdAt when it was issued
 * @param expiresAt when it stops working; null for never
 * @param lastUsedAt when it was last used, when known
 * @param revokedAt when its owner revoked it; null while it is not
 */
public record ApiTokenRecord(
        long id,
        String owner,
        String description,
        Set<String> groups,
        Map<String, Role> scopes,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public ApiTokenRecord {
        groups = Set.copyOf(groups);
        scopes = Map.copyOf(scopes);
    }
}
