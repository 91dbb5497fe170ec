package dev.wharf.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes=0-9|0|10",
                "bytes=10-|10|990",
                "bytes=-100|900|100",
                "bytes=-5000|0|1000",
                "bytes=990-5000|990|10",
                "bytes=999-999|999|1",
                "' Bytes=0-0 '|0|1",
            })
    void parseWhenSatisfiableShouldGiveTheRangeWithinTheBlob(String header, long offset, long length) {
        assertThat(ByteRange.parse(header, 1000)).contains(ByteRange.of(offset, length));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "items=0-1",
                "bytes=0-1,5-6",
                "bytes=5-1",
                "bytes=a-b",
                "bytes=",
                "bytes=-",
                "bytes=1",
                "bytes=--1",
                "bytes=1-2-3",
                "bytes=99999999999999999999-",
                "bytes=+1-2",
            })
    void parseWhenHeaderIsAbsentOrMalformedShouldBeIgnored(String header) {
        assertThat(ByteRange.parse(header, 1000)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0"})
    void parseWhenRangeDoesNotOverlapTheBlobShouldBeUnsatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 1000))
                .isInstanceOf(RangeNotSatisfiableException.class)
                .hasMessage("the range '" + header + "' does not overlap the 1000 bytes of the blob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-", "bytes=-1", "bytes=0-0"})
    void parseWhenBlobIsEmptyShouldBeUnsatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 0))
                .isInstanceOf(RangeNotSatisfiableException.class)
                .extracting(e -> ((RangeNotSatisfiableException) e).blobSize())
                .isEqualTo(0L);
    }

    @Test
    void contentRangeShouldNameFirstAndLastByteAndSize() {
        assertThat(ByteRange.of(0, 10).contentRange(1000)).isEqualTo("bytes 0-9/1000");
        assertThat(ByteRange.from(990).contentRange(1000)).isEqualTo("bytes 990-999/1000");
        assertThat(ByteRange.of(990, 100).lengthIn(1000)).isEqualTo(10);
    }

    @Test
    void constructorWhenRangeIsMalformedShouldSayWhy() {
        assertThatThrownBy(() -> ByteRange.from(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a byte range cannot start before 0, but it starts at -1");
        assertThatThrownBy(() -> ByteRange.of(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a byte range needs a length of at least 1, not 0");
    }
}
