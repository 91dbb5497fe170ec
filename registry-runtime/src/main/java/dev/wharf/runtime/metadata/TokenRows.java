package dev.wharf.runtime.metadata;

import dev.wharf.api.v1alpha1.registry.Role;
import io.r2dbc.spi.Readable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads API tokens with their scopes and groups: three queries for any number of tokens. An owner's list leaves the
 * revoked ones out; a look-up by hash finds them, to tell their holder so.
 */
final class TokenRows {

    private static final String COLUMNS =
            "t.id, t.owner, t.description, t.created_at, t.expires_at, t.last_used_at, t.revoked_at";
    private static final String BY_HASH = "SELECT " + COLUMNS + " FROM api_token t WHERE t.token_hash = :key";
    private static final String BY_OWNER = "SELECT " + COLUMNS + " FROM api_token t WHERE t.owner = :key"
            + " AND t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id DESC";
    private static final String SCOPES_BY_HASH = "SELECT s.token_id, s.registry, s.role FROM api_token_scope s"
            + " JOIN api_token t ON t.id = s.token_id WHERE t.token_hash = :key";
    private static final String SCOPES_BY_OWNER = "SELECT s.token_id, s.registry, s.role FROM api_token_scope s"
            + " JOIN api_token t ON t.id = s.token_id WHERE t.owner = :key AND t.revoked_at IS NULL";
    private static final String GROUPS_BY_HASH = "SELECT g.token_id, g.group_name FROM api_token_group g"
            + " JOIN api_token t ON t.id = g.token_id WHERE t.token_hash = :key";
    private static final String GROUPS_BY_OWNER = "SELECT g.token_id, g.group_name FROM api_token_group g"
            + " JOIN api_token t ON t.id = g.token_id WHERE t.owner = :key AND t.revoked_at IS NULL";

    private final DatabaseClient client;

    TokenRows(DatabaseClient client) {
        this.client = client;
    }

    Mono<ApiTokenRecord> byHash(String tokenHash) {
        return read(BY_HASH, SCOPES_BY_HASH, GROUPS_BY_HASH, tokenHash).next();
    }

    Flux<ApiTokenRecord> ofOwner(String owner) {
        return read(BY_OWNER, SCOPES_BY_OWNER, GROUPS_BY_OWNER, owner);
    }

    static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private Flux<ApiTokenRecord> read(String tokens, String scopes, String groups, String key) {
        return client.sql(tokens)
                .bind("key", key)
                .map(TokenRows::token)
                .all()
                .collectList()
                .flatMapMany(found -> {
                    if (found.isEmpty()) {
                        return Flux.empty();
                    }
                    Mono<Map<Long, Map<String, Role>>> scopesById = client.sql(scopes)
                            .bind("key", key)
                            .map(row -> new Scope(Sql.number(row, "token_id"), Sql.text(row, "registry"), role(row)))
                            .all()
                            .collect(
                                    HashMap::new,
                                    (map, scope) -> map.computeIfAbsent(scope.tokenId(), id -> new HashMap<>())
                                            .put(scope.registry(), scope.role()));
                    Mono<Map<Long, Set<String>>> groupsById = client.sql(groups)
                            .bind("key", key)
                            .map(row -> Map.entry(Sql.number(row, "token_id"), Sql.text(row, "group_name")))
                            .all()
                            .collect(
                                    HashMap::new,
                                    (map, group) -> map.computeIfAbsent(group.getKey(), id -> new HashSet<>())
                                            .add(group.getValue()));
                    return Mono.zip(scopesById, groupsById)
                            .flatMapIterable(both -> complete(found, both.getT1(), both.getT2()));
                });
    }

    private static List<ApiTokenRecord> complete(
            List<ApiTokenRecord> tokens, Map<Long, Map<String, Role>> scopes, Map<Long, Set<String>> groups) {
        return tokens.stream()
                .map(token -> new ApiTokenRecord(
                        token.id(),
                        token.owner(),
                        token.description(),
                        groups.getOrDefault(token.id(), Set.of()),
                        scopes.getOrDefault(token.id(), Map.of()),
                        token.createdAt(),
                        token.expiresAt(),
                        token.lastUsedAt(),
                        token.revokedAt()))
                .toList();
    }

    private static ApiTokenRecord token(Readable row) {
        return new ApiTokenRecord(
                Sql.number(row, "id"),
                Sql.text(row, "owner"),
                Sql.text(row, "description"),
                Set.of(),
                Map.of(),
                Sql.instant(row, "created_at"),
                Sql.nullableInstant(row, "expires_at"),
                Sql.nullableInstant(row, "last_used_at"),
                Sql.nullableInstant(row, "revoked_at"));
    }

    private static Role role(Readable row) {
        return Role.valueOf(Sql.text(row, "role").toUpperCase(Locale.ROOT));
    }

    private record Scope(long tokenId, String registry, Role role) {}
}
