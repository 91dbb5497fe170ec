package dev.wharf.runtime.metadata;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.StoredToken;
import dev.wharf.runtime.auth.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** API tokens, stored by the sha256 of the token ({@code ApiTokens.hash}); the token itself is never stored. */
public final class ApiTokenRepository implements TokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenRepository.class);

    private static final String INSERT = "INSERT INTO api_token (token_hash, owner, description, created_at,"
            + " expires_at) VALUES (:hash, :owner, :description, :now, :expiresAt)";
    private static final String INSERT_SCOPE =
            "INSERT INTO api_token_scope (token_id, registry, role) VALUES (:token, :registry, :role)";
    private static final String INSERT_GROUP =
            "INSERT INTO api_token_group (token_id, group_name) VALUES (:token, :group)";
    private static final String REVOKE =
            "UPDATE api_token SET revoked_at = :now" + " WHERE id = :id AND owner = :owner AND revoked_at IS NULL";
    private static final String REVOKE_BY_HASH = "UPDATE api_token SET revoked_at = :now"
            + " WHERE token_hash = :hash AND owner = :owner AND revoked_at IS NULL";
    private static final String HASHES =
            "SELECT id, token_hash FROM api_token WHERE owner = :owner AND revoked_at IS NULL";
    private static final String RECORD_USE = "UPDATE api_token SET last_used_at = :now"
            + " WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :threshold)";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final Clock clock;
    private final TokenRows rows;
    private final TokenUses uses = new TokenUses();

    public ApiTokenRepository(MetadataDatabase database, Clock clock) {
        this.database = database;
        this.client = database.client();
        this.clock = clock;
        this.rows = new TokenRows(client);
    }

    /** Stores a newly issued token. */
    public Mono<ApiTokenRecord> create(
            String tokenHash,
            String owner,
            String description,
            Set<String> groups,
            Map<String, Role> scopes,
            @Nullable Instant expiresAt) {
        return Mono.defer(() -> {
            Instant now = Sql.now(clock);
            return database.transactions()
                    .transactional(client.sql(INSERT)
                            .bind("hash", tokenHash)
                            .bind("owner", owner)
                            .bind("description", description)
                            .bind("now", Sql.time(now))
                            .bind("expiresAt", Sql.nullableTime(expiresAt))
                            .filter(statement -> statement.returnGeneratedValues("id"))
                            .map(row -> Sql.number(row, "id"))
                            .one()
                            .flatMap(id -> Flux.fromIterable(scopes.entrySet())
                                    .concatMap(scope -> client.sql(INSERT_SCOPE)
                                            .bind("token", id)
                                            .bind("registry", scope.getKey())
                                            .bind("role", TokenRows.roleName(scope.getValue()))
                                            .then())
                                    .thenMany(Flux.fromIterable(groups)
                                            .concatMap(group -> client.sql(INSERT_GROUP)
                                                    .bind("token", id)
                                                    .bind("group", group)
                                                    .then()))
                                    .then(Mono.just(new ApiTokenRecord(
                                            id,
                                            owner,
                                            description,
                                            groups,
                                            scopes,
                                            now,
                                            expiresAt == null
                                                    ? null
                                                    : Sql.time(expiresAt).toInstant(),
                                            null,
                                            null)))));
        });
    }

    /** The owner's tokens, newest first. */
    public Flux<ApiTokenRecord> list(String owner) {
        return rows.ofOwner(owner);
    }

    /**
     * Marks the owner's token {@code id} revoked, now: it no longer authenticates and is no longer listed, and its row
     * stays so that its holder is told it was revoked. @return whether the owner had it, not revoked yet.
     */
    public Mono<Boolean> revoke(long id, String owner) {
        return client.sql(REVOKE)
                .bind("now", Sql.time(Sql.now(clock)))
                .bind("id", id)
                .bind("owner", owner)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * As {@link #revoke(long, String)}, for the token whose hash is {@code tokenHash} (what a client that holds the
     * token, or only its hash, names it by). @return whether the owner had it, not revoked yet.
     */
    public Mono<Boolean> revokeByHash(String tokenHash, String owner) {
        return client.sql(REVOKE_BY_HASH)
                .bind("now", Sql.time(Sql.now(clock)))
                .bind("hash", tokenHash)
                .bind("owner", owner)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** The hash of each of the owner's tokens not revoked, by id: the key clients such as npm name tokens by. */
    public Mono<Map<Long, String>> hashes(String owner) {
        return client.sql(HASHES)
                .bind("owner", owner)
                .map(row -> Map.entry(Sql.number(row, "id"), Sql.text(row, "token_hash")))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * The token with this hash, expired, revoked or not, and records the use of one that is neither (at most once a
     * minute per token).
     */
    @Override
    public Mono<StoredToken> findByHash(String tokenHash) {
        return rows.byHash(tokenHash).flatMap(token -> {
            StoredToken stored = new StoredToken(
                    token.owner(), token.groups(), token.scopes(), token.expiresAt(), token.revokedAt());
            return stored.usable(clock.instant()) ? recordUse(token.id()).thenReturn(stored) : Mono.just(stored);
        });
    }

    private Mono<Void> recordUse(long id) {
        Instant now = Sql.now(clock);
        if (!uses.shouldWrite(id, now)) {
            return Mono.empty();
        }
        return client.sql(RECORD_USE)
                .bind("now", Sql.time(now))
                .bind("id", id)
                .bind("threshold", Sql.time(now.minus(TokenUses.WRITE_INTERVAL)))
                .then()
                // Authentication must not fail because the last-use time could not be written.
                .onErrorResume(e -> {
                    LOG.warn("Cannot record the use of API token {}: {}", id, e.toString());
                    return Mono.empty();
                });
    }
}
