package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** Where vulnerability advisories come from, and how often they are fetched again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Advisories(
        @Required @JsonPropertyDescription("The advisory source.")
        Source source,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription("How often to fetch the advisories again, such as 6h. Unset means 6h.")
        @Nullable String refresh) {

    /** An advisory database in OSV format. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            @Required
            @Size(max = Patterns.URL_MAX) @Pattern(Patterns.HTTP_URL) @JsonPropertyDescription(
                    "URL of an OSV archive (a zip of OSV JSON documents), such as an ecosystem's all.zip.")
            String url,

            @Size(max = Patterns.SECRET_NAME_MAX) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription("Secret with 'username'/'password' or 'token' for the source, if it needs any.")
            @Nullable String credentialsSecret) {}
}
