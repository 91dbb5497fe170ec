package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kubernetes quantities as upload limits. */
class ByteSizesTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1",
        "10Gi, 10737418240",
        "500Mi, 524288000",
        "1Ki, 1024",
        "2k, 2000",
        "1M, 1000000",
        "1e9, 1000000000",
        "1.5Gi, 1610612736",
        "0.5, 1"
    })
    void parseWhenQuantityIsValidShouldGiveBytesRoundedUp(String quantity, long bytes) {
        assertThat(ByteSizes.parse("spec.maxUploadSize", quantity)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Gi", "10GB", "ten", "-1", "1..5", "10 Gi"})
    void parseWhenQuantityIsNotASizeShouldNameTheField(String quantity) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ByteSizes.parse("spec.maxUploadSize", quantity))
                .withMessageStartingWith("spec.maxUploadSize is '" + quantity + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0Gi"})
    void parseWhenQuantityIsZeroShouldSayItMustBePositive(String quantity) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ByteSizes.parse("spec.maxUploadSize", quantity))
                .withMessageEndingWith("it must be positive");
    }
}
