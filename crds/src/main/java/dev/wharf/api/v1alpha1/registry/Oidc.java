package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** An OpenID Connect issuer whose bearer tokens the registry accepts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Oidc(
        @Required
        @Size(max = Patterns.URL_MAX) @Pattern(Patterns.HTTPS_URL) @JsonPropertyDescription("The issuer URL; its discovery document gives the signing keys. Must be https.")
        String issuerURL,

        @Required
        @Size(min = 1, max = 256) @JsonPropertyDescription("The audience ('aud' claim) a token must carry to be accepted here.")
        String audience,

        @Size(min = 1, max = 128) @JsonPropertyDescription("The claim holding the user name. Unset means 'sub'.")
        @Nullable String usernameClaim,

        @Size(min = 1, max = 128) @JsonPropertyDescription("The claim holding the user's groups. Unset means no groups are read.")
        @Nullable String groupsClaim) {}
