package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading the {@code Content-Range} of an upload chunk, and writing the {@code Range} of an upload. */
class ContentRangeTest {

    @Test
    void theSpecsFormIsStartDashEndInclusive() {
        ContentRange range = ContentRange.parse("100-199");

        assertThat(range).isEqualTo(new ContentRange(100, 199));
        assertThat(range.length()).isEqualTo(100);
    }

    @Test
    void theHttpFormWithUnitAndTotalIsReadToo() {
        assertThat(ContentRange.parse("bytes 0-9/10")).isEqualTo(new ContentRange(0, 9));
        assertThat(ContentRange.parse("bytes=0-9")).isEqualTo(new ContentRange(0, 9));
    }

    @Test
    void noHeaderIsNoRange() {
        assertThat(ContentRange.parse(null)).isNull();
        assertThat(ContentRange.parse(" ")).isNull();
    }

    @Test
    void aMalformedOrBackwardsRangeIsRangeInvalidSayingWhy() {
        assertThatThrownBy(() -> ContentRange.parse("abc"))
                .isInstanceOfSatisfying(
                        OciException.class, e -> assertThat(e.error()).isEqualTo(OciError.RANGE_INVALID))
                .hasMessage("the Content-Range 'abc' is not of the form <start>-<end>");
        assertThatThrownBy(() -> ContentRange.parse("10-5")).hasMessage("the Content-Range 10-5 ends before it starts");
    }

    @Test
    void theRangeOfAnUploadNamesItsLastByteAndZeroWhenEmpty() {
        assertThat(ContentRange.uploaded(1000)).isEqualTo("0-999");
        assertThat(ContentRange.uploaded(0)).isEqualTo("0-0");
    }
}
