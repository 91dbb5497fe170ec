package dev.wharf.runtime.web;

import org.springframework.http.HttpStatusCode;

/**
 * The error format of one client protocol, for the errors that arise before its routes can answer themselves: a
 * request target the server cannot parse, or a framework error. A bean per protocol; paths no bean covers get an RFC
 * 9457 problem.
 */
public interface ProtocolErrors {

    /** Whether {@code path} (as the client sent it, possibly malformed) is one of this protocol's URLs. */
    boolean covers(String path);

    /** The protocol's error document for {@code status}, with {@code message} saying what was wrong and what to do. */
    ErrorDocument document(HttpStatusCode status, String title, String message, String path);
}
