package dev.wharf.api.v1alpha1.cleanup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.LabelSelector;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which registries a cleanup applies to, its schedule, its mode and its rules. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.registries) != has(self.registrySelector)",
        message = "a CleanupPolicy names its Registries either in spec.registries or with spec.registrySelector:"
                + " set exactly one")
@ValidationRule(
        value = "!has(self.mode) || self.mode != 'ApplyApproved' || has(self.approvedPlan)",
        message = "mode ApplyApproved needs spec.approvedPlan: copy status.plan.hash there once you have reviewed the"
                + " plan")
@ValidationRule(
        value = "self.rules.all(r, self.rules.exists_one(s, s.name == r.name))",
        message = "every rule in spec.rules needs a different name")
public record CleanupPolicySpec(
        @Size(min = 1, max = 64) @JsonPropertyDescription("Names of the Registries in this namespace to clean.")
        @Nullable List<@Size(max = Patterns.RESOURCE_NAME_MAX) @Pattern(Patterns.RESOURCE_NAME) String> registries,

        @JsonPropertyDescription("Selects the Registries in this namespace to clean by their labels.") @Nullable LabelSelector registrySelector,

        @Required
        @Size(max = Patterns.CRON_MAX) @Pattern(Patterns.CRON) @JsonPropertyDescription(
                "When to run, as a five-field cron expression such as '0 3 * * *', or a macro such as @daily.")
        String schedule,

        @Size(max = Patterns.TIME_ZONE_MAX) @Pattern(Patterns.TIME_ZONE) @JsonPropertyDescription("IANA time zone the schedule is read in, such as Europe/Paris. Unset means UTC.")
        @Nullable String timeZone,

        @JsonPropertyDescription(
                "Plan only reports what would be deleted; Apply deletes it; ApplyApproved deletes only when"
                        + " spec.approvedPlan equals the hash of the current plan. Unset means Plan.")
        @Nullable CleanupMode mode,

        @Size(max = 64) @Pattern(Patterns.SHA256_HEX) @JsonPropertyDescription(
                "The status.plan.hash you reviewed and approve, for mode ApplyApproved. A plan that changed since"
                        + " is not applied.")
        @Nullable String approvedPlan,

        @JsonPropertyDescription("Pause the schedule without deleting the policy. Unset means false.") @Nullable Boolean suspend,

        @Min(1) @Max(1000000) @JsonPropertyDescription(
                "Most versions one run may delete: a run whose plan has more candidates deletes none and says"
                        + " so in status.lastRun.error, as a guard against a mistyped rule. Unset means no limit.")
        @Nullable Integer maxDeletionsPerRun,

        @Required
        @Size(min = 1, max = 32) @JsonPropertyDescription(
                "The rules, and how they combine. A rule looks at the versions of the packages its packages globs"
                        + " match whose version, or one of whose tags, its versions globs match. Of those it keeps"
                        + " the keepLatest newest of each package (newest in the format's own version order; in push"
                        + " order for docker and generic, whose versions have none) and selects every other one"
                        + " that meets all of the conditions it sets: olderThan, notDownloadedFor and untagged. A"
                        + " version is a candidate when at least one rule selects it and the protect globs of no"
                        + " rule looking at its package match it or one of its tags: protect keeps a version from"
                        + " every rule of the policy."
                        + " The plan names the first rule, in this list's order, that selected each candidate."
                        + " When the plan has more candidates than maxDeletionsPerRun, a run deletes none.")
        List<CleanupRule> rules) {}
