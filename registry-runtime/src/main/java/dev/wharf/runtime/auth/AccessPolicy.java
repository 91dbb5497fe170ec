package dev.wharf.runtime.auth;

import dev.wharf.api.v1alpha1.registry.Access;
import dev.wharf.api.v1alpha1.registry.AccessRule;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.api.v1alpha1.registry.Subject;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The roles a Registry's {@code spec.access} grants, and whether anonymous callers may read. */
public final class AccessPolicy {

    private final boolean anonymousRead;
    private final List<AccessRule> rules;

    private AccessPolicy(boolean anonymousRead, List<AccessRule> rules) {
        this.anonymousRead = anonymousRead;
        this.rules = List.copyOf(rules);
    }

    /** The policy of a registry; no access spec means nobody but explicit admins, and no anonymous read. */
    public static AccessPolicy of(@Nullable Access access) {
        if (access == null) {
            return new AccessPolicy(false, List.of());
        }
        return new AccessPolicy(
                Boolean.TRUE.equals(access.anonymousRead()), access.rules() == null ? List.of() : access.rules());
    }

    public boolean anonymousRead() {
        return anonymousRead;
    }

    /** The highest role any rule grants the principal; empty when none does. Anonymous callers get no role. */
    public Optional<Role> roleOf(Principal principal) {
        if (principal.isAnonymous()) {
            return Optional.empty();
        }
        Role best = null;
        for (AccessRule rule : rules) {
            if (rule.subjects().stream().anyMatch(subject -> matches(subject, principal))
                    && (best == null || rule.role().includes(best))) {
                best = rule.role();
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean matches(Subject subject, Principal principal) {
        if (subject.user() != null) {
            return subject.user().equals(principal.name());
        }
        if (subject.group() != null) {
            return principal.groups().contains(subject.group());
        }
        return subject.serviceAccount() != null && subject.serviceAccount().equals(principal.name());
    }
}
