package dev.wharf.runtime.web;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unknown and malformed requests across every route family of one running runtime ({@code /}, the management API,
 * the generic format, docker/OCI under {@code /v2}, the base paths of the formats not served yet, a backslash, a bad
 * percent-encoding, wrong methods, a wrong {@code Accept} or {@code Content-Type}) answer in the error format of the
 * route's protocol: an RFC 9457 problem off the protocol routes, the OCI error document under {@code /v2}, npm's
 * {@code {"error"}} and Go's plain text on their base paths. Requests go over a plain socket, so that no client
 * re-encodes the target before the runtime sees it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ErrorShapesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVED =
            "formats served: docker/OCI (incl. Helm charts as OCI), maven, npm, pypi, generic";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        StringBuilder formats = new StringBuilder();
        for (String[] registryOf :
                new String[][] {{"images", "docker"}, {"node", "npm"}, {"wheels", "pypi"}, {"modules", "go"}}) {
            formats.append("""
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: %s
                    spec:
                      format: %s
                      access:
                        anonymousRead: true
                        usersSecret: test-users
                    ---
                    """.formatted(registryOf[0], registryOf[1]));
        }
        Files.writeString(root.resolve("config").resolve("formats.yaml"), formats);
    }

    @LocalServerPort
    private int port;

    /** The shape of an error body. */
    private enum Shape {
        PROBLEM("application/problem+json"),
        OCI("application/json"),
        NPM("application/json"),
        TEXT("text/plain;charset=UTF-8"),
        HOME("application/json");

        private final String contentType;

        Shape(String contentType) {
            this.contentType = contentType;
        }
    }

    /**
     * One request and what it must get.
     *
     * @param message a text the problem's detail, the OCI error's message, npm's error or the text must contain
     * @param allow the {@code Allow} header a 405 must carry, empty for none
     * @param code the OCI error code, for {@link Shape#OCI}
     */
    private record Row(
            String method,
            String target,
            List<String> headers,
            int status,
            Shape shape,
            String message,
            String allow,
            String code) {

        static Row of(String method, String target, int status, Shape shape, String message) {
            return new Row(method, target, List.of(), status, shape, message, "", "");
        }

        Row headers(String... lines) {
            return new Row(method, target, List.of(lines), status, shape, message, allow, code);
        }

        Row allow(String methods) {
            return new Row(method, target, headers, status, shape, message, methods, code);
        }

        Row code(String ociCode) {
            return new Row(method, target, headers, status, shape, message, allow, ociCode);
        }

        @Override
        public String toString() {
            return method + " " + target + (headers.isEmpty() ? "" : " " + headers) + " answers " + status + " "
                    + shape;
        }
    }

    private static List<Row> table() {
        String admin = "Authorization: " + basic(ADMIN);
        String notServed = "Wharf does not serve";
        return List.of(
                // "/": what there is instead of a UI.
                Row.of("GET", "/", 200, Shape.HOME, "no web UI yet"),
                Row.of("POST", "/", 405, Shape.PROBLEM, "/ takes GET, HEAD, not POST")
                        .allow("GET,HEAD"),
                // Paths no route serves.
                Row.of("GET", "/nothing", 404, Shape.PROBLEM, "no route serves GET /nothing; the registries are"),
                Row.of("DELETE", "/nothing/deeper", 404, Shape.PROBLEM, "no route serves DELETE /nothing/deeper"),
                // A browser's Accept gets the problem too, never Spring Boot's whitelabel page.
                Row.of("GET", "/nothing", 404, Shape.PROBLEM, "no route serves GET /nothing")
                        .headers("Accept: text/html,application/xhtml+xml,*/*;q=0.8"),
                Row.of("GET", "/npm", 404, Shape.NPM, "the npm registry API has no GET /npm; npm registries are at"),
                Row.of("GET", "/no%zz", 400, Shape.PROBLEM, "malformed escape pair '%' at index 3"),
                Row.of("GET", "/a\\b", 400, Shape.PROBLEM, "illegal character in path '\\' at index 2"),
                // The management API.
                Row.of("GET", "/api/v1/nothing", 404, Shape.PROBLEM, "the management API has no path /api/v1/nothing"),
                Row.of("DELETE", "/api/v1/status", 405, Shape.PROBLEM, "/api/v1/status takes GET, not DELETE")
                        .allow("GET"),
                Row.of("OPTIONS", "/api/v1/registries", 405, Shape.PROBLEM, "takes GET, not OPTIONS")
                        .allow("GET"),
                Row.of("GET", "/api/v1/registries", 406, Shape.PROBLEM, "answers only [application/json]")
                        .headers("Accept: text/csv"),
                Row.of("GET", "/api/v1/registries", 400, Shape.PROBLEM, "the Accept header '///' is not a list")
                        .headers("Accept: ///"),
                Row.of("POST", "/api/v1/tokens", 415, Shape.PROBLEM, "send the body as application/json")
                        .headers(admin, "Content-Type: text/csv"),
                Row.of("GET", "/api/v1/registries/a%zz", 400, Shape.PROBLEM, "malformed escape pair"),
                Row.of("GET", "/api/v1/registries/a\\b", 400, Shape.PROBLEM, "a backslash as %5C"),
                // The generic format.
                Row.of("POST", "/generic/files/pkg/1.0/a.txt", 405, Shape.PROBLEM, "takes DELETE, GET, HEAD, PUT")
                        .allow("DELETE,GET,HEAD,PUT"),
                Row.of("PATCH", "/generic", 405, Shape.PROBLEM, "/generic takes DELETE, GET, HEAD, PUT, not PATCH")
                        .allow("DELETE,GET,HEAD,PUT"),
                Row.of("GET", "/generic/files/pkg//a.txt", 400, Shape.PROBLEM, "the version is empty"),
                Row.of("GET", "/generic/nowhere/pkg/1.0/a.txt", 404, Shape.PROBLEM, "no registry named 'nowhere'"),
                Row.of("GET", "/generic/files\\pkg/1.0/a.txt", 400, Shape.PROBLEM, "'\\' at index 14"),
                Row.of("PUT", "/generic/files/a%zz/1.0/a.txt", 400, Shape.PROBLEM, "malformed escape pair")
                        .headers(admin),
                // Docker/OCI: the distribution spec's errors.
                Row.of("GET", "/v2/no-such-path", 404, Shape.OCI, "is not an endpoint of the registry API")
                        .code("NAME_UNKNOWN"),
                Row.of("GET", "/v2/nowhere/app/manifests/1", 404, Shape.OCI, "no registry named 'nowhere'")
                        .code("NAME_UNKNOWN"),
                Row.of("PATCH", "/v2/images/app/manifests/1", 405, Shape.OCI, "PATCH is not an operation")
                        .code("UNSUPPORTED"),
                Row.of("POST", "/v2/", 405, Shape.OCI, "POST /v2/ is not an operation")
                        .code("UNSUPPORTED"),
                Row.of("GET", "/v2/images/a\\b/manifests/1", 400, Shape.OCI, "'\\' at index 12")
                        .code("NAME_INVALID"),
                Row.of("GET", "/v2/images/app/manifests/a%zz", 400, Shape.OCI, "malformed escape pair")
                        .code("NAME_INVALID"),
                // Formats not served yet: 400, which no client retries, in the client's own shape.
                // npm: its {"error": ...} documents.
                Row.of("GET", "/npm/node/express", 404, Shape.NPM, "registry 'node' has no package 'express'"),
                Row.of("PUT", "/npm/node/express", 401, Shape.NPM, "registry 'node'"),
                Row.of("GET", "/npm/node/-/no/such/endpoint", 404, Shape.NPM, "the npm registry API has no GET"),
                Row.of("GET", "/npm/node/Bad%20Name", 400, Shape.NPM, "is not valid"),
                Row.of("GET", "/npm/nowhere/express", 404, Shape.NPM, "no registry named 'nowhere'"),
                Row.of("GET", "/npm/node/a%zz", 400, Shape.NPM, "malformed escape pair"),
                Row.of("GET", "/cargo/crates/api/v1/crates/serde", 400, Shape.PROBLEM, notServed + " cargo"),
                Row.of("GET", "/maven/jars/org/example/app/1.0/app-1.0.jar", 401, Shape.PROBLEM, "needs the read role"),
                Row.of("GET", "/maven/jars/org/example/app/1.0/../x.jar", 400, Shape.PROBLEM, "relative path")
                        .headers(admin),
                Row.of("GET", "/pypi/wheels/simple/requests/", 404, Shape.TEXT, "has no project 'requests'"),
                Row.of("GET", "/pypi/nowhere/simple/requests/", 404, Shape.TEXT, "no registry named 'nowhere'"),
                Row.of("GET", "/go/modules/example.com/m/@v/list", 400, Shape.TEXT, notServed + " go yet; " + SERVED),
                Row.of("GET", "/helm/nowhere/index.yaml", 404, Shape.PROBLEM, "no registry named 'nowhere'"),
                Row.of("GET", "/cargo/x\\y/index/config.json", 400, Shape.PROBLEM, "a backslash as %5C"));
    }

    @TestFactory
    Stream<DynamicTest> errorWhenRequestIsUnknownOrMalformedShouldAnswerInTheShapeOfItsRouteFamily() {
        return table().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> check(row)));
    }

    @TestFactory
    Stream<DynamicTest> errorWhenMethodIsHeadShouldAnswerTheStatusAndTypeWithoutABody() {
        return Stream.of("/nothing", "/a\\b", "/api/v1/nothing", "/generic/files/a%zz/1/a.txt")
                .map(target -> DynamicTest.dynamicTest("HEAD " + target, () -> {
                    Response response = exchange("HEAD", target, List.of());
                    assertThat(response.status()).isIn(400, 404);
                    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
                    assertThat(response.body()).isEmpty();
                }));
    }

    @Test
    void messageWhenFormatIsNotServedShouldBeTheSameOnEveryRoute() {
        assertThat(json(exchange("GET", "/cargo/crates/api/v1/crates/serde", List.of()))
                        .path("detail")
                        .asString())
                .isEqualTo("registry 'crates' is a cargo registry; Wharf does not serve cargo yet; " + SERVED);
        assertThat(exchange("GET", "/go/modules/x/@v/list", List.of()).text())
                .isEqualTo("registry 'modules' is a go registry; Wharf does not serve go yet; " + SERVED + "\n");
    }

    @Test
    void problemWhenErrorIsUnexpectedShouldBe500WithoutItsMessage() {
        ProblemDetail problem = Problems.problem(new IllegalStateException("password=hunter2 at /var/lib/wharf"));

        assertThat(problem.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.value());
        assertThat(problem.getDetail()).isEqualTo("the runtime failed to serve this request; its log says why");
    }

    private void check(Row row) {
        Response response = exchange(row.method(), row.target(), row.headers());
        assertThat(response.status()).as(response.toString()).isEqualTo(row.status());
        assertThat(response.header("content-type")).as(response.toString()).isEqualTo(row.shape().contentType);
        if (!row.allow().isEmpty()) {
            assertThat(Arrays.stream(response.header("allow").split(","))
                            .map(String::trim)
                            .sorted()
                            .toList())
                    .as(response.toString())
                    .isEqualTo(Arrays.stream(row.allow().split(",")).sorted().toList());
        }
        switch (row.shape()) {
            case PROBLEM -> {
                JsonNode problem = json(response);
                assertThat(problem.path("type").asString()).isEqualTo("about:blank");
                assertThat(problem.path("title").asString()).isNotBlank();
                assertThat(problem.path("status").asInt()).isEqualTo(row.status());
                assertThat(problem.path("detail").asString()).contains(row.message());
                String instance = problem.path("instance").asString();
                assertThat(instance).startsWith("/");
                assertThat(java.net.URI.create(instance).getPath()).isNotNull();
            }
            case OCI -> {
                JsonNode errors = json(response).path("errors");
                assertThat(errors.size()).as(response.toString()).isEqualTo(1);
                assertThat(errors.get(0).path("code").asString()).isEqualTo(row.code());
                assertThat(errors.get(0).path("message").asString()).contains(row.message());
                assertThat(errors.get(0).has("detail")).isTrue();
            }
            case NPM -> {
                JsonNode body = json(response);
                assertThat(body.propertyNames()).containsExactly("error");
                assertThat(body.path("error").asString()).contains(row.message());
            }
            case TEXT -> assertThat(response.text()).contains(row.message());
            case HOME -> {
                JsonNode home = json(response);
                assertThat(home.path("message").asString()).contains(row.message());
                assertThat(home.path("status").asString()).isEqualTo("/api/v1/status");
                assertThat(home.path("openapi").asString()).isEqualTo("/api/v1/openapi.json");
                assertThat(home.path("formatsServed").asString())
                        .isEqualTo("docker/OCI (incl. Helm charts as OCI), maven, npm, pypi, generic");
                assertThat(home.path("formats").path("generic").asString()).startsWith("/generic/<registry>/");
            }
        }
    }

    private static JsonNode json(Response response) {
        return JSON.readTree(response.body());
    }

    /** A response off the wire; header names in lower case. */
    private record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** One request written by hand, so that the target reaches the runtime exactly as given. */
    private Response exchange(String method, String target, List<String> headers) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach(line -> head.append(line).append("\r\n"));
        boolean bodyless = method.equals("GET") || method.equals("HEAD");
        head.append(bodyless ? "" : "Content-Length: 1\r\n").append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bodyless ? new byte[0] : new byte[] {'x'});
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> parsed = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                parsed.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
            assertThat(parsed.get("transfer-encoding"))
                    .as("a chunked body in " + text)
                    .isNull();
            if (!method.equals("HEAD") && parsed.containsKey("content-length")) {
                assertThat(body).hasSize(Integer.parseInt(parsed.get("content-length")));
            }
            return new Response(Integer.parseInt(lines[0].split(" ", 3)[1]), parsed, body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }
}
