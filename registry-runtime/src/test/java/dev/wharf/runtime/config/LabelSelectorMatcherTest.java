package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.common.LabelSelector;
import dev.wharf.api.v1alpha1.common.LabelSelectorRequirement;
import dev.wharf.api.v1alpha1.common.LabelSelectorRequirement.Operator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label selectors select as Kubernetes' {@code metav1.LabelSelector} does. */
class LabelSelectorMatcherTest {

    private static final Map<String, String> LABELS = Map.of("team", "web", "tier", "gold");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
                    matchLabels equal                     | team=web          |                      | true
                    matchLabels all must hold             | team=web,tier=sky |                      | false
                    matchLabels on a missing label        | env=prod          |                      | false
                    In with the value                     |                   | team In web,data     | true
                    In without the value                  |                   | team In data         | false
                    In on a missing label                 |                   | env In prod          | false
                    NotIn with the value                  |                   | team NotIn web       | false
                    NotIn without the value               |                   | team NotIn data      | true
                    NotIn on a missing label              |                   | env NotIn prod       | true
                    Exists on a present label             |                   | tier Exists          | true
                    Exists on a missing label             |                   | env Exists           | false
                    DoesNotExist on a missing label       |                   | env DoesNotExist     | true
                    DoesNotExist on a present label       |                   | tier DoesNotExist    | false
                    labels and expressions must all hold  | team=web          | tier NotIn gold      | false
                    labels and expressions both hold      | team=web          | tier In gold         | true
                    """)
    void matchesWhenSelectingTheLabelsTeamWebTierGoldShouldFollowKubernetes(
            String description, String matchLabels, String expression, boolean expected) {
        LabelSelector selector = new LabelSelector(labels(matchLabels), expressions(expression));

        assertThat(LabelSelectorMatcher.matches(selector, LABELS))
                .as(description)
                .isEqualTo(expected);
    }

    private static Map<String, String> labels(String pairs) {
        if (pairs == null) {
            return null;
        }
        return java.util.Arrays.stream(pairs.split(","))
                .map(pair -> pair.split("="))
                .collect(java.util.stream.Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static List<LabelSelectorRequirement> expressions(String expression) {
        if (expression == null) {
            return null;
        }
        String[] parts = expression.split(" ");
        Operator operator = switch (parts[1]) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            default -> Operator.DOES_NOT_EXIST;
        };
        return List.of(new LabelSelectorRequirement(
                parts[0], operator, parts.length > 2 ? List.of(parts[2].split(",")) : null));
    }
}
