package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpstreamCredentialsTest {

    @Test
    void authorizationOfBasicCredentialsShouldBeTheBase64Pair() {
        assertThat(UpstreamCredentials.basic("alice", "s3cret").authorization()).contains("Basic YWxpY2U6czNjcmV0");
    }

    @Test
    void authorizationOfATokenShouldBeBearer() {
        assertThat(UpstreamCredentials.bearer("t0ken").authorization()).contains("Bearer t0ken");
        assertThat(UpstreamCredentials.bearer("t0ken").basicAuthorization()).isEmpty();
    }

    @Test
    void toStringShouldNeverShowAPasswordOrToken() {
        assertThat(UpstreamCredentials.basic("alice", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(UpstreamCredentials.bearer("t0ken").toString()).doesNotContain("t0ken");
    }
}
