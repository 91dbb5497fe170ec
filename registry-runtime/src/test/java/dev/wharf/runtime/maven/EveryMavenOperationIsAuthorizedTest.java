package dev.wharf.runtime.maven;

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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Every operation the Maven module registers refuses a caller without the role it needs, at a path the operation
 * serves in a maven registry ({@code EveryRouteIsAuthorizedTest} delegates them here, as its fixture is generic):
 * anonymous gets 401 with a Basic challenge, an authenticated user one role short 403, anonymous deploys are refused
 * where anonymous reads are allowed, and a user with the role gets the operation's success.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public class EveryMavenOperationIsAuthorizedTest {

    private static final AtomicInteger DEPLOYS = new AtomicInteger();

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        MavenTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private MavenModule module;

    @TestFactory
    Stream<DynamicContainer> everyOperationShouldRefuseCallersWithoutTheRoleItNeeds() {
        List<FormatOperation> operations = module.operations();
        assertThat(operations).extracting(FormatOperation::name).contains("file.deploy", "file.download");
        return operations.stream()
                .map(operation -> DynamicContainer.dynamicContainer(
                        operation.method() + " " + operation.example() + " needs "
                                + operation.role().orElseThrow().name().toLowerCase(Locale.ROOT),
                        checks(operation.method(), operation.role().orElseThrow())));
    }

    private Stream<DynamicTest> checks(HttpMethod method, Role role) {
        Stream.Builder<DynamicTest> checks = Stream.builder();
        checks.add(DynamicTest.dynamicTest(
                "anonymous on jars gets 401 with a Basic challenge",
                () -> assertChallenged(send(method, url(MavenTestRuntime.JARS, method), null))));
        checks.add(DynamicTest.dynamicTest(
                "a wrong password gets 401",
                () -> assertChallenged(send(method, url(MavenTestRuntime.JARS, method), "Basic d3JpdGVyOndyb25n"))));
        checks.add(DynamicTest.dynamicTest(
                STRANGER + " without any role gets 403",
                () -> assertStatus(send(method, url(MavenTestRuntime.JARS, method), basic(STRANGER)), 403)));
        if (role == Role.WRITE) {
            checks.add(DynamicTest.dynamicTest(
                    READER + ", one role short, gets 403",
                    () -> assertStatus(send(method, url(MavenTestRuntime.JARS, method), basic(READER)), 403)));
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on public-jars, which allows only anonymous read, gets 401",
                    () -> assertChallenged(send(method, url(MavenTestRuntime.PUBLIC, method), null))));
        } else {
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on public-jars, which allows anonymous read, gets 200",
                    () -> assertStatus(send(method, url(MavenTestRuntime.PUBLIC, method), null), 200)));
        }
        checks.add(DynamicTest.dynamicTest(
                userWith(role) + " with the role gets " + (role == Role.WRITE ? 201 : 200),
                () -> assertStatus(
                        send(method, url(MavenTestRuntime.JARS, method), basic(userWith(role))),
                        role == Role.WRITE ? 201 : 200)));
        return checks.build();
    }

    /** A file to deploy, new each time; or one deployed for the reads. */
    private String url(String registry, HttpMethod method) {
        if (method.equals(HttpMethod.PUT)) {
            String version = "1." + DEPLOYS.incrementAndGet();
            return "/maven/" + registry + "/org/example/authz/" + version + "/authz-" + version + ".jar";
        }
        String url = "/maven/" + registry + "/org/example/authz/1.0/authz-1.0.jar";
        client.put()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(new byte[] {1, 2, 3})
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        return url;
    }

    private EntityExchangeResult<byte[]> send(HttpMethod method, String url, @Nullable String authorization) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(url);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (method.equals(HttpMethod.PUT)) {
            request.bodyValue(new byte[] {4, 5, 6});
        }
        return request.exchange().expectBody().returnResult();
    }

    private static void assertChallenged(EntityExchangeResult<byte[]> result) {
        assertStatus(result, 401);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as("the challenge of %s", result.getUrl())
                .startsWith("Basic ");
    }

    private static void assertStatus(EntityExchangeResult<byte[]> result, int status) {
        assertThat(result.getStatus().value())
                .as("%s %s answered %s", result.getMethod(), result.getUrl(), result)
                .isEqualTo(status);
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
