package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a firewall guards: versions arriving through these UpstreamProxies, or into these Registries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.upstreamProxies) && size(self.upstreamProxies) > 0)"
                + " || (has(self.registries) && size(self.registries) > 0)",
        message = "spec.targets needs at least one UpstreamProxy or Registry name; an empty target guards nothing")
public record Targets(
        @Size(max = 64) @JsonPropertyDescription("UpstreamProxies in this namespace whose versions the policy checks.")
        @Nullable List<@Size(max = Patterns.RESOURCE_NAME_MAX) @Pattern(Patterns.RESOURCE_NAME) String> upstreamProxies,

        @Size(max = 64) @JsonPropertyDescription(
                "Registries in this namespace whose proxied versions the policy checks, through whichever"
                        + " upstream they come.")
        @Nullable List<@Size(max = Patterns.RESOURCE_NAME_MAX) @Pattern(Patterns.RESOURCE_NAME) String> registries) {}
