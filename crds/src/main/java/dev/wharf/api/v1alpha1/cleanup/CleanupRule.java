package dev.wharf.api.v1alpha1.cleanup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One cleanup rule: the versions it looks at (packages, versions), the ones it never touches (protect, keepLatest)
 * and the conditions that make a version a candidate (all that are set must hold).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.keepLatest) || has(self.olderThan) || has(self.notDownloadedFor)"
                + " || (has(self.untagged) && self.untagged)",
        message = "a cleanup rule needs at least one of keepLatest, olderThan, notDownloadedFor or untagged; without"
                + " them it would delete every version it matches")
public record CleanupRule(
        @Required
        @Size(max = Patterns.RESOURCE_NAME_MAX) @Pattern(Patterns.RESOURCE_NAME) @JsonPropertyDescription("The rule's name, shown in plans to say which rule selected a version.")
        String name,

        @Size(max = 64) @JsonPropertyDescription("Anchored globs of package names the rule applies to. Unset means all packages.")
        @Nullable List<@Size(max = Patterns.GLOB_MAX) @Pattern(Patterns.GLOB) String> packages,

        @Size(max = 64) @JsonPropertyDescription(
                "Anchored globs of versions (or tags) the rule applies to, such as '*-SNAPSHOT': a version is"
                        + " looked at when its name or one of its tags matches one. Unset means all versions.")
        @Nullable List<@Size(max = Patterns.GLOB_MAX) @Pattern(Patterns.GLOB) String> versions,

        @Size(max = 64) @JsonPropertyDescription(
                "Anchored globs of versions or tags never deleted by this policy, such as 'latest' or 'v*': a"
                        + " version whose name or one of whose tags matches is kept whichever rule selects it.")
        @Nullable List<@Size(max = Patterns.GLOB_MAX) @Pattern(Patterns.GLOB) String> protect,

        @Min(0) @Max(10000) @JsonPropertyDescription(
                "Keep this many newest versions of each package among those the rule looks at (newest in the"
                        + " format's version order, push order where it has none), whatever the other conditions; 0"
                        + " keeps none. Unset means no version is kept for being recent.")
        @Nullable Integer keepLatest,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription(
                "Only versions pushed to (or first cached by) the registry longer ago than this, such as 90d.")
        @Nullable String olderThan,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription(
                "Only versions not downloaded for this long, such as 30d: the last download of any of its files,"
                        + " pulls through a proxy registry in front of this one included; a version never downloaded"
                        + " counts from its push.")
        @Nullable String notDownloadedFor,

        @JsonPropertyDescription(
                "Only image manifests no tag points at (docker registries; in other formats the rule selects"
                        + " nothing). A manifest that an index of its repository lists or that a referrer names as"
                        + " its subject is never selected, nor a referrer whose subject is still there, nor a"
                        + " manifest pulled by digest within notDownloadedFor (1d when unset).")
        @Nullable Boolean untagged) {}
