package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.registry.Role;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code scope} of a token request, {@code repository:<registry>/<name>:<actions>}, such as
 * {@code repository:images/team/app:pull,push}.
 *
 * @param registry the registry, the first component of the repository
 * @param name the repository within it
 * @param actions the actions asked for: {@code pull}, {@code push}, {@code delete} or {@code *}
 */
record TokenScope(String registry, String name, Set<String> actions) {

    TokenScope {
        actions = Set.copyOf(actions);
    }

    /** The scopes of the request's {@code scope} parameters (each may hold several, separated by spaces). */
    static List<TokenScope> parse(List<String> parameters) {
        List<TokenScope> scopes = new ArrayList<>();
        for (String parameter : parameters) {
            for (String scope : parameter.trim().split(" +", -1)) {
                if (!scope.isEmpty()) {
                    scopes.add(parseOne(scope));
                }
            }
        }
        return scopes;
    }

    private static TokenScope parseOne(String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || last == first || !scope.substring(0, first).equals("repository")) {
            throw new OciException(
                    OciError.UNSUPPORTED,
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "the scope '" + OciNames.printable(scope)
                            + "' is not of the form repository:<registry>/<name>:<pull,push,delete>",
                    null);
        }
        String repository = scope.substring(first + 1, last);
        int slash = repository.indexOf('/');
        Set<String> actions =
                new LinkedHashSet<>(List.of(scope.substring(last + 1).split(",", -1)));
        actions.remove("");
        return new TokenScope(
                slash < 0 ? repository : repository.substring(0, slash),
                slash < 0 ? "" : repository.substring(slash + 1),
                actions);
    }

    /** The role an action needs. */
    static Role role(String action) {
        return switch (action) {
            case "pull" -> Role.READ;
            case "push" -> Role.WRITE;
            case "delete" -> Role.DELETE;
            default -> Role.ADMIN;
        };
    }

    /** The actions a role allows. */
    static List<String> actions(Role role) {
        List<String> actions = new ArrayList<>();
        if (role.includes(Role.READ)) {
            actions.add("pull");
        }
        if (role.includes(Role.WRITE)) {
            actions.add("push");
        }
        if (role.includes(Role.DELETE)) {
            actions.add("delete");
        }
        if (role.includes(Role.ADMIN)) {
            actions.add("*");
        }
        return actions;
    }

    /** The scope as the challenge and the token response write it. */
    static String format(String repository, List<String> actions) {
        return "repository:" + repository + ":" + String.join(",", actions);
    }
}
