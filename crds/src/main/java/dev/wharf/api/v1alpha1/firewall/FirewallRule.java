package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import org.jspecify.annotations.Nullable;

/** One firewall rule: a name, exactly one condition, and the action taken on a match. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "(has(self.minimumAge) ? 1 : 0) + (has(self.vulnerabilities) ? 1 : 0) + (has(self.licenses) ? 1 : 0)"
                + " + (has(self.packages) ? 1 : 0) + (has(self.expression) ? 1 : 0) == 1",
        message = "a firewall rule has exactly one condition: minimumAge, vulnerabilities, licenses, packages or"
                + " expression; write several rules for several conditions")
public record FirewallRule(
        @Required
        @Size(max = Patterns.RESOURCE_NAME_MAX) @Pattern(Patterns.RESOURCE_NAME) @JsonPropertyDescription("The rule's name, recorded with every decision it makes.")
        String name,

        @Required @JsonPropertyDescription("block or warn, when the condition matches.")
        RuleAction action,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription(
                "Matches versions published less than this long ago, such as 72h: a cooldown that lets the"
                        + " community find a compromised release first. A version without a publish time matches"
                        + " when failMode is closed.")
        @Nullable String minimumAge,

        @JsonPropertyDescription("Matches versions with known vulnerabilities at or above a severity.") @Nullable VulnerabilityCondition vulnerabilities,

        @JsonPropertyDescription("Matches versions by their declared licenses (SPDX identifiers).") @Nullable LicenseCondition licenses,

        @JsonPropertyDescription("Matches versions by package URL globs.") @Nullable PackageCondition packages,

        @Size(min = 1, max = Patterns.MESSAGE_MAX) @JsonPropertyDescription(
                "A CEL expression over 'package' (name, ecosystem, purl) and 'version' (number, prerelease,"
                        + " published, licenses) that matches when true. Type-checked when the policy is loaded.")
        @Nullable String expression) {}
