package dev.wharf.runtime.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * The error document for a path: the format of the first {@link ProtocolErrors} covering it, otherwise an RFC 9457
 * problem ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}).
 */
public final class ErrorAnswers {

    private final List<ProtocolErrors> protocols;

    public ErrorAnswers(List<ProtocolErrors> protocols) {
        this.protocols = List.copyOf(protocols);
    }

    /** The answer to a request for {@code target} that failed with {@code status}. */
    public ErrorDocument document(HttpStatusCode status, String title, String detail, RequestTarget target) {
        String path = target.path();
        for (ProtocolErrors protocol : protocols) {
            if (protocol.covers(path)) {
                return protocol.document(status, title, detail, path);
            }
        }
        return problem(status, title, detail, target);
    }

    /** An RFC 9457 problem document. */
    public static ErrorDocument problem(HttpStatusCode status, String title, String detail, RequestTarget target) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", target.encoded());
        return ErrorDocument.json(status, MediaType.APPLICATION_PROBLEM_JSON, problem);
    }
}
