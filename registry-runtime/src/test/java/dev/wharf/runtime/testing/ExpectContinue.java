package dev.wharf.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request head announcing a body with {@code Expect: 100-continue}, written by hand on a socket, and the first
 * response the runtime sends to it, read before any of the body is sent: a server that checks the announced length
 * first answers with its refusal, one that reads the body first answers {@code 100 Continue}.
 */
public final class ExpectContinue {

    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int CLOSE_WAIT_MILLIS = 3_000;

    /**
     * The first response.
     *
     * @param statusLine its status line, such as {@code HTTP/1.1 413 Content Too Large}
     * @param headers its headers, names in lower case
     * @param body its body (by its {@code Content-Length}; empty for a {@code 100 Continue})
     * @param closed whether the runtime closed the connection after it, rather than wait for the announced body
     */
    public record Response(String statusLine, Map<String, String> headers, String body, boolean closed) {

        /** The status code. */
        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private ExpectContinue() {}

    /**
     * Sends the head of {@code method target} with {@code Content-Length: contentLength}, {@code Expect: 100-continue}
     * and {@code headers} (such as {@code Authorization: ...}), and none of the body.
     */
    public static Response send(int port, String method, String target, long contentLength, List<String> headers)
            throws IOException {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Content-Length: ").append(contentLength).append("\r\nExpect: 100-continue\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String[] lines = readHead(in).split("\r\n");
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                responseHeaders.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(responseHeaders.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            return new Response(
                    lines[0], responseHeaders, new String(body, StandardCharsets.UTF_8), closedAfter(socket, in));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before a response head: '" + head + "'");
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4
                    && bytes[n - 4] == '\r'
                    && bytes[n - 3] == '\n'
                    && bytes[n - 2] == '\r'
                    && bytes[n - 1] == '\n') {
                return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static boolean closedAfter(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(CLOSE_WAIT_MILLIS);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
