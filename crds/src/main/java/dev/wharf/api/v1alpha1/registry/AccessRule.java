package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Grants one role to a list of subjects. */
public record AccessRule(
        @Required
        @Size(min = 1, max = 32) @JsonPropertyDescription("Users, groups or ServiceAccounts the role is granted to.")
        List<Subject> subjects,

        @Required
        @JsonPropertyDescription(
                "The role granted: read, write (includes read), delete (includes write) or admin (everything).")
        Role role) {}
