package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * One operation a format serves: the requests it answers, who may call it, and its handler. An operation on a
 * registry names the role it needs, and the core authorizes every call before the handler runs ({@link FormatRouter});
 * the few that belong to no registry (a protocol's ping, its token endpoint) say who may call them and how they check.
 */
public final class FormatOperation {

    /** Answers a request the core has authorized. */
    @FunctionalInterface
    public interface RegistryHandler {

        /** The response to {@code request} on {@code registry}, by {@code principal}, who has the operation's role. */
        Mono<ServerResponse> handle(ServerRequest request, ServedRegistry registry, Principal principal);
    }

    private final String name;
    private final HttpMethod method;
    private final String example;
    private final RequestPredicate matches;
    private final @Nullable Role role;
    private final @Nullable String unscopedAccess;
    private final @Nullable Function<ServerRequest, String> registryName;
    private final @Nullable RegistryHandler registryHandler;
    private final @Nullable HandlerFunction<ServerResponse> unscopedHandler;

    private FormatOperation(
            String name,
            HttpMethod method,
            String example,
            RequestPredicate matches,
            @Nullable Role role,
            @Nullable String unscopedAccess,
            @Nullable Function<ServerRequest, String> registryName,
            @Nullable RegistryHandler registryHandler,
            @Nullable HandlerFunction<ServerResponse> unscopedHandler) {
        this.name = name;
        this.method = method;
        this.example = example;
        this.matches = matches;
        this.role = role;
        this.unscopedAccess = unscopedAccess;
        this.registryName = registryName;
        this.registryHandler = registryHandler;
        this.unscopedHandler = unscopedHandler;
    }

    /**
     * An operation on the registry {@code registryName} reads from the request, open to callers with {@code role}
     * there.
     *
     * @param name what it does, such as {@code manifest.get}
     * @param method the HTTP method it answers
     * @param example a URL it answers, {@code {registry}} standing for the registry's name: what the route inventory
     *     calls, and the documentation shows
     * @param matches the requests it answers, besides the method
     */
    public static FormatOperation onRegistry(
            String name,
            HttpMethod method,
            String example,
            RequestPredicate matches,
            Role role,
            Function<ServerRequest, String> registryName,
            RegistryHandler handler) {
        return new FormatOperation(name, method, example, matches, role, null, registryName, handler, null);
    }

    /**
     * An operation on no registry, which checks its callers itself as {@code access} says (such as "anyone: it
     * authenticates the credentials it is sent"); the other parameters as {@link #onRegistry} has them.
     */
    public static FormatOperation unscoped(
            String name,
            HttpMethod method,
            String example,
            RequestPredicate matches,
            String access,
            HandlerFunction<ServerResponse> handler) {
        return new FormatOperation(name, method, example, matches, null, access, null, null, handler);
    }

    /** What it does, such as {@code manifest.get}. */
    public String name() {
        return name;
    }

    /** The HTTP method it answers. */
    public HttpMethod method() {
        return method;
    }

    /** A URL it answers, {@code {registry}} standing for the registry's name. */
    public String example() {
        return example;
    }

    /** The role it needs in the registry; empty for an operation on no registry. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    /** For an operation on no registry, who may call it and how it checks; empty otherwise. */
    public Optional<String> unscopedAccess() {
        return Optional.ofNullable(unscopedAccess);
    }

    RequestPredicate matches() {
        return matches;
    }

    String registryOf(ServerRequest request) {
        return Objects.requireNonNull(registryName).apply(request);
    }

    RegistryHandler registryHandler() {
        return Objects.requireNonNull(registryHandler);
    }

    HandlerFunction<ServerResponse> unscopedHandler() {
        return Objects.requireNonNull(unscopedHandler);
    }

    @Override
    public String toString() {
        return method + " " + example + " (" + name + ", "
                + (role == null ? unscopedAccess : "needs " + role.name().toLowerCase(Locale.ROOT)) + ")";
    }
}
