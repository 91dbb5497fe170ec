package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parseWhenBasicShouldSplitAtTheFirstColon() {
        assertThat(Credentials.parse(basic("alice:pa:ss"))).contains(new Credentials.Basic("alice", "pa:ss"));
    }

    @Test
    void parseWhenBearerShouldKeepTheToken() {
        assertThat(Credentials.parse("bearer abc.def")).contains(new Credentials.Bearer("abc.def"));
    }

    @Test
    void parseWhenHeaderIsAbsentShouldBeEmpty() {
        assertThat(Credentials.parse(null)).isEmpty();
        assertThat(Credentials.parse(" ")).isEmpty();
    }

    @Test
    void parseWhenBasicIsNotBase64ShouldSaySoWithoutTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.parse("Basic s3cr3t!!"))
                .withMessage("the Basic authorization is not valid base64");
    }

    @Test
    void parseWhenBasicHasNoColonShouldSaySo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.parse(basic("justatoken")))
                .withMessage("the Basic authorization must be user:password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("justatoken"));
    }

    @Test
    void parseWhenSchemeIsUnknownShouldNameItAndTheSupportedOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Credentials.parse("Digest username=x"))
                .withMessage("unsupported authorization scheme 'digest': use Basic or Bearer");
    }

    @Test
    void toStringShouldNeverShowPasswordsOrTokens() {
        assertThat(new Credentials.Basic("alice", "s3cret").toString()).isEqualTo("Basic[alice]");
        assertThat(new Credentials.Bearer("wharf_abc").toString()).doesNotContain("wharf_abc");
    }
}
