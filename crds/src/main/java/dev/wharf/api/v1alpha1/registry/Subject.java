package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import org.jspecify.annotations.Nullable;

/** One identity a role is granted to: a user, a group or a ServiceAccount. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.user) ? 1 : 0) + (has(self.group) ? 1 : 0) + (has(self.serviceAccount) ? 1 : 0) == 1",
        message = "a subject names exactly one of user, group or serviceAccount; use several subjects for several")
public record Subject(
        @Size(min = 1, max = 256) @Pattern("^\\S+$") @JsonPropertyDescription("A user name: from the users Secret, an issued token's owner or an OIDC subject.")
        @Nullable String user,

        @Size(min = 1, max = 256) @Pattern("^\\S+$") @JsonPropertyDescription("A group name: from the users Secret's groups or the OIDC groups claim. The group"
                + " 'wharf:authenticated' holds everyone who presented valid credentials.")
        @Nullable String group,

        @Size(min = 3, max = 317) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$") @JsonPropertyDescription("A Kubernetes ServiceAccount as 'namespace/name'; needs access.serviceAccountTokens.")
        @Nullable String serviceAccount) {}
