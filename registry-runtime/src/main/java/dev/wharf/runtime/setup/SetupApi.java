package dev.wharf.runtime.setup;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Expose;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/registries/{registry}/setup}: the login, push and pull commands and the client configuration of
 * one registry, for a reader of it. With {@code ?token=new} the answer carries a new API token scoped to the registry
 * with the caller's role, filled into every command; it is shown this once and never cached.
 */
public final class SetupApi {

    /** The query parameter that asks for a token, and the one value it takes. */
    static final String TOKEN_PARAMETER = "token";

    static final String NEW_TOKEN = "new";

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final SetupTokens tokens;
    private final Map<Format, FormatSetup> formats;

    SetupApi(ServedRegistries registries, AccessGuard guard, SetupTokens tokens, List<FormatSetup> formats) {
        this.registries = registries;
        this.guard = guard;
        this.tokens = tokens;
        this.formats = formats.stream().collect(Collectors.toUnmodifiableMap(FormatSetup::format, Function.identity()));
    }

    /** The setup of the registry the path names. */
    public Mono<ServerResponse> setup(ServerRequest request) {
        ServedRegistry registry = registries.require(request.pathVariable("registry"));
        boolean mint = mintsToken(request);
        Mono<Principal> caller = mint
                ? guard.requireAuthenticated(request, List.of(registry))
                        .flatMap(principal -> guard.authorize(request, registry, principal, Role.READ))
                : guard.require(request, registry, Role.READ);
        return caller.flatMap(principal -> {
            FormatSetup format = formats.get(registry.format());
            if (format == null) {
                return Mono.error(RequestRefusedException.conflict("registry '" + registry.name() + "' is of format "
                        + registry.format().id() + ", which this runtime does not serve yet, so it has no client"
                        + " setup; GET /api/v1/registries lists the registries and their formats"));
            }
            URI base = base(request, registry);
            if (!mint) {
                SetupContext context =
                        new SetupContext(registry.name(), base, SetupContext.USERNAME, SetupContext.SECRET);
                return answer(SetupView.of(registry, format.setup(context), null), false);
            }
            return tokens.mint(principal, registry).flatMap(minted -> {
                SetupContext context = new SetupContext(registry.name(), base, principal.name(), minted.token());
                return answer(SetupView.of(registry, format.setup(context), minted), true);
            });
        });
    }

    private static boolean mintsToken(ServerRequest request) {
        Optional<String> token = request.queryParam(TOKEN_PARAMETER);
        if (token.isEmpty()) {
            return false;
        }
        if (!token.get().equals(NEW_TOKEN)) {
            throw RequestRefusedException.badRequest("the token parameter takes only 'new' (?token=new mints a token"
                    + " for this registry); leave it out for commands with placeholders");
        }
        return true;
    }

    /** The Registry's external URL when it is exposed, else the scheme and host the caller reached. */
    static URI base(ServerRequest request, ServedRegistry registry) {
        Expose expose = registry.configured().spec().expose();
        if (expose != null) {
            return URI.create((expose.tls() == null ? "http" : "https") + "://" + expose.host());
        }
        URI uri = request.uri();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static Mono<ServerResponse> answer(SetupView view, boolean secret) {
        ServerResponse.BodyBuilder response =
                ServerResponse.status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON);
        if (secret) {
            response.cacheControl(CacheControl.noStore());
        }
        return response.bodyValue(view);
    }
}
