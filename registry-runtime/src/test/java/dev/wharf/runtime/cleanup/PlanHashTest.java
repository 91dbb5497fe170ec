package dev.wharf.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan hash depends on the candidate set only: not on its order, and not on when it was planned. */
class PlanHashTest {

    @Test
    void hexWhenTheSameCandidatesComeInAnotherOrderShouldBeTheSame() {
        assertThat(hash(List.of("a:1", "a:2", "b:1"))).isEqualTo(hash(List.of("b:1", "a:2", "a:1")));
    }

    @Test
    void hexWhenOneCandidateDiffersShouldDiffer() {
        assertThat(hash(List.of("a:1", "a:2"))).isNotEqualTo(hash(List.of("a:1", "a:3")));
        assertThat(hash(List.of("a:1", "a:2"))).isNotEqualTo(hash(List.of("a:1")));
        assertThat(hash(List.of("a:1", "a:1"))).isNotEqualTo(hash(List.of("a:1")));
    }

    @Test
    void hexWhenCandidatesAreEmptyShouldBeSixtyFourHexDigits() {
        assertThat(hash(List.of())).matches("[0-9a-f]{64}");
    }

    @Test
    void hexWhenNamesShiftBetweenPackageAndVersionShouldDiffer() {
        PlanHash first = new PlanHash();
        first.add("r", "a:b", "c");
        PlanHash second = new PlanHash();
        second.add("r", "a", "b:c");
        assertThat(first.hex()).isNotEqualTo(second.hex());
    }

    private static String hash(List<String> items) {
        PlanHash hash = new PlanHash();
        items.forEach(item -> {
            String[] parts = item.split(":", 2);
            hash.add("reg", parts[0], parts[1]);
        });
        return hash.hex();
    }
}
