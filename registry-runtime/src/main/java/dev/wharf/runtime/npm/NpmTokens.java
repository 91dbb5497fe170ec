package dev.wharf.runtime.npm;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.ApiTokens;
import dev.wharf.runtime.auth.AuthenticationFailedException;
import dev.wharf.runtime.auth.Authenticator;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.ApiTokenRecord;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.web.LoginThrottle;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * npm's token endpoints on the core's API tokens: {@code npm logout} ({@code DELETE /-/user/token/<token>}) and
 * {@code npm token list|create|revoke} ({@code /-/npm/v1/tokens}). A token's npm key is the hash Wharf keeps of it;
 * the list shows the caller's tokens that reach this registry, and creating one needs the caller's password again.
 */
final class NpmTokens {

    /** The path variable of a token, or its key. */
    static final String TOKEN = "token";

    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_DAYS = 365;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final ApiTokenRepository tokens;
    private final AuditTrail audit;
    private final Clock clock;

    NpmTokens(
            Authenticator authenticator,
            LoginThrottle throttle,
            ApiTokenRepository tokens,
            AuditTrail audit,
            Clock clock) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code npm logout}: revokes the token in the URL, which must be the caller's. */
    Mono<ServerResponse> logout(ServerRequest request, ServedRegistry registry, Principal principal) {
        requireLoggedIn(registry, principal);
        String token = request.pathVariable(TOKEN);
        return revoke(registry, principal, ApiTokens.hash(token), "npm logout")
                .flatMap(revoked -> NpmResponses.json(HttpStatus.OK, Map.of("ok", true)));
    }

    /** {@code npm token list}: the caller's tokens that reach this registry, newest first. */
    Mono<ServerResponse> list(ServerRequest request, ServedRegistry registry, Principal principal) {
        requireLoggedIn(registry, principal);
        return tokens.hashes(principal.name())
                .flatMap(hashes -> tokens.list(principal.name())
                        .filter(token -> reaches(token, registry))
                        .flatMap(token ->
                                Mono.justOrEmpty(hashes.get(token.id())).map(hash -> listed(token, hash, registry)))
                        .collectList())
                .flatMap(objects -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("objects", objects);
                    body.put("total", objects.size());
                    body.put("urls", Map.of());
                    return NpmResponses.json(HttpStatus.OK, body);
                });
    }

    /** {@code npm token revoke}: by the key {@code npm token list} shows, or by the token itself. */
    Mono<ServerResponse> revoke(ServerRequest request, ServedRegistry registry, Principal principal) {
        requireLoggedIn(registry, principal);
        String named = request.pathVariable(TOKEN);
        String hash = KEY.matcher(named).matches() ? named : ApiTokens.hash(named);
        return revoke(registry, principal, hash, "npm token revoke")
                .flatMap(revoked -> ServerResponse.noContent().build());
    }

    private Mono<Boolean> revoke(ServedRegistry registry, Principal principal, String hash, String how) {
        return tokens.revokeByHash(hash, principal.name()).flatMap(revoked -> {
            if (!revoked) {
                return Mono.error(RequestRefusedException.notFound("user '" + principal.name()
                        + "' has no token with that key that is not revoked; npm token list shows the keys of yours"));
            }
            return audit.record(new AuditEvent(
                            0,
                            clock.instant(),
                            principal.toString(),
                            "token.revoke",
                            registry.name(),
                            null,
                            null,
                            how + ": token key " + hash.substring(0, 6) + "…"))
                    .thenReturn(true);
        });
    }

    /**
     * {@code npm token create}: a new token for this registry with the caller's role here ({@code read} when asked
     * read-only), after the caller's password is checked again.
     */
    Mono<ServerResponse> create(ServerRequest request, ServedRegistry registry, Principal principal) {
        requireLoggedIn(registry, principal);
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
            JsonNode document = document(body);
            String password = document.path("password").asString("");
            if (password.isEmpty()) {
                throw RequestRefusedException.badRequest("npm token create needs your password in the request");
            }
            JsonNode cidr = document.path("cidr_whitelist");
            if (cidr.isArray() && !cidr.isEmpty()) {
                throw RequestRefusedException.badRequest("Wharf tokens cannot be limited to addresses"
                        + " (cidr_whitelist); create the token without --cidr");
            }
            Duration lifetime = lifetime(document.path("expires"));
            boolean readonly = document.path("readonly").asBoolean(false);
            String name = document.path("name").asString("");
            String header = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((principal.name() + ":" + password).getBytes(StandardCharsets.UTF_8));
            Mono<Principal> check = authenticator
                    .authenticate(header, registry.access())
                    .onErrorMap(
                            AuthenticationFailedException.class,
                            e -> NpmUsers.unauthorized("the password is not that of user '" + principal.name() + "'"));
            return throttle.guard(request, header, check, RequestRefusedException.class::isInstance)
                    .flatMap(user -> issue(
                            registry, user, readonly ? Role.READ : NpmUsers.strongest(registry, user), name, lifetime));
        });
    }

    private Mono<ServerResponse> issue(
            ServedRegistry registry, Principal user, Role role, String name, Duration lifetime) {
        String token = ApiTokens.generate();
        String hash = ApiTokens.hash(token);
        Set<String> groups = user.groups().stream()
                .filter(group -> !group.equals(Principal.AUTHENTICATED_GROUP))
                .collect(Collectors.toUnmodifiableSet());
        String description = name.isBlank() ? "npm token create for registry " + registry.name() : name.strip();
        return tokens.create(
                        hash,
                        user.name(),
                        description,
                        groups,
                        Map.of(registry.name(), role),
                        clock.instant().plus(lifetime))
                .flatMap(record -> audit.record(new AuditEvent(
                                0,
                                clock.instant(),
                                user.toString(),
                                "token.create",
                                registry.name(),
                                null,
                                null,
                                "npm token create: token " + record.id() + " scopes " + registry.name() + "="
                                        + role.name().toLowerCase(Locale.ROOT)))
                        .thenReturn(record))
                .flatMap(record -> {
                    Map<String, @Nullable Object> body = new LinkedHashMap<>();
                    body.put("token", token);
                    body.put("key", hash);
                    body.put("name", record.description());
                    body.put("readonly", role == Role.READ);
                    body.put("cidr_whitelist", List.of());
                    body.put("created", record.createdAt().toString());
                    Instant expires = record.expiresAt();
                    body.put("expires", expires == null ? "" : expires.toString());
                    return NpmResponses.json(HttpStatus.OK, body);
                });
    }

    private static Map<String, @Nullable Object> listed(ApiTokenRecord token, String hash, ServedRegistry registry) {
        @Nullable Role role = token.scopes().containsKey(registry.name())
                ? token.scopes().get(registry.name())
                : token.scopes().get("*");
        Map<String, @Nullable Object> listed = new LinkedHashMap<>();
        // Only the hash is kept: npm shows the token as this prefix, followed by an ellipsis.
        listed.put("token", ApiTokens.PREFIX);
        listed.put("key", hash);
        listed.put("name", token.description());
        listed.put("readonly", role == Role.READ);
        listed.put("cidr_whitelist", null);
        listed.put("created", token.createdAt().toString());
        Instant used = token.lastUsedAt();
        listed.put("updated", (used == null ? token.createdAt() : used).toString());
        Instant expires = token.expiresAt();
        listed.put("expires", expires == null ? null : expires.toString());
        return listed;
    }

    private static boolean reaches(ApiTokenRecord token, ServedRegistry registry) {
        return token.scopes().containsKey(registry.name()) || token.scopes().containsKey("*");
    }

    private static Duration lifetime(JsonNode expires) {
        if (expires.isMissingNode() || expires.isNull()) {
            return NpmUsers.TOKEN_LIFETIME;
        }
        if (!expires.isIntegralNumber() || expires.asLong() < 1 || expires.asLong() > MAX_DAYS) {
            throw RequestRefusedException.badRequest(
                    "expires must be a number of days from 1 to " + MAX_DAYS + ", not " + expires);
        }
        return Duration.ofDays(expires.asLong());
    }

    private static JsonNode document(byte[] body) {
        if (body.length > MAX_BODY) {
            throw RequestRefusedException.badRequest("the token request is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = body.length == 0 ? null : PublishBody.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw RequestRefusedException.badRequest("the token request is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw RequestRefusedException.badRequest("the token request is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void requireLoggedIn(ServedRegistry registry, Principal principal) {
        if (principal.isAnonymous()) {
            throw NpmUsers.unauthorized("you are not logged in to registry '" + registry.name()
                    + "'; run npm login --registry <this registry's URL>");
        }
    }
}
