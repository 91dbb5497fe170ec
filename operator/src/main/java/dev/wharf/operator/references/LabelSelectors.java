package dev.wharf.operator.references;

import dev.wharf.api.v1alpha1.common.LabelSelector;
import dev.wharf.api.v1alpha1.common.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Evaluates a Wharf {@link LabelSelector} against a resource's labels, as the API server evaluates selectors. */
public final class LabelSelectors {

    private LabelSelectors() {}

    /** Whether the labels satisfy every matchLabels entry and every matchExpressions requirement. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> matchLabels = selector.matchLabels();
        if (matchLabels != null) {
            for (Map.Entry<String, String> entry : matchLabels.entrySet()) {
                if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                    return false;
                }
            }
        }
        List<LabelSelectorRequirement> expressions = selector.matchExpressions();
        if (expressions != null) {
            for (LabelSelectorRequirement requirement : expressions) {
                if (!matches(requirement, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.key());
        List<String> values = requirement.values() == null ? List.of() : requirement.values();
        return switch (requirement.operator()) {
            case IN -> value != null && values.contains(value);
            case NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
        };
    }
}
