package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void generateShouldMakeDistinctTokensThatLookLikeTokens() {
        String first = ApiTokens.generate();
        String second = ApiTokens.generate();

        assertThat(first).isNotEqualTo(second).startsWith(ApiTokens.PREFIX);
        assertThat(ApiTokens.looksLikeToken(first)).isTrue();
        assertThat(ApiTokens.looksLikeToken("wharf-local-admin")).isFalse();
    }

    @Test
    void hashShouldBeTheHexSha256OfTheToken() {
        assertThat(ApiTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
