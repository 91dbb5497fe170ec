package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where a firewall applies, how strictly, and its rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.rules.all(r, self.rules.exists_one(s, s.name == r.name))",
        message = "every rule in spec.rules needs a different name, so decisions can say which rule made them")
@ValidationRule(
        value = "!self.rules.exists(r, has(r.vulnerabilities)) || has(self.advisories)",
        message = "a vulnerabilities rule needs spec.advisories: without advisory data it could never decide")
public record FirewallPolicySpec(
        @Required @JsonPropertyDescription("The UpstreamProxies and Registries the policy applies to.")
        Targets targets,

        @Required
        @JsonPropertyDescription(
                "enforce blocks what a block rule matches (hidden from metadata, refused on download); warn"
                        + " serves it and flags it; audit only records the decision.")
        FirewallMode mode,

        @JsonPropertyDescription(
                "What to do when a rule cannot decide (no publish time, no advisory data): closed treats it as"
                        + " matched, open as not matched. Unset means closed.")
        @Nullable FailMode failMode,

        @Required @Size(min = 1, max = 64) @JsonPropertyDescription("The rules, each with one condition and an action.")
        List<FirewallRule> rules,

        @JsonPropertyDescription("Where vulnerability advisories come from and how often they are refreshed.") @Nullable Advisories advisories,

        @Size(max = 256) @JsonPropertyDescription("Versions let through whatever the rules say, each with a reason and an expiry.")
        @Nullable List<Exemption> exemptions) {}
