package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Matches versions by license: either a deny list, or an allow list that everything else fails. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.allow) != has(self.deny)",
        message = "a licenses condition has exactly one of allow (everything else matches) or deny (these match)")
public record LicenseCondition(
        @Size(min = 1, max = 256) @JsonPropertyDescription("SPDX license identifiers that are acceptable; any other license matches.")
        @Nullable List<@Size(max = 128) @Pattern("^[A-Za-z0-9][A-Za-z0-9.+-]*$") String> allow,

        @Size(min = 1, max = 256) @JsonPropertyDescription("SPDX license identifiers that match, such as AGPL-3.0-only.")
        @Nullable List<@Size(max = 128) @Pattern("^[A-Za-z0-9][A-Za-z0-9.+-]*$") String> deny) {}
