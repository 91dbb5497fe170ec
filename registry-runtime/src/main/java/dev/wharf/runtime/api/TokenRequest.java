package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.common.Patterns;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/tokens}.
 *
 * @param description what the token is for; up to {@value #MAX_DESCRIPTION} characters
 * @param expiresInDays how long it works, 1 to {@value #MAX_DAYS} days; {@value #DEFAULT_DAYS} when absent
 * @param scopes the most it may do per registry name, such as {@code {"files": "write"}}; {@code *} for every
 *     registry
 */
record TokenRequest(
        @Nullable String description,
        @Nullable Integer expiresInDays,
        @Nullable Map<String, String> scopes) {

    static final String EXAMPLE =
            "{\"description\": \"CI uploads\", \"expiresInDays\": 90, \"scopes\": {\"files\": \"write\"}}";
    static final String EVERY_REGISTRY = "*";
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 365;
    static final int MAX_DESCRIPTION = 200;
    static final int MAX_SCOPES = 64;

    private static final Pattern REGISTRY_NAME = Pattern.compile(Patterns.RESOURCE_NAME);

    /** A request checked: what to issue. */
    record Grant(String description, int expiresInDays, Map<String, Role> scopes) {}

    /** The grant asked for; a 400 saying what is wrong otherwise. Whether the caller may grant it is checked apart. */
    Grant validate() {
        String text = description == null ? "" : description.strip();
        if (text.length() > MAX_DESCRIPTION) {
            throw RequestRefusedException.badRequest("the description has " + text.length() + " characters; at most "
                    + MAX_DESCRIPTION + " are allowed");
        }
        int days = expiresInDays == null ? DEFAULT_DAYS : expiresInDays;
        if (days < 1 || days > MAX_DAYS) {
            throw RequestRefusedException.badRequest(
                    "expiresInDays is " + days + "; it must be from 1 to " + MAX_DAYS + " (days)");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw RequestRefusedException.badRequest(
                    "the token needs at least one scope, a registry name and a role; send such as " + EXAMPLE);
        }
        if (scopes.size() > MAX_SCOPES) {
            throw RequestRefusedException.badRequest(
                    "the token has " + scopes.size() + " scopes; at most " + MAX_SCOPES + " are allowed");
        }
        Map<String, Role> roles = new LinkedHashMap<>();
        new TreeMap<>(scopes).forEach((registry, role) -> roles.put(registry(registry), role(registry, role)));
        return new Grant(text, days, roles);
    }

    private static String registry(String name) {
        if (!name.equals(EVERY_REGISTRY)
                && (name.length() > Patterns.RESOURCE_NAME_MAX
                        || !REGISTRY_NAME.matcher(name).matches())) {
            throw RequestRefusedException.badRequest("the scope '" + Echo.printable(name)
                    + "' is not a registry name; use a registry's name, or * for every registry");
        }
        return name;
    }

    private static Role role(String registry, @Nullable String role) {
        String names = Arrays.stream(Role.values()).map(TokenRequest::name).collect(Collectors.joining(", "));
        return Arrays.stream(Role.values())
                .filter(candidate -> name(candidate).equals(role))
                .findFirst()
                .orElseThrow(() -> RequestRefusedException.badRequest("the role of scope '" + registry + "' is '"
                        + Echo.printable(String.valueOf(role)) + "'; it must be one of " + names));
    }

    /** A role as the API writes it: {@code read}, {@code write}, {@code delete}, {@code admin}. */
    static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
