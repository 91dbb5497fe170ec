package dev.wharf.operator.shipping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The permissions RBAC roles grant, one line per group, resource and verb, and the wildcards they hold. */
final class RbacRules {

    static final List<String> ROLE_KINDS = List.of("ClusterRole", "Role");

    private static final List<String> RULE_FIELDS =
            List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs");

    private RbacRules() {}

    /** Every grant of a role as {@code group/resource: verb}, the core group written as {@code core}. */
    static Set<String> grants(JsonNode role) {
        Set<String> grants = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        String groupName = group.asText().isEmpty() ? "core" : group.asText();
                        grants.add(groupName + "/" + resource.asText() + ": " + verb.asText());
                    }
                }
            }
        }
        return grants;
    }

    /** Where a role holds a {@code *}, as {@code Kind name: field value}; empty when it holds none. */
    static List<String> wildcards(JsonNode role) {
        List<String> found = new ArrayList<>();
        String name = role.path("kind").asText() + " "
                + role.path("metadata").path("name").asText();
        for (JsonNode rule : role.path("rules")) {
            for (String field : RULE_FIELDS) {
                for (JsonNode value : rule.path(field)) {
                    if (value.asText().contains("*")) {
                        found.add(name + ": " + field + " " + value.asText());
                    }
                }
            }
        }
        if (role.has("aggregationRule")) {
            found.add(name + ": aggregationRule (grants whatever other roles grant)");
        }
        return found;
    }
}
