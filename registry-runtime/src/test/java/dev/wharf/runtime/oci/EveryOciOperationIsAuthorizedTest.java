package dev.wharf.runtime.oci;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.STRANGER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.web.FormatOperation;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** Where the module's example URLs of a repository's operations start. */
    private static final String REPOSITORY = "/v2/{registry}/app";

    @Autowired
    private WebTestClient client;

    @Autowired
    private OciModule module;

    /** One operation: a method, its URL with {@code {registry}} for the registry's name, and the role it needs. */
    private record Operation(HttpMethod method, String example, Role role) {

        String name() {
            return method + " " + example + " needs " + role.name().toLowerCase(java.util.Locale.ROOT);
        }

        String url(String registry) {
            return example.replace("{registry}", registry);
        }

        /** What the challenge names: the repository's scope; a registry's catalog names none. */
        String scope(String registry) {
            return example.startsWith(REPOSITORY) ? "scope=\"repository:" + registry + "/app:" : "service=";
        }
    }

    /**
     * The operations the docker module registers on a repository, each at its example URL, and the mounts of
     * {@code upload.start}, whose query names another repository to check as well.
     */
    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (FormatOperation operation : module.operations()) {
            operation
                    .role()
                    .ifPresent(role -> operations.add(new Operation(operation.method(), operation.example(), role)));
        }
        assertThat(operations)
                .as("the docker module's operations on a repository")
                .hasSizeGreaterThan(10);
        operations.add(new Operation(HttpMethod.POST, REPOSITORY + "/blobs/uploads/?digest=" + DIGEST, Role.WRITE));
        operations.add(new Operation(
                HttpMethod.POST, REPOSITORY + "/blobs/uploads/?mount=" + DIGEST + "&from=images/other", Role.WRITE));
        operations.add(new Operation(
                HttpMethod.POST,
                REPOSITORY + "/blobs/uploads/?mount=" + DIGEST + "&from=public-images/other",
                Role.WRITE));
        return operations;
    }

    @TestFactory
    Stream<DynamicContainer> everyOperationShouldRefuseCallersWithoutTheRoleItNeeds() {
        return operations().stream()
                .map(operation -> DynamicContainer.dynamicContainer(operation.name(), checks(operation)));
    }

    private Stream<DynamicTest> checks(Operation operation) {
        String privateUrl = operation.url("images");
        String publicUrl = operation.url("public-images");
        String below = below(operation.role());
        Stream.Builder<DynamicTest> checks = Stream.builder();
        checks.add(DynamicTest.dynamicTest(
                "anonymous on images gets 401 with a Bearer challenge for the scope",
                () -> assertChallenged(send(operation.method(), privateUrl, null), operation.scope("images"))));
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
                "a user with the role is allowed: a success or the protocol's own answer, never 401, 403 or a 5xx",
                () -> assertAllowed(send(operation.method(), privateUrl, basic(userWith(operation.role()))))));
        if (operation.role() == Role.READ) {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on public-images, which allows anonymous read, is allowed",
                    () -> assertAllowed(send(operation.method(), publicUrl, null))));
        } else {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on public-images, which allows only anonymous read, gets 401",
                    () -> assertChallenged(
                            send(operation.method(), publicUrl, null), operation.scope("public-images"))));
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

    /** Past authorization: a 2xx, or a 4xx other than 401 and 403 that is the spec's error document. */
    private static void assertAllowed(EntityExchangeResult<byte[]> result) {
        int status = result.getStatus().value();
        assertThat(status)
                .as("%s %s", result.getMethod(), result.getUrl())
                .isLessThan(500)
                .isNotIn(401, 403);
        if (status >= 400 && result.getMethod() != HttpMethod.HEAD) {
            assertThat(new String(
                            result.getResponseBodyContent() == null ? new byte[0] : result.getResponseBodyContent(),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .as("the error of %s %s", result.getMethod(), result.getUrl())
                    .contains("\"errors\"");
        }
    }

    private static void assertChallenged(EntityExchangeResult<byte[]> result, String scope) {
        assertStatus(result, 401);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as("the challenge of %s %s", result.getMethod(), result.getUrl())
                .startsWith("Bearer realm=")
                .contains(scope);
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
