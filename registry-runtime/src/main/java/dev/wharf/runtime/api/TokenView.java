package dev.wharf.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.metadata.ApiTokenRecord;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An API token as its owner sees it: everything but the token, which is shown once, when it is issued.
 *
 * @param token the token itself, only in the answer that issues it; null (absent) in listings
 */
record TokenView(
        long id,
        String description,
        Map<String, String> scopes,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String token) {

    static TokenView of(ApiTokenRecord record) {
        return of(record, null);
    }

    static TokenView of(ApiTokenRecord record, @Nullable String token) {
        return new TokenView(
                record.id(),
                record.description(),
                scopes(record.scopes()),
                record.createdAt(),
                record.expiresAt(),
                record.lastUsedAt(),
                token);
    }

    /** Without the token: Spring's codecs log the values they encode (in full at TRACE). */
    @Override
    public String toString() {
        return "TokenView[id=" + id + ", description=" + description + ", scopes=" + scopes + ", createdAt="
                + createdAt + ", expiresAt=" + expiresAt + ", lastUsedAt=" + lastUsedAt + ", token="
                + (token == null ? "null" : "…") + "]";
    }

    static Map<String, String> scopes(Map<String, Role> scopes) {
        Map<String, String> names = new TreeMap<>();
        scopes.forEach((registry, role) -> names.put(registry, TokenRequest.name(role)));
        return names;
    }
}
