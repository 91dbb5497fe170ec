package dev.wharf.runtime.api;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document: served publicly, and in step with the routes, which a visitor of the router lists. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OpenApiDocumentTest {

    private static final String DOCUMENT = "src/main/resources/" + OpenApiDocument.RESOURCE;
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private ApiRoutes routes;

    @Autowired
    private JsonMapper json;

    @Test
    void openApiDocumentShouldBeServedToAnonymousCallersAsJson() {
        client.get()
                .uri("/api/v1/openapi.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.openapi")
                .isEqualTo("3.1.0")
                .jsonPath("$.info.title")
                .isEqualTo("Wharf management API");
    }

    @Test
    void everyRouteShouldBeInTheDocumentAndEveryDocumentedOperationARoute() throws Exception {
        Set<String> routed = routed(routes.routes());
        Set<String> documented = documented();

        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routed);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(undocumented)
                    .as(
                            "routes missing from %s; add an operation for each under paths (write {*path} as {path})",
                            DOCUMENT)
                    .isEmpty();
            softly.assertThat(unrouted)
                    .as("operations in %s that no route serves; remove them or add the route in ApiRoutes", DOCUMENT)
                    .isEmpty();
        });
        assertThat(routed)
                .contains("GET /api/v1/registries/{registry}/packages/{package}/versions/{version}/files/{path}");
    }

    @Test
    void everyDocumentedOperationShouldHaveAnIdASummaryAndAnswers() throws Exception {
        JsonNode paths = document().get("paths");
        List<String> incomplete = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode body = operation.getValue();
                if (!body.has("operationId")
                        || !body.has("summary")
                        || body.get("responses").isEmpty()) {
                    incomplete.add(operation.getKey() + " " + path.getKey());
                }
            }
        }
        assertThat(incomplete)
                .as("operations of %s lacking operationId, summary or responses", DOCUMENT)
                .isEmpty();
    }

    @Test
    void unknownApiPathShouldAnswer404ProblemPointingAtTheDocument() {
        client.get()
                .uri("/api/v1/nothing-here")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the management API has no path /api/v1/nothing-here; GET /api/v1/openapi.json describes"
                        + " the paths it has");
    }

    @Test
    void knownApiPathWithAnotherMethodShouldAnswer405NamingTheMethodsItTakes() {
        client.post()
                .uri("/api/v1/registries/files")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .valueEquals(HttpHeaders.ALLOW, "GET")
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("/api/v1/registries/files takes GET, not POST");
    }

    private JsonNode document() throws Exception {
        Resource resource = new ClassPathResource(OpenApiDocument.RESOURCE);
        try (var in = resource.getInputStream()) {
            return json.readTree(in);
        }
    }

    private Set<String> documented() throws Exception {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document().get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (OPERATIONS.contains(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** Every {@code METHOD pattern} the router serves, the fallback for unknown paths left out. */
    private static Set<String> routed(RouterFunction<?> router) {
        Set<String> routed = new TreeSet<>();
        router.accept(new RouterFunctions.Visitor() {
            private final Deque<String> prefixes = new ArrayDeque<>();

            @Override
            public void startNested(RequestPredicate predicate) {
                prefixes.push(describe(predicate).path());
            }

            @Override
            public void endNested(RequestPredicate predicate) {
                prefixes.pop();
            }

            @Override
            public void route(RequestPredicate predicate, HandlerFunction<?> handler) {
                Route route = describe(predicate);
                if (route.methods().isEmpty()) {
                    assertThat(route.path()).as("a route without a method").isEqualTo(ApiPaths.BASE + "/**");
                    return;
                }
                String path = String.join("", prefixes.reversed()) + route.path();
                for (String method : route.methods()) {
                    routed.add(method + " " + path.replace("{*", "{"));
                }
            }

            @Override
            public void resources(Function<ServerRequest, Mono<Resource>> lookup) {}

            @Override
            public void attributes(Map<String, Object> attributes) {}

            @Override
            public void unknown(RouterFunction<?> function) {
                throw new AssertionError("the router holds a function the test cannot list: " + function);
            }
        });
        return routed;
    }

    private record Route(Set<String> methods, String path) {}

    @SuppressWarnings("removal") // the visitor must still implement pathExtension
    private static Route describe(RequestPredicate predicate) {
        Set<String> methods = new TreeSet<>();
        StringBuilder path = new StringBuilder();
        predicate.accept(new RequestPredicates.Visitor() {
            @Override
            public void method(Set<HttpMethod> httpMethods) {
                httpMethods.forEach(method -> methods.add(method.name()));
            }

            @Override
            public void path(String pattern) {
                path.append(pattern);
            }

            @Override
            public void pathExtension(String extension) {}

            @Override
            public void header(String name, String value) {}

            @Override
            public void queryParam(String name, String value) {}

            @Override
            public void version(String version) {}

            @Override
            public void startAnd() {}

            @Override
            public void and() {}

            @Override
            public void endAnd() {}

            @Override
            public void startOr() {}

            @Override
            public void or() {}

            @Override
            public void endOr() {}

            @Override
            public void startNegate() {}

            @Override
            public void endNegate() {}

            @Override
            public void unknown(RequestPredicate unknown) {
                throw new AssertionError("the router holds a predicate the test cannot list: " + unknown);
            }
        });
        return new Route(methods, path.toString());
    }
}
