package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameFilterTest {

    @Test
    void permitsWhenNoGlobsShouldPermitEveryName() {
        assertThat(new NameFilter(null, null).permits("anything/at/all")).isTrue();
    }

    @Test
    void permitsShouldMatchGlobsAnchoredAtBothEnds() {
        NameFilter filter = new NameFilter(List.of("@acme/*"), null);
        assertThat(filter.permits("@acme/tools")).isTrue();
        assertThat(filter.permits("x@acme/tools")).isFalse();
        assertThat(filter.permits("@acme")).isFalse();
    }

    @Test
    void permitsShouldTreatRegexCharactersLiterally() {
        NameFilter filter = new NameFilter(List.of("com.acme.*"), null);
        assertThat(filter.permits("com.acme.tools")).isTrue();
        assertThat(filter.permits("comXacme.tools")).isFalse();
        assertThat(new NameFilter(List.of("a+b"), null).permits("aab")).isFalse();
    }

    @Test
    void permitsShouldMatchOneCharacterForAQuestionMark() {
        NameFilter filter = new NameFilter(List.of("lib?"), null);
        assertThat(filter.permits("lib1")).isTrue();
        assertThat(filter.permits("lib")).isFalse();
        assertThat(filter.permits("lib12")).isFalse();
    }

    @Test
    void permitsWhenBlockedAndAllowedShouldRefuse() {
        NameFilter filter = new NameFilter(List.of("*"), List.of("acme-*"));
        assertThat(filter.permits("acme-internal")).isFalse();
        assertThat(filter.permits("requests")).isTrue();
    }
}
