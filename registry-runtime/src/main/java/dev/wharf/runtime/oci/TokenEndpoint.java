package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.AuthenticationFailedException;
import dev.wharf.runtime.auth.Authenticator;
import dev.wharf.runtime.auth.Authorizer;
import dev.wharf.runtime.auth.Decision;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.web.LoginThrottle;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /v2/token}, the token endpoint of Docker's token authentication: {@code GET} with Basic credentials (a user or
 * an API token) or none, or {@code POST} of a form with {@code grant_type=password} or {@code refresh_token}. For each
 * requested scope ({@code repository:<registry>/<name>:pull,push}) the caller's credentials are checked against that
 * registry's users and tokens and the core authorization decides which actions to grant; the token allows those only.
 * Bad credentials are a 401, never a token for anonymous.
 */
final class TokenEndpoint {

    /** The service name the challenge and the token endpoint use. */
    static final String SERVICE = "wharf";

    private final ServedRegistries registries;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final RegistryTokens tokens;
    private final Clock clock;

    TokenEndpoint(
            ServedRegistries registries,
            Authenticator authenticator,
            LoginThrottle throttle,
            RegistryTokens tokens,
            Clock clock) {
        this.registries = registries;
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.tokens = tokens;
        this.clock = clock;
    }

    Mono<ServerResponse> get(ServerRequest request) {
        List<TokenScope> scopes = TokenScope.parse(request.queryParams().getOrDefault("scope", List.of()));
        boolean offline =
                request.queryParam("offline_token").filter("true"::equals).isPresent();
        return grant(request, request.headers().firstHeader(HttpHeaders.AUTHORIZATION), scopes, offline);
    }

    Mono<ServerResponse> post(ServerRequest request) {
        return request.body(BodyExtractors.toFormData()).flatMap(form -> {
            List<TokenScope> scopes = TokenScope.parse(form.getOrDefault("scope", List.of()));
            String grantType = first(form, "grant_type");
            if ("refresh_token".equals(grantType)) {
                String refresh = first(form, "refresh_token");
                if (refresh == null) {
                    return Mono.error(unauthorized("the refresh_token grant needs a refresh_token"));
                }
                RegistryTokens.Refreshed refreshed = tokens.refresh(refresh);
                return respond(refreshed.principal(), access(refreshed, scopes), refresh);
            }
            if ("password".equals(grantType)) {
                String user = first(form, "username");
                String password = first(form, "password");
                if (user == null || password == null) {
                    return Mono.error(unauthorized("the password grant needs a username and a password"));
                }
                String basic = "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
                return grant(request, basic, scopes, true);
            }
            return Mono.error(new OciException(
                    OciError.UNSUPPORTED,
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "grant_type must be password or refresh_token",
                    null));
        });
    }

    /** Authenticates the header against each registry concerned, and issues the token. */
    private Mono<ServerResponse> grant(
            ServerRequest request, @Nullable String header, List<TokenScope> scopes, boolean offline) {
        List<ServedRegistry> concerned = concerned(scopes);
        if (header == null) {
            return respond(Principal.ANONYMOUS, access(Map.of(), scopes), null);
        }
        Map<String, Principal> verified = new LinkedHashMap<>();
        Mono<Map<String, Principal>> check = Flux.fromIterable(concerned)
                .concatMap(registry -> authenticator
                        .authenticate(header, registry.access())
                        .filter(principal -> !principal.isAnonymous())
                        .doOnNext(principal -> verified.put(registry.name(), principal))
                        .onErrorResume(AuthenticationFailedException.class, e -> Mono.empty()))
                .then(Mono.defer(() -> verified.isEmpty()
                        ? Mono.error(unauthorized(
                                "unknown user, wrong password, or unknown or expired API token for the registries"
                                        + " asked for"))
                        : Mono.just(verified)));
        return throttle.guard(request, header, check, OciException.class::isInstance)
                .flatMap(accepted -> {
                    Principal principal = accepted.values().iterator().next();
                    String refresh = offline ? tokens.issueRefresh(principal, accepted.keySet()) : null;
                    return respond(principal, access(accepted, scopes), refresh);
                });
    }

    /** The registries the scopes name, or every docker registry when they name none (a login). */
    private List<ServedRegistry> concerned(List<TokenScope> scopes) {
        List<ServedRegistry> docker = registries.serving().stream()
                .filter(registry -> registry.format() == Format.DOCKER)
                .toList();
        if (scopes.isEmpty()) {
            return docker;
        }
        Set<String> named = new LinkedHashSet<>();
        scopes.forEach(scope -> named.add(scope.registry()));
        return docker.stream()
                .filter(registry -> named.contains(registry.name()))
                .toList();
    }

    private Map<String, Role> access(RegistryTokens.Refreshed refreshed, List<TokenScope> scopes) {
        Map<String, Principal> verified = new LinkedHashMap<>();
        refreshed.verifiedIn().forEach(name -> verified.put(name, refreshed.principal()));
        return access(verified, scopes);
    }

    /**
     * For each scope's registry, the most of what the scope asks for that the registry allows the principal verified
     * there (anonymous where none was).
     */
    private Map<String, Role> access(Map<String, Principal> verified, List<TokenScope> scopes) {
        Map<String, Role> access = new LinkedHashMap<>();
        for (TokenScope scope : scopes) {
            Optional<ServedRegistry> registry = registries.serving().stream()
                    .filter(served -> served.name().equals(scope.registry()) && served.format() == Format.DOCKER)
                    .findFirst();
            if (registry.isEmpty()) {
                continue;
            }
            Principal principal = verified.getOrDefault(scope.registry(), Principal.ANONYMOUS);
            Role requested = scope.actions().stream()
                    .map(TokenScope::role)
                    .max(Comparator.naturalOrder())
                    .orElse(null);
            Role best = null;
            for (Role role : Role.values()) {
                if (requested != null
                        && requested.includes(role)
                        && Authorizer.decide(registry.get().access().policy(), scope.registry(), principal, role)
                                == Decision.ALLOW) {
                    best = role;
                }
            }
            if (best != null) {
                access.merge(scope.registry(), best, (a, b) -> a.includes(b) ? a : b);
            }
        }
        return access;
    }

    private Mono<ServerResponse> respond(Principal principal, Map<String, Role> access, @Nullable String refresh) {
        String token = tokens.issue(principal, access);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", RegistryTokens.ACCESS_LIFETIME.toSeconds());
        body.put("issued_at", clock.instant().toString());
        if (refresh != null) {
            body.put("refresh_token", refresh);
        }
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(body);
    }

    private static @Nullable String first(MultiValueMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value == null || value.isEmpty() ? null : value;
    }

    private static OciException unauthorized(String message) {
        return new OciException(OciError.UNAUTHORIZED, message);
    }
}
