package dev.wharf.runtime.web;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.STRANGER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.jayway.jsonpath.JsonPath;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.config.ConfiguredRegistry;
import dev.wharf.runtime.maven.EveryMavenOperationIsAuthorizedTest;
import dev.wharf.runtime.npm.EveryNpmOperationIsAuthorizedTest;
import dev.wharf.runtime.oci.EveryOciOperationIsAuthorizedTest;
import dev.wharf.runtime.pypi.EveryPypiOperationIsAuthorizedTest;
import dev.wharf.runtime.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the running runtime, found by walking its {@code RouterFunction} beans, refuses a caller without the
 * role the route needs: 401 with a challenge for anonymous callers and wrong passwords, 403 for a user one role short,
 * a user without any role, and an API token whose scopes do not allow it; a registry that allows anonymous read serves
 * its read routes anonymously and still answers 401 to anonymous writes. The {@link #table() table} says what each
 * route needs; a route it does not name fails, so a new format's routes cannot go unchecked.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class EveryRouteIsAuthorizedTest {

    private static final String PRIVATE = "files";
    private static final String PUBLIC = "public-files";
    private static final String COPY_TARGET = "copies";

    private static final String REGISTRY = "/api/v1/registries/{registry}";
    private static final String PACKAGE = REGISTRY + "/packages/{package}";
    private static final String VERSION = PACKAGE + "/versions/{version}";

    /** Actuator endpoints served without credentials, and why that is safe. */
    private static final Map<String, String> PUBLIC_ACTUATOR_ENDPOINTS = Map.of(
            "health", "kubelet probes it without credentials; it shows components, never their details",
            "info", "build information only",
            "prometheus", "Prometheus scrapes it without credentials; its tags carry no package names or digests");

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    private static @Nullable RouteFixture privateContent;
    private static @Nullable RouteFixture publicContent;

    /** An admin's API token that may only read, in every registry of the test runtime. */
    private static @Nullable String readOnlyToken;

    /** An admin's API token for the copy target only, none of the registries the routes name. */
    private static @Nullable String otherRegistryToken;

    @Autowired
    private WebTestClient client;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private UnimplementedFormats unimplemented;

    @Autowired
    private ServedRegistries registries;

    @BeforeAll
    static void createContent(@Autowired WebTestClient client) {
        privateContent = RouteFixture.create(client, PRIVATE);
        publicContent = RouteFixture.create(client, PUBLIC);
        readOnlyToken = issueToken(
                client,
                "{\"" + PRIVATE + "\": \"read\", \"" + PUBLIC + "\": \"read\", \"" + COPY_TARGET + "\": \"read\"}");
        otherRegistryToken = issueToken(client, "{\"" + COPY_TARGET + "\": \"admin\"}");
    }

    private static String issueToken(WebTestClient client, String scopes) {
        byte[] issued = client.post()
                .uri("/api/v1/tokens")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        "{\"description\": \"authorization test\", \"expiresInDays\": 1, \"scopes\": " + scopes + "}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .returnResult()
                .getResponseBodyContent();
        return JsonPath.read(new String(issued == null ? new byte[0] : issued, StandardCharsets.UTF_8), "$.token");
    }

    /** What a route needs from its caller. */
    private sealed interface Rule {}

    /**
     * A role in the registry the URL names.
     *
     * @param success the status a caller with exactly that role gets on fresh content
     * @param body the request body, or null
     */
    private record NeedsRole(
            Role role, int success, @Nullable Body body) implements Rule {}

    /** Any authenticated caller of any registry, for endpoints of the whole runtime. */
    private record NeedsAuthentication(
            int success, @Nullable Body body) implements Rule {}

    /** An admin of every registry served, for what acts on all of them (a blob collection). */
    private record NeedsAdminOfEveryRegistry(int success) implements Rule {}

    /** Anyone; the answer lists only the registries the caller may read. */
    private record ListsReadableRegistries() implements Rule {}

    /**
     * No authorization, and why none is needed; {@code probe} is an anonymous request proving what it answers.
     *
     * @param status the status an anonymous {@code GET probe} gets
     */
    private record Unguarded(String reason, String probe, int status) implements Rule {}

    /**
     * Routes that dispatch many operations behind one pattern, in registries of a format this test's runtime does not
     * configure; {@code test} proves, operation by operation, that each refuses a caller without its role.
     */
    private record ProvenBy(Class<?> test) implements Rule {}

    /** A request body and its content type. */
    private record Body(String content, MediaType type) {

        static Body json(String json) {
            return new Body(json, MediaType.APPLICATION_JSON);
        }
    }

    private static final Body METADATA = Body.json("{\"team\": \"platform\"}");
    private static final Body TOKEN =
            Body.json("{\"description\": \"authorization test\", \"expiresInDays\": 1, \"scopes\": {\"" + PUBLIC
                    + "\": \"read\"}}");

    /**
     * The authorization table: every route the runtime serves, keyed as {@link RouteInventory.Route#key()} names it,
     * with what it needs. A new route belongs here.
     */
    private Map<String, Rule> table() {
        Map<String, Rule> table = new LinkedHashMap<>();
        formatOperations(table);
        table.put(
                "* /generic/**",
                new Unguarded(
                        "the generic fallback for URLs the pattern above cannot match (an empty segment): a 400"
                                + " saying what is wrong, before any registry is looked up or anything is read;"
                                + " a 405 for the methods the format does not take",
                        "/generic/files/pkg//file.txt",
                        400));

        table.put(
                "GET /api/v1/openapi.json",
                new Unguarded(
                        "the API's own description: it names no registry and holds no content",
                        "/api/v1/openapi.json",
                        200));
        table.put("GET /api/v1/status", new NeedsAuthentication(200, null));
        table.put("POST /api/v1/gc", new NeedsAdminOfEveryRegistry(200));
        table.put("GET /api/v1/cleanup-policies", new NeedsAdminOfEveryRegistry(200));
        // A name no loaded policy has: only an admin of every registry learns that it does not exist.
        table.put("GET /api/v1/cleanup-policies/{policy}", new NeedsAdminOfEveryRegistry(404));
        table.put("POST /api/v1/cleanup-policies/{policy}/plan", new NeedsAdminOfEveryRegistry(404));
        table.put("GET /api/v1/cleanup-policies/{policy}/plan/candidates", new NeedsAdminOfEveryRegistry(404));
        table.put("GET /api/v1/cleanup-policies/{policy}/plan/kept", new NeedsAdminOfEveryRegistry(404));
        table.put("POST /api/v1/cleanup-policies/{policy}/run", new NeedsAdminOfEveryRegistry(404));
        table.put("GET /api/v1/tokens", new NeedsAuthentication(200, null));
        table.put("POST /api/v1/tokens", new NeedsAuthentication(201, TOKEN));
        table.put("DELETE /api/v1/tokens/{id}", new NeedsAuthentication(204, null));

        table.put("GET /api/v1/registries", new ListsReadableRegistries());
        table.put("GET " + REGISTRY, new NeedsRole(Role.READ, 200, null));
        table.put("GET " + REGISTRY + "/metadata", new NeedsRole(Role.READ, 200, null));
        // Registry metadata comes from the manifest: a reader learns so from a 409, others get 401 or 403 first.
        table.put("PUT " + REGISTRY + "/metadata", new NeedsRole(Role.READ, 409, METADATA));
        table.put("PATCH " + REGISTRY + "/metadata", new NeedsRole(Role.READ, 409, METADATA));
        table.put("DELETE " + REGISTRY + "/metadata/{key}", new NeedsRole(Role.READ, 409, null));
        // Without ?token=new: commands with placeholders, for anyone who may read the registry.
        table.put("GET " + REGISTRY + "/setup", new NeedsRole(Role.READ, 200, null));

        table.put("GET " + REGISTRY + "/packages", new NeedsRole(Role.READ, 200, null));
        table.put("GET " + PACKAGE, new NeedsRole(Role.READ, 200, null));
        table.put("DELETE " + PACKAGE, new NeedsRole(Role.DELETE, 204, null));
        table.put("GET " + PACKAGE + "/download", new NeedsRole(Role.READ, 200, null));
        table.put("GET " + PACKAGE + "/versions", new NeedsRole(Role.READ, 200, null));
        table.put("GET " + PACKAGE + "/tags", new NeedsRole(Role.READ, 200, null));
        metadata(table, PACKAGE);

        table.put("GET " + VERSION, new NeedsRole(Role.READ, 200, null));
        table.put("DELETE " + VERSION, new NeedsRole(Role.DELETE, 204, null));
        table.put("GET " + VERSION + "/files", new NeedsRole(Role.READ, 200, null));
        table.put("GET " + VERSION + "/files/{*path}", new NeedsRole(Role.READ, 200, null));
        table.put("HEAD " + VERSION + "/files/{*path}", new NeedsRole(Role.READ, 200, null));
        table.put("GET " + VERSION + "/download", new NeedsRole(Role.READ, 200, null));
        // Read in the source, write in the target: the role checked last, and the one short of it, is write.
        table.put(
                "POST " + VERSION + "/copy",
                new NeedsRole(Role.WRITE, 201, Body.json("{\"targetRegistry\": \"" + COPY_TARGET + "\"}")));
        metadata(table, VERSION);

        table.put(
                "* /api/v1/**",
                new Unguarded(
                        "the API's fallback: 404 or 405 for paths and methods the API does not have, serving nothing",
                        "/api/v1/no-such-path",
                        404));
        table.put(
                "* /",
                new Unguarded(
                        "the home document: there is no UI yet, it says so and points at the management API; 405 for"
                                + " methods other than GET and HEAD; names no registry and holds no content",
                        "/",
                        200));
        table.put(
                "* /pypi/**",
                new Unguarded(
                        "the PyPI fallback for URLs no operation takes: a 404 naming the URL forms, or a 405, before any"
                                + " registry is looked up or anything is read",
                        "/pypi/nothing",
                        404));
        oci(table);
        table.put(
                "* /maven/**",
                new Unguarded(
                        "the maven fallback for URLs no operation takes: a 400 naming what is wrong with the URL, or a"
                                + " 405 for a method Maven does not use, serving nothing",
                        "/maven/jars",
                        400));
        table.put(
                "* /npm/**",
                new Unguarded(
                        "the npm fallback for URLs no operation takes: npm's 404 naming the URL, serving nothing",
                        "/npm/no-such-registry/-/no/such/path",
                        404));
        unimplementedFormats(table);
        return table;
    }

    /**
     * The operations every format module registers, read from the modules: each with the role it declares, or the
     * reason it declares for needing none. Generic registries are this runtime's; the docker format's operations are
     * proven by {@link EveryOciOperationIsAuthorizedTest}, which reads the same registrations.
     */
    private void formatOperations(Map<String, Rule> table) {
        for (FormatModule module : context.getBeansOfType(FormatModule.class).values()) {
            for (FormatOperation operation : module.operations()) {
                Rule rule = rule(module.format(), operation);
                RouteInventory.keys(operation).forEach(key -> table.put(key, rule));
            }
        }
    }

    private static Rule rule(Format format, FormatOperation operation) {
        if (operation.role().isEmpty()) {
            String reason = operation.unscopedAccess().orElseThrow();
            Integer status = UNSCOPED_ANONYMOUS_STATUS.get(operation.name());
            if (status == null) {
                throw new IllegalStateException(
                        "operation " + operation + " needs no role; add what an anonymous GET of"
                                + " its example answers to UNSCOPED_ANONYMOUS_STATUS");
            }
            return new Unguarded(reason, operation.example(), status);
        }
        if (format == Format.DOCKER) {
            return new ProvenBy(EveryOciOperationIsAuthorizedTest.class);
        }
        if (format == Format.MAVEN) {
            // Maven's operations need a maven registry and Maven paths, which the generic fixture has not.
            return new ProvenBy(EveryMavenOperationIsAuthorizedTest.class);
        }
        if (format == Format.PYPI) {
            return new ProvenBy(EveryPypiOperationIsAuthorizedTest.class);
        }
        if (format == Format.NPM) {
            return new ProvenBy(EveryNpmOperationIsAuthorizedTest.class);
        }
        Role role = operation.role().get();
        return switch (operation.method().name()) {
            case "PUT" -> new NeedsRole(role, 200, new Body(RouteFixture.CONTENT, MediaType.TEXT_PLAIN));
            case "DELETE" -> new NeedsRole(role, 204, null);
            default -> new NeedsRole(role, 200, null);
        };
    }

    /** What anonymous callers get from the operations on no registry, which check their callers themselves. */
    private static final Map<String, Integer> UNSCOPED_ANONYMOUS_STATUS = Map.of(
            // the Bearer challenge: docker, podman and skopeo only authenticate when the ping asks them to
            "ping", 401,
            // a token for what anonymous may read, which here is nothing
            "token.get", 200,
            "token.post", 200,
            // no docker registry is open to anonymous reads here: the challenge
            "catalog.all", 401,
            // npm login on a registry this runtime does not serve: npm's 404
            "user.login", 404);

    /** The docker format's fallbacks, for URLs no operation takes. */
    private static void oci(Map<String, Rule> table) {
        table.put(
                "* /v2/{registry}/**",
                new Unguarded(
                        "the docker fallback for URLs of a registry no operation takes: the spec's error naming what"
                                + " is wrong with the URL or the method, serving nothing",
                        "/v2/no-such-registry/app/nothing",
                        404));
        String fallback = "the docker fallback: the spec's error for paths the API does not have, serving nothing";
        table.put("* /v2/**", new Unguarded(fallback, "/v2/no-such-path", 404));
        table.put("* /v2", new Unguarded(fallback, "/v2", 401));
    }

    private static void metadata(Map<String, Rule> table, String owner) {
        table.put("GET " + owner + "/metadata", new NeedsRole(Role.READ, 200, null));
        table.put("PUT " + owner + "/metadata", new NeedsRole(Role.WRITE, 200, METADATA));
        table.put("PATCH " + owner + "/metadata", new NeedsRole(Role.WRITE, 200, METADATA));
        table.put("GET " + owner + "/metadata/{key}", new NeedsRole(Role.READ, 200, null));
        table.put("DELETE " + owner + "/metadata/{key}", new NeedsRole(Role.WRITE, 204, null));
    }

    /**
     * The base paths of the formats not implemented yet answer 400 (or 404 for a registry of another format) to
     * anyone, serving nothing; once a format is implemented these entries go and its own routes must be listed.
     */
    private void unimplementedFormats(Map<String, Rule> table) {
        for (Format format : Format.values()) {
            if (unimplemented.isImplemented(format)) {
                continue;
            }
            String name = registries.configured().stream()
                    .filter(registry -> registry.format() == format)
                    .map(ConfiguredRegistry::name)
                    .findFirst()
                    .orElse("");
            int status = name.isEmpty() ? 404 : 400;
            String registry = name.isEmpty() ? "no-such-registry" : name;
            String reason = "the " + format.id() + " format is not implemented: its base path answers " + status
                    + " for registry '" + registry + "' and serves nothing";
            String base = format == Format.DOCKER ? "/v2" : "/" + format.id();
            table.put(
                    "* " + base + "/{registry}/**", new Unguarded(reason, base + "/" + registry + "/any/path", status));
            if (format == Format.DOCKER) {
                table.put(
                        "* /v2/", new Unguarded("the docker format is not implemented: /v2/ answers 404", "/v2/", 404));
            } else {
                table.put("* " + base + "/{registry}", new Unguarded(reason, base + "/" + registry, status));
            }
        }
    }

    @Test
    void everyRouteTheRuntimeServesShouldBeInTheAuthorizationTable() {
        Map<String, Rule> table = table();
        List<String> missing = RouteInventory.of(context).stream()
                .filter(route -> !table.containsKey(route.key()))
                .map(route -> route.key() + " (bean " + route.bean() + ")")
                .toList();

        assertThat(missing)
                .as("routes not in the authorization table of EveryRouteIsAuthorizedTest; add each to table()"
                        + " with the role it requires, or why it needs none")
                .isEmpty();
    }

    @Test
    void everyEntryOfTheAuthorizationTableShouldBeARouteTheRuntimeServes() {
        Set<String> served = RouteInventory.of(context).stream()
                .map(RouteInventory.Route::key)
                .collect(Collectors.toSet());
        Set<String> stale = new TreeSet<>(table().keySet());
        stale.removeAll(served);

        assertThat(stale)
                .as("entries of the authorization table that match no route; remove them from table()")
                .isEmpty();
    }

    @Test
    void annotatedControllersShouldServeNothingOutsideTheRouterFunctions() {
        Map<String, RequestMappingHandlerMapping> mappings = context.getBeansOfType(RequestMappingHandlerMapping.class);

        assertThat(mappings).isNotEmpty();
        mappings.forEach(
                (name, mapping) -> assertThat(mapping.getHandlerMethods().keySet())
                        .as(
                                "@RequestMapping handlers of %s escape this test's route inventory; serve them as RouterFunction"
                                        + " beans",
                                name)
                        .isEmpty());
    }

    @Test
    void actuatorEndpointsServedWithoutCredentialsShouldBeOnlyTheProbesAndMetrics() {
        Set<String> exposed = context.getBean(PathMappedEndpoints.class).stream()
                .map(PathMappedEndpoint::getRootPath)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(exposed)
                .as("actuator endpoints are not behind the access guard; expose only those of"
                        + " PUBLIC_ACTUATOR_ENDPOINTS, or guard a new one")
                .isNotEmpty()
                .isSubsetOf(PUBLIC_ACTUATOR_ENDPOINTS.keySet());
    }

    /** Per route, a container of checks named after the route; a route not in the table fails. */
    @TestFactory
    Stream<DynamicNode> everyRouteShouldRefuseCallersWithoutTheRoleItNeeds() {
        Map<String, Rule> table = table();
        return RouteInventory.of(context).stream().map(route -> {
            Rule rule = table.get(route.key());
            if (rule == null) {
                return DynamicTest.dynamicTest(
                        route.key(),
                        () -> fail("route " + route.key() + " of bean " + route.bean() + " is not in the"
                                + " authorization table; add it to EveryRouteIsAuthorizedTest.table() with the role"
                                + " it requires, or why it needs none"));
            }
            return DynamicContainer.dynamicContainer(route.key(), checks(route, rule));
        });
    }

    private Stream<DynamicTest> checks(RouteInventory.Route route, Rule rule) {
        return switch (rule) {
            case NeedsRole needs -> roleChecks(route, needs);
            case NeedsAuthentication needs -> authenticationChecks(route, needs);
            case ListsReadableRegistries lists -> listChecks(route);
            case NeedsAdminOfEveryRegistry needs -> adminChecks(route, needs);
            case ProvenBy proven ->
                Stream.of(DynamicTest.dynamicTest(
                        "each operation is proven by " + proven.test().getSimpleName(),
                        () -> assertThat(Arrays.stream(proven.test().getDeclaredMethods())
                                        .filter(method -> method.isAnnotationPresent(TestFactory.class)))
                                .as(
                                        "%s proves the operations with a @TestFactory",
                                        proven.test().getName())
                                .isNotEmpty()));
            case Unguarded unguarded ->
                Stream.of(DynamicTest.dynamicTest(
                        "anonymous GET " + unguarded.probe() + " answers " + unguarded.status() + ": "
                                + unguarded.reason(),
                        () -> assertThat(send(HttpMethod.GET, unguarded.probe(), null, null)
                                        .getStatus()
                                        .value())
                                .isEqualTo(unguarded.status())));
        };
    }

    private Stream<DynamicTest> roleChecks(RouteInventory.Route route, NeedsRole needs) {
        HttpMethod method = method(route);
        String privateUrl = content(privateContent).url(route.pattern(), "1");
        String publicUrl = content(publicContent).url(route.pattern(), "1");
        List<DynamicTest> checks = new ArrayList<>();
        checks.add(DynamicTest.dynamicTest(
                "anonymous on " + PRIVATE + " gets 401 with a challenge",
                () -> assertChallenged(send(method, privateUrl, null, needs.body()))));
        checks.add(DynamicTest.dynamicTest(
                "a wrong password gets 401",
                () -> assertChallenged(send(method, privateUrl, wrongPassword(), needs.body()))));
        checks.add(DynamicTest.dynamicTest(
                STRANGER + " without any role gets 403",
                () -> assertStatus(send(method, privateUrl, basic(STRANGER), needs.body()), 403)));
        String below = roleBelow(needs.role());
        if (below != null) {
            checks.add(DynamicTest.dynamicTest(
                    below + ", one role short of " + roleName(needs.role()) + ", gets 403",
                    () -> assertStatus(send(method, privateUrl, basic(below), needs.body()), 403)));
        }
        checks.add(DynamicTest.dynamicTest(
                "an admin's API token without a scope for " + PRIVATE + " gets 403",
                () -> assertStatus(send(method, privateUrl, bearer(otherRegistryToken), needs.body()), 403)));
        if (needs.role() == Role.READ) {
            checks.add(DynamicTest.dynamicTest(
                    "an admin's API token scoped to read gets " + needs.success(),
                    () -> assertStatus(
                            send(method, privateUrl, bearer(readOnlyToken), needs.body()), needs.success())));
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on " + PUBLIC + ", which allows anonymous read, gets " + needs.success(),
                    () -> assertStatus(send(method, publicUrl, null, needs.body()), needs.success())));
            checks.add(DynamicTest.dynamicTest(
                    "a wrong password on " + PUBLIC + " gets 401, not anonymous access",
                    () -> assertChallenged(send(method, publicUrl, wrongPassword(), needs.body()))));
        } else {
            checks.add(DynamicTest.dynamicTest(
                    "an admin's API token scoped to read gets 403",
                    () -> assertStatus(send(method, privateUrl, bearer(readOnlyToken), needs.body()), 403)));
            checks.add(DynamicTest.dynamicTest(
                    "anonymous on " + PUBLIC + ", which allows only anonymous read, gets 401",
                    () -> assertChallenged(send(method, publicUrl, null, needs.body()))));
        }
        String user = userWith(needs.role());
        checks.add(DynamicTest.dynamicTest(
                "" + user + " with the " + roleName(needs.role()) + " role gets " + needs.success(), () -> {
                    String url = RouteFixture.create(client, PRIVATE).url(route.pattern(), "1");
                    assertStatus(send(method, url, basic(user), needs.body()), needs.success());
                }));
        return checks.stream();
    }

    private Stream<DynamicTest> authenticationChecks(RouteInventory.Route route, NeedsAuthentication needs) {
        HttpMethod method = method(route);
        String url = content(privateContent).url(route.pattern(), "1");
        return Stream.of(
                DynamicTest.dynamicTest(
                        "anonymous gets 401 with a challenge",
                        () -> assertChallenged(send(method, url, null, needs.body()))),
                DynamicTest.dynamicTest(
                        "a wrong password gets 401",
                        () -> assertChallenged(send(method, url, wrongPassword(), needs.body()))),
                DynamicTest.dynamicTest(STRANGER + ", authenticated without any role, gets " + needs.success(), () -> {
                    String own = content(privateContent).url(route.pattern(), tokenOf(STRANGER));
                    assertStatus(send(method, own, basic(STRANGER), needs.body()), needs.success());
                }));
    }

    private Stream<DynamicTest> adminChecks(RouteInventory.Route route, NeedsAdminOfEveryRegistry needs) {
        HttpMethod method = method(route);
        // A path variable names something that does not exist: the check must come before the lookup.
        String url = route.pattern().replaceAll("\\{[^}]+}", "absent");
        return Stream.of(
                DynamicTest.dynamicTest(
                        "anonymous gets 401 with a challenge", () -> assertChallenged(send(method, url, null, null))),
                DynamicTest.dynamicTest(
                        STRANGER + " without any role gets 403",
                        () -> assertStatus(send(method, url, basic(STRANGER), null), 403)),
                DynamicTest.dynamicTest(
                        DELETER + ", below admin, gets 403",
                        () -> assertStatus(send(method, url, basic(DELETER), null), 403)),
                DynamicTest.dynamicTest(
                        ADMIN + " gets " + needs.success(),
                        () -> assertStatus(send(method, url, basic(ADMIN), null), needs.success())));
    }

    private Stream<DynamicTest> listChecks(RouteInventory.Route route) {
        HttpMethod method = method(route);
        String url = route.pattern();
        return Stream.of(
                DynamicTest.dynamicTest(
                        "anonymous sees only " + PUBLIC,
                        () -> assertThat(names(url, null)).containsExactly(PUBLIC)),
                DynamicTest.dynamicTest(
                        STRANGER + " without any role sees only " + PUBLIC,
                        () -> assertThat(names(url, basic(STRANGER))).containsExactly(PUBLIC)),
                DynamicTest.dynamicTest(
                        READER + " sees " + PRIVATE + " too",
                        () -> assertThat(names(url, basic(READER))).contains(PRIVATE, PUBLIC)),
                DynamicTest.dynamicTest(
                        "a wrong password gets 401", () -> assertChallenged(send(method, url, wrongPassword(), null))));
    }

    private List<String> names(String url, @Nullable String authorization) {
        EntityExchangeResult<byte[]> result = send(HttpMethod.GET, url, authorization, null);
        assertStatus(result, 200);
        List<String> names = JsonPath.read(text(result), "$[*].name");
        return names;
    }

    private EntityExchangeResult<byte[]> send(
            HttpMethod method, String url, @Nullable String authorization, @Nullable Body body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(url);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        WebTestClient.RequestHeadersSpec<?> ready =
                body == null ? request : request.contentType(body.type()).bodyValue(body.content());
        return ready.exchange().expectBody().returnResult();
    }

    /** The id of a new API token of {@code user}, who may then revoke it. */
    private String tokenOf(String user) {
        EntityExchangeResult<byte[]> issued = send(HttpMethod.POST, "/api/v1/tokens", basic(user), TOKEN);
        assertStatus(issued, 201);
        Number id = JsonPath.read(text(issued), "$.id");
        return id.toString();
    }

    private static String text(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBodyContent();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static void assertChallenged(EntityExchangeResult<byte[]> result) {
        assertStatus(result, 401);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as("the WWW-Authenticate challenge of %s %s", result.getMethod(), result.getUrl())
                .startsWith("Basic realm=");
    }

    private static void assertStatus(EntityExchangeResult<byte[]> result, int status) {
        assertThat(result.getStatus().value())
                .as("%s %s answered %s", result.getMethod(), result.getUrl(), text(result))
                .isEqualTo(status);
    }

    private static HttpMethod method(RouteInventory.Route route) {
        if (route.methods().size() != 1) {
            fail("route " + route.key() + " takes several methods or any; give it an Unguarded probe or split it");
        }
        return HttpMethod.valueOf(route.methods().iterator().next());
    }

    private static RouteFixture content(@Nullable RouteFixture fixture) {
        if (fixture == null) {
            throw new IllegalStateException("the @BeforeAll content is missing");
        }
        return fixture;
    }

    private static String bearer(@Nullable String token) {
        if (token == null) {
            throw new IllegalStateException("the @BeforeAll API tokens are missing");
        }
        return "Bearer " + token;
    }

    private static String wrongPassword() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((READER + ":wrong-" + TestRuntime.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A test user with the role just below {@code role}; none below read but the stranger, checked apart. */
    private static @Nullable String roleBelow(Role role) {
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

    private static String roleName(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
