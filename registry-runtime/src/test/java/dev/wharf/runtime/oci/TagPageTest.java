package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging a sorted list of names with {@code n} and {@code last}. */
class TagPageTest {

    private static final List<String> TAGS = List.of("a", "b", "c", "d");

    @Test
    void withoutNTheWholeListIsOnePageWithoutLink() {
        TagPage page = TagPage.of(TAGS, null, null, "/v2/r/app/tags/list");

        assertThat(page.names()).isEqualTo(TAGS);
        assertThat(page.link()).isNull();
    }

    @Test
    void nCutsThePageAndLinksToTheRestAfterItsLastName() {
        TagPage page = TagPage.of(TAGS, "3", null, "/v2/r/app/tags/list");

        assertThat(page.names()).containsExactly("a", "b", "c");
        assertThat(page.link()).isEqualTo("</v2/r/app/tags/list?n=3&last=c>; rel=\"next\"");
    }

    @Test
    void lastStartsAfterThatName() {
        assertThat(TagPage.of(TAGS, "3", "b", "/x").names()).containsExactly("c", "d");
        assertThat(TagPage.of(TAGS, "3", "b", "/x").link()).isNull();
    }

    @Test
    void nOfZeroIsAnEmptyPage() {
        assertThat(TagPage.of(TAGS, "0", null, "/x").names()).isEmpty();
    }

    @Test
    void aNegativeOrNonNumericNIsRefused() {
        assertThatThrownBy(() -> TagPage.of(TAGS, "-1", null, "/x")).hasMessageContaining("is not a number from 0");
        assertThatThrownBy(() -> TagPage.of(TAGS, "ten", null, "/x")).hasMessageContaining("is not a number from 0");
    }
}
