package dev.wharf.runtime.oci;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.STRANGER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every operation the docker format dispatches under {@code /v2/<registry>/<name>/...} (one route for the router, so
 * {@code EveryRouteIsAuthorizedTest} delegates them here) refuses a caller without the role it needs: anonymous gets
 * 401 with a Bearer challenge naming the scope, an authenticated user one role short gets 403 DENIED, and anonymous
 * writes are refused even where anonymous reads are allowed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public class EveryOciOperationIsAuthorizedTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    /** One operation: a method, a path under {@code /v2/<registry>/app}, and the role it needs. */
    private record Operation(HttpMethod method, String path, Role role) {

        String name() {
            return method + " /v2/{registry}/{name}" + path + " needs "
                    + role.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final List<Operation> OPERATIONS = List.of(
            new Operation(HttpMethod.GET, "/tags/list", Role.READ),
            new Operation(HttpMethod.GET, "/manifests/latest", Role.READ),
            new Operation(HttpMethod.HEAD, "/manifests/latest", Role.READ),
            new Operation(HttpMethod.GET, "/manifests/" + DIGEST, Role.READ),
            new Operation(HttpMethod.GET, "/blobs/" + DIGEST, Role.READ),
            new Operation(HttpMethod.HEAD, "/blobs/" + DIGEST, Role.READ),
            new Operation(HttpMethod.GET, "/referrers/" + DIGEST, Role.READ),
            new Operation(HttpMethod.POST, "/blobs/uploads/", Role.WRITE),
            new Operation(HttpMethod.POST, "/blobs/uploads/?digest=" + DIGEST, Role.WRITE),
            new Operation(HttpMethod.POST, "/blobs/uploads/?mount=" + DIGEST + "&from=images/other", Role.WRITE),
            new Operation(HttpMethod.POST, "/blobs/uploads/?mount=" + DIGEST + "&from=public-images/other", Role.WRITE),
            new Operation(HttpMethod.GET, "/blobs/uploads/00000000-0000-0000-0000-000000000000", Role.WRITE),
            new Operation(HttpMethod.PATCH, "/blobs/uploads/00000000-0000-0000-0000-000000000000", Role.WRITE),
            new Operation(
                    HttpMethod.PUT, "/blobs/uploads/00000000-0000-0000-0000-000000000000?digest=" + DIGEST, Role.WRITE),
            new Operation(HttpMethod.DELETE, "/blobs/uploads/00000000-0000-0000-0000-000000000000", Role.WRITE),
            new Operation(HttpMethod.PUT, "/manifests/latest", Role.WRITE),
            new Operation(HttpMethod.DELETE, "/manifests/" + DIGEST, Role.DELETE),
            new Operation(HttpMethod.DELETE, "/manifests/latest", Role.DELETE),
            new Operation(HttpMethod.DELETE, "/blobs/" + DIGEST, Role.DELETE));

    @TestFactory
    Stream<DynamicContainer> everyOperationShouldRefuseCallersWithoutTheRoleItNeeds() {
        return OPERATIONS.stream()
                .map(operation -> DynamicContainer.dynamicContainer(operation.name(), checks(operation)));
    }

    private Stream<DynamicTest> checks(Operation operation) {
        String privateUrl = "/v2/images/app" + operation.path();
        String publicUrl = "/v2/public-images/app" + operation.path();
        String below = below(operation.role());
        Stream.Builder<DynamicTest> checks = Stream.builder();
        checks.add(DynamicTest.dynamicTest(
                "anonymous on images gets 401 with a Bearer challenge for the scope",
                () -> assertChallenged(send(operation.method(), privateUrl, null), "images/app")));
        checks.add(DynamicTest.dynamicTest(
                "a wrong password gets 401",
                () -> assertStatus(send(operation.method(), privateUrl, "Basic d3JpdGVyOndyb25n"), 401)));
        checks.add(DynamicTest.dynamicTest(
                STRANGER + " without any role gets 403 DENIED",
                () -> assertDenied(send(operation.method(), privateUrl, basic(STRANGER)))));
        if (below != null) {
            checks.add(DynamicTest.dynamicTest(
                    below + ", one role short, gets 403 DENIED",
                    () -> assertDenied(send(operation.method(), privateUrl, basic(below)))));
        }
        checks.add(DynamicTest.dynamicTest(
                "a user with the role gets past authorization (no 401 or 403)",
                () -> assertThat(send(operation.method(), privateUrl, basic(userWith(operation.role())))
                                .getStatus()
                                .value())
                        .isNotIn(401, 403)));
        if (operation.role() == Role.READ) {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on public-images, which allows anonymous read, gets past authorization",
                    () -> assertThat(send(operation.method(), publicUrl, null)
                                    .getStatus()
                                    .value())
                            .isNotIn(401, 403)));
        } else {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on public-images, which allows only anonymous read, gets 401",
                    () -> assertChallenged(send(operation.method(), publicUrl, null), "public-images/app")));
        }
        return checks.build();
    }

    private EntityExchangeResult<byte[]> send(HttpMethod method, String url, @Nullable String authorization) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(url);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.exchange().expectBody().returnResult();
    }

    private static void assertChallenged(EntityExchangeResult<byte[]> result, String repository) {
        assertStatus(result, 401);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as("the challenge of %s %s", result.getMethod(), result.getUrl())
                .startsWith("Bearer realm=")
                .contains("scope=\"repository:" + repository + ":");
    }

    private static void assertDenied(EntityExchangeResult<byte[]> result) {
        assertStatus(result, 403);
        if (result.getMethod() != HttpMethod.HEAD) {
            assertThat(new String(
                            result.getResponseBodyContent() == null ? new byte[0] : result.getResponseBodyContent(),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"DENIED\"");
        }
    }

    private static void assertStatus(EntityExchangeResult<byte[]> result, int status) {
        assertThat(result.getStatus().value())
                .as("%s %s", result.getMethod(), result.getUrl())
                .isEqualTo(status);
    }

    private static @Nullable String below(Role role) {
        return switch (role) {
            case READ -> null;
            case WRITE -> READER;
            case DELETE -> WRITER;
            case ADMIN -> DELETER;
        };
    }

    private static String userWith(Role role) {
        return switch (role) {
            case READ -> READER;
            case WRITE -> WRITER;
            case DELETE -> DELETER;
            case ADMIN -> ADMIN;
        };
    }
}
