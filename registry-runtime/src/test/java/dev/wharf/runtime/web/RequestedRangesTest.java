package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.storage.RangeNotSatisfiableException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules by which a Range header is answered: whole, one range, several, or 416. */
class RequestedRangesTest {

    @Test
    void parseWhenOneRangeIsAskedShouldGiveItClippedToTheBlob() {
        RequestedRanges ranges = RequestedRanges.parse("bytes=990-5000", 1000);

        assertThat(ranges.whole()).isFalse();
        assertThat(ranges.multipart()).isFalse();
        assertThat(ranges.single()).isEqualTo(ByteRange.of(990, 10));
    }

    @Test
    void parseWhenSeveralDisjointRangesAreAskedShouldGiveThemInTheOrderAsked() {
        RequestedRanges ranges = RequestedRanges.parse("bytes=500-599, -100,,0-1", 1000);

        assertThat(ranges.multipart()).isTrue();
        assertThat(ranges.ranges()).containsExactly(ByteRange.of(500, 100), ByteRange.of(900, 100), ByteRange.of(0, 2));
        assertThat(ranges.fromFirstByte()).isFalse();
    }

    @Test
    void parseWhenAdjacentRangesAreAskedShouldKeepThemApart() {
        assertThat(RequestedRanges.parse("bytes=0-1,2-3", 10).ranges())
                .containsExactly(ByteRange.of(0, 2), ByteRange.of(2, 2));
    }

    @Test
    void parseWhenSomeRangesLiePastTheEndShouldDropThem() {
        RequestedRanges ranges = RequestedRanges.parse("bytes=2000-,0-9,1000-1001", 1000);

        assertThat(ranges.single()).isEqualTo(ByteRange.of(0, 10));
        assertThat(ranges.fromFirstByte()).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "items=0-1",
                "bytes=0-1,x",
                "bytes=0-1,5",
                "bytes=0-1,5-2",
                "bytes=,",
                "bytes=",
                // Overlapping ranges: some bytes would be sent twice.
                "bytes=0-9,5-6",
                "bytes=-10,995-996",
                "bytes=100-,0-200",
                "bytes=0-0,0-0",
            })
    void parseWhenHeaderIsAbsentMalformedOrOverlappingShouldGiveTheWholeBlob(String header) {
        RequestedRanges ranges = RequestedRanges.parse(header, 1000);

        assertThat(ranges.whole()).isTrue();
        assertThat(ranges.fromFirstByte()).isTrue();
    }

    @Test
    void parseWhenMoreRangesThanTheLimitAreAskedShouldGiveTheWholeBlob() {
        String atLimit = IntStream.range(0, RequestedRanges.MAX_RANGES)
                .mapToObj(i -> i * 2 + "-" + i * 2)
                .collect(Collectors.joining(",", "bytes=", ""));

        assertThat(RequestedRanges.parse(atLimit, 1000).ranges()).hasSize(RequestedRanges.MAX_RANGES);
        assertThat(RequestedRanges.parse(atLimit + ",100-100", 1000).whole()).isTrue();
    }

    @Test
    void parseWhenNoRangeOverlapsTheBlobShouldBeUnsatisfiableNamingTheHeaderAndSize() {
        assertThatThrownBy(() -> RequestedRanges.parse("bytes=1000-,-0", 1000))
                .isInstanceOf(RangeNotSatisfiableException.class)
                .hasMessage("the range 'bytes=1000-,-0' does not overlap the 1000 bytes of the blob")
                .extracting(e -> ((RangeNotSatisfiableException) e).blobSize())
                .isEqualTo(1000L);
    }

    @Test
    void parseWhenBlobIsEmptyShouldBeUnsatisfiable() {
        assertThatThrownBy(() -> RequestedRanges.parse("bytes=0-1,-5", 0))
                .isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Test
    void singleWhenSeveralRangesShouldSayHowMany() {
        RequestedRanges ranges = new RequestedRanges(List.of(ByteRange.of(0, 1), ByteRange.of(5, 1)), 10);

        assertThatThrownBy(ranges::single).hasMessage("there are 2 ranges, not one");
    }
}
