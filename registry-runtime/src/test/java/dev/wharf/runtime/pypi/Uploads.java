package dev.wharf.runtime.pypi;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Upload requests as twine sends them (a multipart/form-data POST), written by hand so that tests can break them. */
final class Uploads {

    static final String BOUNDARY = "wharf-test-boundary";

    private Uploads() {}

    /** The fields twine sends for {@code name} {@code version}, with the file's sha256. */
    static Map<String, String> fields(String name, String version, String filetype, String sha256) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(":action", "file_upload");
        fields.put("protocol_version", "1");
        fields.put("name", name);
        fields.put("version", version);
        fields.put("filetype", filetype);
        fields.put("metadata_version", "2.1");
        fields.put("sha256_digest", sha256);
        return fields;
    }

    /** The multipart body of the fields and the file {@code filename} holding {@code content}. */
    static byte[] body(Map<String, String> fields, String filename, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(
                body,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                        + "\r\n"));
        write(
                body,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(content);
        write(body, "\r\n--" + BOUNDARY + "--\r\n");
        return body.toByteArray();
    }

    /** POSTs {@code body} to {@code url} as {@code authorization}. */
    static HttpResponse<String> post(String url, String authorization, byte[] body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
