package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** Versions let through whatever the rules say, with the reason recorded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Exemption(
        @Required
        @Size(max = Patterns.GLOB_MAX) @Pattern("^pkg:[a-z][a-z0-9.+-]*/\\S+$") @JsonPropertyDescription("Anchored glob over package URLs, such as 'pkg:npm/lodash@4.17.20'.")
        String purl,

        @Required
        @Size(min = 1, max = Patterns.TEXT_MAX) @JsonPropertyDescription("Why the exemption exists, recorded with every decision it makes.")
        String reason,

        @Size(max = 10) @Pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$") @JsonPropertyDescription("Last day the exemption applies, as YYYY-MM-DD (UTC). Unset means no expiry.")
        @Nullable String until) {}
