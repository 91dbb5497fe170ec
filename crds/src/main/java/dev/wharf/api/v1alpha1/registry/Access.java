package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Who may use a registry: identity sources and role bindings. Nobody may write anonymously. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Access(
        @JsonPropertyDescription(
                "Whether clients without credentials may read (pull, download, search). Unset means false.")
        @Nullable Boolean anonymousRead,

        @Size(max = Patterns.SECRET_NAME_MAX) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription(
                "Secret in this namespace holding local users: key 'users' with one 'name:bcrypt-hash' per line"
                        + " (htpasswd -B format), and optionally key 'groups' with one 'name:group1,group2' per"
                        + " line. The Secret is mounted, never copied.")
        @Nullable String usersSecret,

        @JsonPropertyDescription("Accept OpenID Connect bearer tokens from this issuer.") @Nullable Oidc oidc,

        @JsonPropertyDescription(
                "Accept Kubernetes ServiceAccount tokens, checked with a TokenReview; the subject is then"
                        + " 'namespace/name'. Unset means false.")
        @Nullable Boolean serviceAccountTokens,

        @Size(max = 64) @JsonPropertyDescription(
                "Role bindings: each gives its subjects a role in this registry. A subject bound several times"
                        + " gets the highest role.")
        @Nullable List<AccessRule> rules) {}
