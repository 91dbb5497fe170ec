package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.common.LabelSelector;
import dev.wharf.api.v1alpha1.common.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether a label selector selects a set of labels, with the semantics of Kubernetes' {@code metav1.LabelSelector}:
 * every {@code matchLabels} pair and every {@code matchExpressions} requirement must hold; {@code NotIn} and
 * {@code DoesNotExist} hold for a resource without the label. An empty selector selects everything (the CRD refuses
 * one, so a policy never selects every Registry by accident).
 */
public final class LabelSelectorMatcher {

    private LabelSelectorMatcher() {}

    /** Whether {@code selector} selects a resource labelled {@code labels}. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> matchLabels = selector.matchLabels();
        if (matchLabels != null) {
            for (Map.Entry<String, String> label : matchLabels.entrySet()) {
                if (!label.getValue().equals(labels.get(label.getKey()))) {
                    return false;
                }
            }
        }
        List<LabelSelectorRequirement> requirements = selector.matchExpressions();
        if (requirements != null) {
            for (LabelSelectorRequirement requirement : requirements) {
                if (!matches(requirement, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.key());
        List<String> listed = requirement.values();
        List<String> values = listed == null ? List.of() : listed;
        return switch (requirement.operator()) {
            case IN -> value != null && values.contains(value);
            case NOT_IN -> value == null || !values.contains(value);
            case EXISTS -> value != null;
            case DOES_NOT_EXIST -> value == null;
        };
    }
}
