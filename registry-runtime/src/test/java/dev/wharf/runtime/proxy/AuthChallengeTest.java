package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parseShouldReadDockerHubsChallenge() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                        + "service=\"registry.docker.io\",scope=\"repository:library/alpine:pull,push\"")
                .orElseThrow();
        assertThat(challenge.scheme()).isEqualTo("bearer");
        assertThat(challenge.parameters())
                .isEqualTo(Map.of(
                        "realm", "https://auth.docker.io/token",
                        "service", "registry.docker.io",
                        "scope", "repository:library/alpine:pull,push"));
    }

    @Test
    void parseShouldReadUnquotedValuesAndEscapedQuotes() {
        AuthChallenge challenge = AuthChallenge.parse("Basic realm=\"say \\\"hi\\\"\", charset=UTF-8")
                .orElseThrow();
        assertThat(challenge.scheme()).isEqualTo("basic");
        assertThat(challenge.parameter("realm")).contains("say \"hi\"");
        assertThat(challenge.parameter("charset")).contains("UTF-8");
    }

    @Test
    void parseWhenHeaderIsBlankShouldBeEmpty() {
        assertThat(AuthChallenge.parse("  ")).isEmpty();
    }
}
