package dev.wharf.runtime.metadata;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Keeps the password out of the errors of opening a connection: the H2 driver puts it in the URL that its errors
 * quote. An error that mentions it is replaced by one with the password hidden and no cause, which would repeat it.
 */
final class RedactingConnectionFactory implements ConnectionFactory {

    private static final int MAX_CAUSES = 20;

    private final ConnectionFactory delegate;
    private final String password;

    RedactingConnectionFactory(ConnectionFactory delegate, String password) {
        this.delegate = delegate;
        this.password = password;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).onErrorMap(this::redact);
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    Throwable redact(Throwable error) {
        if (password.isEmpty() || !mentionsPassword(error)) {
            return error;
        }
        String message = String.valueOf(error.getMessage()).replace(password, "(hidden)");
        if (error instanceof R2dbcException r2dbc) {
            return r2dbc instanceof R2dbcTransientResourceException
                    ? new R2dbcTransientResourceException(message, r2dbc.getSqlState(), r2dbc.getErrorCode())
                    : new R2dbcNonTransientResourceException(message, r2dbc.getSqlState(), r2dbc.getErrorCode());
        }
        return new R2dbcNonTransientResourceException(error.getClass().getSimpleName() + ": " + message);
    }

    private boolean mentionsPassword(Throwable error) {
        // Bounded: a cause chain can loop.
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains(password)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (String.valueOf(suppressed.getMessage()).contains(password)) {
                    return true;
                }
            }
        }
        return false;
    }
}
