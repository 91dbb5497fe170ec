package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;

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
}
