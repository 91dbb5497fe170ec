package dev.wharf.operator.references;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.common.LabelSelector;
import dev.wharf.api.v1alpha1.common.LabelSelectorRequirement;
import dev.wharf.api.v1alpha1.common.LabelSelectorRequirement.Operator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label selectors evaluated as the API server evaluates them. */
class LabelSelectorsTest {

    private static final Map<String, String> LABELS = Map.of("team", "web", "tier", "gold");

    @ParameterizedTest
    @CsvSource({
        "team, IN, 'web,api', true",
        "team, IN, api, false",
        "team, NOT_IN, api, true",
        "team, NOT_IN, web, false",
        "owner, NOT_IN, web, true",
        "team, EXISTS, , true",
        "owner, EXISTS, , false",
        "owner, DOES_NOT_EXIST, , true",
        "team, DOES_NOT_EXIST, , false"
    })
    void matchesWhenGivenAnExpressionShouldEvaluateItsOperator(
            String key, Operator operator, @Nullable String values, boolean expected) {
        LabelSelector selector = new LabelSelector(
                null,
                List.of(new LabelSelectorRequirement(
                        key, operator, values == null ? null : List.of(values.split(",")))));

        assertThat(LabelSelectors.matches(selector, LABELS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"web, true", "api, false"})
    void matchesWhenGivenMatchLabelsShouldRequireEachValue(String team, boolean expected) {
        LabelSelector selector = new LabelSelector(Map.of("team", team, "tier", "gold"), null);

        assertThat(LabelSelectors.matches(selector, LABELS)).isEqualTo(expected);
    }
}
