package dev.wharf.runtime.auth;

/** The outcome of an authorization check. */
public enum Decision {
    /** The caller may do it. */
    ALLOW,
    /** The caller presented no credentials and must: HTTP 401 with a challenge. */
    AUTHENTICATE,
    /** The caller is known but lacks the role: HTTP 403. */
    DENY,
    /** An API token whose owner has the role, but whose scope does not reach it: HTTP 403. */
    DENY_BY_TOKEN_SCOPE
}
