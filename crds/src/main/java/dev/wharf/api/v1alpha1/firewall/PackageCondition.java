package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Matches versions by package URL. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackageCondition(
        @Required
        @Size(min = 1, max = 1024) @JsonPropertyDescription("Anchored globs over package URLs that match, such as 'pkg:npm/event-stream@3.3.6' or"
                + " 'pkg:pypi/requests@*'.")
        List<@Size(max = Patterns.GLOB_MAX) @Pattern("^pkg:[a-z][a-z0-9.+-]*/\\S+$") String> deny) {}
