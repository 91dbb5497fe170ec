package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** One-line descriptions of exceptions and their causes. */
class FailuresTest {

    @Test
    void describeWhenCausesAreNestedShouldJoinTheirMessagesOutermostFirst() {
        Exception failure = new IllegalStateException(
                "Error starting operator",
                new IOException("Operation: [list] failed", new UnknownHostException("kubernetes.default.svc")));

        assertThat(Failures.describe(failure))
                .isEqualTo("Error starting operator: Operation: [list] failed: UnknownHostException:"
                        + " kubernetes.default.svc");
    }

    @Test
    void describeWhenACauseRepeatsItsWrapperMessageShouldGiveItOnce() {
        IOException cause = new IOException("connection refused");
        Exception failure = new IllegalStateException(cause);

        assertThat(Failures.describe(failure)).isEqualTo("java.io.IOException: connection refused");
    }

    @Test
    void describeWhenAnExceptionHasNoMessageShouldNameItsClass() {
        assertThat(Failures.describe(new IllegalStateException("cannot start", new NullPointerException())))
                .isEqualTo("cannot start: NullPointerException");
    }

    @Test
    void innermostShouldNameTheInnermostCauseByItsClass() {
        Exception failure = new IllegalStateException(
                "An error has occurred.", new IOException(new UnknownHostException("kubernetes.default.svc")));

        assertThat(Failures.innermost(failure)).isEqualTo("UnknownHostException: kubernetes.default.svc");
    }

    @Test
    void isTransientWhenTheApiServerIsUnavailableOrThrottlesShouldBeTrue() {
        assertThat(Failures.isTransient(new KubernetesClientException("Service Unavailable", 503, null)))
                .isTrue();
        assertThat(Failures.isTransient(new KubernetesClientException("Too Many Requests", 429, null)))
                .isTrue();
        assertThat(Failures.isTransient(new KubernetesClientException("conflict", 409, null)))
                .isTrue();
    }

    @Test
    void isTransientWhenTheConnectionFailsShouldBeTrue() {
        Exception failure = new IllegalStateException(
                new KubernetesClientException("Operation: [get] failed", new IOException("connection reset")));

        assertThat(Failures.isTransient(failure)).isTrue();
    }

    @Test
    void isTransientWhenTheApiServerRefusesTheRequestShouldBeFalse() {
        assertThat(Failures.isTransient(new KubernetesClientException("Unprocessable Entity", 422, null)))
                .isFalse();
        assertThat(Failures.isTransient(new KubernetesClientException("Forbidden", 403, null)))
                .isFalse();
        assertThat(Failures.isTransient(new IllegalArgumentException("spec.storage is required")))
                .isFalse();
    }
}
