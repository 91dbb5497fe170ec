package dev.wharf.runtime.auth;

/**
 * Credentials were presented but are not valid: an unknown user, a wrong password, an unknown, revoked or expired token, or a
 * malformed header. The message says which, never what the credentials were.
 */
public final class AuthenticationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
