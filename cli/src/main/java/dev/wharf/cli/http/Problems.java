package dev.wharf.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Turns an answer that is not a success into a message a person can act on: the server's detail, then what next. */
final class Problems {

    private Problems() {}

    static ApiException of(int status, byte[] body, Credentials credentials, URI server) {
        String detail = detail(body);
        String login = "`wharf login --server " + server + "`";
        String message = switch (status) {
            case 401 ->
                switch (credentials) {
                    case Credentials.None none -> "not logged in to " + server + " (" + detail + "); run " + login;
                    case Credentials.Token token ->
                        "the saved token was refused (" + detail + "); run " + login + " again";
                    case Credentials.Password password -> detail + "; check the user name and password";
                };
            case 403 -> detail;
            default -> detail + " (HTTP " + status + ")";
        };
        return new ApiException(status, message);
    }

    /** The problem document's detail, else its title, else the start of the body. */
    private static String detail(byte[] body) {
        if (body.length == 0) {
            return "no details";
        }
        try {
            JsonNode problem = ApiClient.JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
            if (problem != null && problem.hasNonNull("title")) {
                return problem.get("title").asText();
            }
            if (problem != null && problem.has("errors")) {
                return problem.get("errors").toString();
            }
        } catch (IOException notJson) {
            // Not a problem document: show the start of what came.
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
