package dev.wharf.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {

    private static final String EMPTY_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parseWhenValidShouldKeepAlgorithmAndHex() {
        Digest digest = Digest.parse("sha256:" + EMPTY_HEX);

        assertThat(digest.algorithm()).isEqualTo("sha256");
        assertThat(digest.hex()).isEqualTo(EMPTY_HEX);
        assertThat(digest).hasToString("sha256:" + EMPTY_HEX);
    }

    @Test
    void sha256ShouldBeTheDigestOfTheHash() {
        assertThat(TestContent.digestOf(new byte[0])).isEqualTo(Digest.parse("sha256:" + EMPTY_HEX));
        assertThat(TestContent.digestOf("hello".getBytes(StandardCharsets.UTF_8)))
                .hasToString("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|the digest is empty; expected sha256:<64 lower-case hex digits>",
                "e3b0c442|the digest 'e3b0c442' has no algorithm; expected sha256:<64 lower-case hex digits>",
                "sha512:abc|the digest algorithm 'sha512' is not supported; only sha256 is",
                "SHA256:abc|the digest algorithm 'SHA256' is not supported; only sha256 is",
                "sha256:abc|the sha256 digest has 3 hex digits; it needs 64",
                "sha256:|the sha256 digest has 0 hex digits; it needs 64",
            })
    void parseWhenInvalidShouldSayWhy(String value, String message) {
        assertThatThrownBy(() -> Digest.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void parseWhenHexHoldsAnUpperCaseDigitShouldNameIt() {
        assertThatThrownBy(() -> Digest.parse("sha256:" + EMPTY_HEX.substring(0, 10) + "A" + EMPTY_HEX.substring(11)))
                .hasMessage("the sha256 digest holds 'A' at position 10; only lower-case hex digits 0-9 and a-f are"
                        + " allowed");
    }

    @Test
    void parseWhenHexHoldsAPathShouldRefuseIt() {
        String traversal = "../../../../etc/passwd" + "x".repeat(42);

        assertThatThrownBy(() -> Digest.parse("sha256:" + traversal))
                .hasMessage("the sha256 digest holds '.' at position 0; only lower-case hex digits 0-9 and a-f are"
                        + " allowed");
    }

    @Test
    void messagesShouldEscapeControlCharactersAndCutLongValues() {
        assertThatThrownBy(() -> Digest.parse("md5\n\u0000:x"))
                .hasMessage("the digest algorithm 'md5\\u000a\\u0000' is not supported; only sha256 is");
        assertThatThrownBy(() -> Digest.parse("x".repeat(500)))
                .hasMessage("the digest '" + "x".repeat(80) + "...' has no algorithm; expected sha256:<64 lower-case"
                        + " hex digits>");
    }
}
