package dev.wharf.runtime.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Helpers for the ordering tables: every pair of a chain in both directions, and a shuffled chain sorted back. */
final class Orderings {

    private Orderings() {}

    /** Each version of the ascending chain with every one after it. */
    static Stream<Arguments> pairs(List<String> ascending) {
        return IntStream.range(0, ascending.size())
                .boxed()
                .flatMap(i -> IntStream.range(i + 1, ascending.size())
                        .mapToObj(j -> Arguments.of(ascending.get(i), ascending.get(j))));
    }

    static void assertStrictlyBelow(VersionScheme scheme, String lower, String higher) {
        assertThat(scheme.compare(lower, higher)).as("%s < %s", lower, higher).isNegative();
        assertThat(scheme.compare(higher, lower)).as("%s > %s", higher, lower).isPositive();
    }

    static void assertSortsBack(VersionScheme scheme, List<String> ascending) {
        for (long seed = 1; seed <= 5; seed++) {
            List<String> shuffled = new ArrayList<>(ascending);
            Collections.shuffle(shuffled, new Random(seed));
            shuffled.sort(scheme);
            assertThat(shuffled).containsExactlyElementsOf(ascending);
        }
    }
}
