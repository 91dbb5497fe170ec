package dev.wharf.runtime.npm;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.STRANGER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.web.FormatOperation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Every operation the npm module registers on a registry ({@code EveryRouteIsAuthorizedTest} delegates them here, as
 * its runtime has no npm registry) refuses a caller without the role it needs: anonymous and wrong passwords get 401
 * with a challenge, a user one role short 403, both as npm's {@code {"error": ...}}; anonymous writes are refused even
 * where anonymous reads are allowed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public class EveryNpmOperationIsAuthorizedTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        NpmTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private NpmModule module;

    /** One operation: a method, its URL with {@code {registry}} for the registry's name, and the role it needs. */
    private record Operation(HttpMethod method, String example, Role role) {

        String name() {
            return method + " " + example + " needs " + role.name().toLowerCase(Locale.ROOT);
        }

        String url(String registry) {
            return example.replace("{registry}", registry);
        }
    }

    private List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (FormatOperation operation : module.operations()) {
            operation
                    .role()
                    .ifPresent(role -> operations.add(new Operation(operation.method(), operation.example(), role)));
        }
        assertThat(operations).as("the npm module's operations on a registry").hasSizeGreaterThan(10);
        return operations;
    }

    @TestFactory
    Stream<DynamicContainer> everyOperationShouldRefuseCallersWithoutTheRoleItNeeds() {
        return operations().stream()
                .map(operation -> DynamicContainer.dynamicContainer(operation.name(), checks(operation)));
    }

    private Stream<DynamicTest> checks(Operation operation) {
        String privateUrl = operation.url(NpmTestRuntime.HOSTED);
        String publicUrl = operation.url(NpmTestRuntime.PUBLIC);
        String below = below(operation.role());
        Stream.Builder<DynamicTest> checks = Stream.builder();
        checks.add(DynamicTest.dynamicTest(
                "anonymous gets 401 with a challenge",
                () -> assertChallenged(send(operation.method(), privateUrl, null))));
        checks.add(DynamicTest.dynamicTest(
                "a wrong password gets 401",
                () -> assertStatus(send(operation.method(), privateUrl, "Basic d3JpdGVyOndyb25n"), 401)));
        checks.add(DynamicTest.dynamicTest(
                STRANGER + " without any role gets 403",
                () -> assertDenied(send(operation.method(), privateUrl, basic(STRANGER)))));
        if (below != null) {
            checks.add(DynamicTest.dynamicTest(
                    below + ", one role short, gets 403",
                    () -> assertDenied(send(operation.method(), privateUrl, basic(below)))));
        }
        checks.add(DynamicTest.dynamicTest(
                "a user with the role is allowed: a success or npm's own answer, never 401, 403 or a 5xx",
                () -> assertAllowed(send(operation.method(), privateUrl, basic(userWith(operation.role()))))));
        if (actsOnTheCaller(operation.example())) {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous whoami, logout or tokens on a registry that allows anonymous read gets 401: nobody is"
                            + " logged in",
                    () -> assertChallenged(send(operation.method(), publicUrl, null))));
        } else if (operation.role() == Role.READ) {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on a registry that allows anonymous read is allowed",
                    () -> assertAllowed(send(operation.method(), publicUrl, null))));
        } else {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on a registry that allows only anonymous read gets 401",
                    () -> assertChallenged(send(operation.method(), publicUrl, null))));
        }
        return checks.build();
    }

    /** Whether the operation is about the caller (whoami, logout, tokens), which an anonymous caller has none of. */
    private static boolean actsOnTheCaller(String example) {
        return example.endsWith("/-/whoami") || example.contains("/-/user/token/") || example.contains("/-/npm/v1/");
    }

    private EntityExchangeResult<byte[]> send(HttpMethod method, String url, @Nullable String authorization) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(url);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return request.exchange().expectBody().returnResult();
    }

    private static void assertAllowed(EntityExchangeResult<byte[]> result) {
        int status = result.getStatus().value();
        assertThat(status)
                .as("%s %s: %s", result.getMethod(), result.getUrl(), body(result))
                .isLessThan(500)
                .isNotIn(401, 403);
        if (status >= 400 && result.getMethod() != HttpMethod.HEAD) {
            assertThat(body(result))
                    .as("the error of %s %s", result.getMethod(), result.getUrl())
                    .contains("\"error\"");
        }
    }

    private static void assertChallenged(EntityExchangeResult<byte[]> result) {
        assertStatus(result, 401);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as("the challenge of %s %s", result.getMethod(), result.getUrl())
                .startsWith("Basic realm=");
    }

    private static void assertDenied(EntityExchangeResult<byte[]> result) {
        assertStatus(result, 403);
        if (result.getMethod() != HttpMethod.HEAD) {
            assertThat(body(result)).contains("\"error\"");
        }
    }

    private static void assertStatus(EntityExchangeResult<byte[]> result, int status) {
        assertThat(result.getStatus().value())
                .as("%s %s: %s", result.getMethod(), result.getUrl(), body(result))
                .isEqualTo(status);
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBodyContent();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
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
