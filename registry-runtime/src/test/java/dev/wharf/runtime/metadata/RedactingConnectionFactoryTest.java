package dev.wharf.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** {@link RedactingConnectionFactory}: a connection error never carries the password. */
class RedactingConnectionFactoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void createWhenErrorQuotesThePasswordShouldHideItAndDropTheCause() {
        R2dbcTransientResourceException cause = new R2dbcTransientResourceException(
                "Database may be already in use: \"jdbc:h2:file:/data/wharf;USER=sa;PASSWORD=s3cret\"", "90020", 90020);
        ConnectionFactory redacting =
                new RedactingConnectionFactory(failing(new IllegalStateException("wrapped", cause)), "s3cret");

        assertThatThrownBy(() -> Mono.from(redacting.create()).block(TIMEOUT))
                .isInstanceOf(R2dbcNonTransientResourceException.class)
                .hasMessage("IllegalStateException: wrapped")
                .hasNoCause();
    }

    @Test
    void createWhenR2dbcErrorQuotesThePasswordShouldKeepItsKindAndCode() {
        R2dbcTransientResourceException error = new R2dbcTransientResourceException(
                "in use: \"jdbc:h2:file:/data/wharf;PASSWORD=s3cret\"", "90020", 90020);
        ConnectionFactory redacting = new RedactingConnectionFactory(failing(error), "s3cret");

        assertThatThrownBy(() -> Mono.from(redacting.create()).block(TIMEOUT))
                .isInstanceOfSatisfying(R2dbcTransientResourceException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(90020);
                    assertThat(e.getSqlState()).isEqualTo("90020");
                })
                .hasMessage("in use: \"jdbc:h2:file:/data/wharf;PASSWORD=(hidden)\"")
                .hasNoCause();
    }

    @Test
    void createWhenErrorDoesNotMentionThePasswordShouldPassItOn() {
        R2dbcNonTransientResourceException error = new R2dbcNonTransientResourceException("connection refused");
        ConnectionFactory redacting = new RedactingConnectionFactory(failing(error), "s3cret");

        assertThatThrownBy(() -> Mono.from(redacting.create()).block(TIMEOUT)).isSameAs(error);
    }

    private static ConnectionFactory failing(Throwable error) {
        return new ConnectionFactory() {
            @Override
            public Publisher<? extends Connection> create() {
                return Mono.error(error);
            }

            @Override
            public ConnectionFactoryMetadata getMetadata() {
                return () -> "test";
            }
        };
    }
}
