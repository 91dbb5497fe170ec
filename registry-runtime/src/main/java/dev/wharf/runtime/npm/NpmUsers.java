package dev.wharf.runtime.npm;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.ApiTokens;
import dev.wharf.runtime.auth.AuthenticationFailedException;
import dev.wharf.runtime.auth.Authenticator;
import dev.wharf.runtime.auth.Authorizer;
import dev.wharf.runtime.auth.Decision;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.web.LoginThrottle;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The npm user endpoints: {@code npm login}/{@code adduser} ({@code PUT /-/user/org.couchdb.user:<name>} with the
 * name and password in the body), answered with a Wharf API token scoped to this registry with the user's role there;
 * {@code npm whoami}; and {@code npm ping}. Users are the registry's users Secret: login never creates one.
 */
final class NpmUsers {

    /** The path variable of the CouchDB user id. */
    static final String USER = "user";

    /** How long a token from {@code npm login} works. */
    static final Duration TOKEN_LIFETIME = Duration.ofDays(90);

    private static final String COUCHDB_USER = "org.couchdb.user:";
    private static final int MAX_BODY = 16 * 1024;
    private static final List<Role> STRONGEST_FIRST = List.of(Role.ADMIN, Role.DELETE, Role.WRITE, Role.READ);

    private final ServedRegistries registries;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final ApiTokenRepository tokens;
    private final AuditTrail audit;
    private final Clock clock;

    NpmUsers(
            ServedRegistries registries,
            Authenticator authenticator,
            LoginThrottle throttle,
            ApiTokenRepository tokens,
            AuditTrail audit,
            Clock clock) {
        this.registries = registries;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code npm login}: checks the name and password of the body, answers a new token for this registry. */
    Mono<ServerResponse> login(ServerRequest request) {
        ServedRegistry registry = registries.require(NpmName.registry(request), Format.NPM);
        String id = request.pathVariable(USER);
        if (!id.startsWith(COUCHDB_USER) || id.length() == COUCHDB_USER.length()) {
            throw RequestRefusedException.badRequest("log in at /-/user/org.couchdb.user:<name>, as npm login does");
        }
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap(body -> {
            JsonNode document = credentials(body);
            String name = document.path("name").asString("");
            String password = document.path("password").asString("");
            if (name.isEmpty() || password.isEmpty()) {
                throw RequestRefusedException.badRequest("the login needs a name and a password");
            }
            if (!name.equals(id.substring(COUCHDB_USER.length()))) {
                throw RequestRefusedException.badRequest("the body names user '" + NpmName.printable(name)
                        + "' but the URL '" + NpmName.printable(id) + "'");
            }
            String header = "Basic "
                    + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
            Mono<Principal> check = authenticator
                    .authenticate(header, registry.access())
                    .onErrorMap(
                            AuthenticationFailedException.class,
                            e -> unauthorized("npm login failed: " + e.getMessage()));
            return throttle.guard(request, header, check, RequestRefusedException.class::isInstance)
                    .flatMap(principal -> {
                        if (principal.kind() != Principal.Kind.USER) {
                            return Mono.error(unauthorized(
                                    "log in with your user name and password; an API token is used as it is"));
                        }
                        Role role = strongest(registry, principal);
                        return issue(registry, principal, role);
                    });
        });
    }

    private static JsonNode credentials(byte[] body) {
        if (body.length > MAX_BODY) {
            throw RequestRefusedException.badRequest("the login document is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = PublishBody.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw RequestRefusedException.badRequest("the login document is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw RequestRefusedException.badRequest("the login document is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static Role strongest(ServedRegistry registry, Principal principal) {
        for (Role role : STRONGEST_FIRST) {
            if (Authorizer.decide(registry.access().policy(), registry.name(), principal, role) == Decision.ALLOW) {
                return role;
            }
        }
        throw new RequestRefusedException(
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "user '" + principal.name() + "' has no role in registry '" + registry.name() + "'; ask its admin for"
                        + " one");
    }

    private Mono<ServerResponse> issue(ServedRegistry registry, Principal principal, Role role) {
        String token = ApiTokens.generate();
        Set<String> groups = principal.groups().stream()
                .filter(group -> !group.equals(Principal.AUTHENTICATED_GROUP))
                .collect(Collectors.toUnmodifiableSet());
        return tokens.create(
                        ApiTokens.hash(token),
                        principal.name(),
                        "npm login to registry " + registry.name(),
                        groups,
                        Map.of(registry.name(), role),
                        clock.instant().plus(TOKEN_LIFETIME))
                .flatMap(record -> audit.record(new AuditEvent(
                                0,
                                clock.instant(),
                                principal.toString(),
                                "token.create",
                                registry.name(),
                                null,
                                null,
                                "npm login: token " + record.id() + " scopes " + registry.name() + "="
                                        + role.name().toLowerCase(java.util.Locale.ROOT)))
                        .thenReturn(record))
                .flatMap(record -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("ok", true);
                    body.put("id", COUCHDB_USER + principal.name());
                    body.put("rev", "1-" + record.id());
                    body.put("token", token);
                    return NpmResponses.json(HttpStatus.CREATED, body);
                });
    }

    /** {@code npm whoami}: the caller's name; 401 for anonymous callers. */
    Mono<ServerResponse> whoami(ServerRequest request, ServedRegistry registry, Principal principal) {
        if (principal.isAnonymous()) {
            return Mono.error(unauthorized("you are not logged in to registry '" + registry.name()
                    + "'; run npm login --registry <this registry's URL>"));
        }
        return NpmResponses.json(HttpStatus.OK, Map.of("username", principal.name()));
    }

    static RequestRefusedException unauthorized(String message) {
        return new RequestRefusedException(HttpStatus.UNAUTHORIZED, "Unauthorized", message);
    }

    /** {@code npm ping}. */
    Mono<ServerResponse> ping(ServerRequest request, ServedRegistry registry, Principal principal) {
        return NpmResponses.json(HttpStatus.OK, Map.of());
    }
}
