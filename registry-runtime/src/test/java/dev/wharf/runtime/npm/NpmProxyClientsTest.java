package dev.wharf.runtime.npm;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * pnpm, yarn classic and yarn berry against a runtime whose {@code npm-proxy} registry stands in front of a second
 * runtime (the upstream): each client publishes and installs a hosted package (pnpm after pnpm login, the yarns with
 * the token npm login's endpoint answers, as neither prompts without a terminal), and installs a tree through the
 * proxy with a fresh cache, then again from the lock file it wrote (which points at Wharf); npm does the proxied
 * install too. Tarballs from the upstream are checked against its packument's integrity, and keep its publish time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NpmProxyClientsTest {

    private static final String TREE = "wharf-tree";
    private static final String LEAF = "wharf-leaf";

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    private static ConfigurableApplicationContext upstream;
    private static boolean published;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        upstream = NpmTestRuntime.start(root.resolve("upstream"));
        NpmTestRuntime.configure(registry, root.resolve("proxy"), NpmTestRuntime.url(upstream, NpmTestRuntime.PUBLIC));
    }

    @AfterAll
    static void stopUpstream() {
        if (upstream != null && upstream.isActive()) {
            upstream.close();
        }
    }

    private String url(String registry) {
        return "http://localhost:" + port + "/npm/" + registry + "/";
    }

    /** The upstream's packages, published once with npm and Basic credentials: a tree of two and a third. */
    private static synchronized void upstreamPackages() {
        Assumptions.assumeTrue(NpmCli.available("npm"), "npm is not installed; skipped");
        if (published) {
            return;
        }
        Path dir = root.resolve("upstream-work");
        NpmCli npm = new NpmCli(dir.resolve("home"));
        String auth = Base64.getEncoder().encodeToString((WRITER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        npm.configure(NpmTestRuntime.url(upstream, NpmTestRuntime.PUBLIC) + "/", "_auth=" + auth);
        publish(npm, NpmPackage.project(dir.resolve("leaf"), LEAF, "1.0.0", "leaf"));
        publish(npm, NpmPackage.project(dir.resolve("tree"), TREE, "1.0.0", "tree", "{\"" + LEAF + "\": \"^1.0.0\"}"));
        publish(npm, NpmPackage.project(dir.resolve("tampered"), "wharf-tampered", "1.0.0", "genuine"));
        published = true;
    }

    private static void publish(NpmCli npm, Path project) {
        NpmCli.Result result = npm.npm(project, "publish");
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    private static void assumeInstalled(String tool) {
        Assumptions.assumeTrue(
                NpmCli.available(tool), tool + " is not installed (scripts/test-services installs it); skipped");
    }

    /** A Wharf token for {@code user} on {@code registry}, from npm login's endpoint. */
    private String token(String registry, String user) throws Exception {
        HttpResponse<String> login =
                send(HttpRequest.newBuilder(URI.create(url(registry) + "-/user/org.couchdb.user:" + user))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"name\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return PublishBody.JSON.readTree(login.body()).path("token").asString();
    }

    @Test
    void pnpmWhenLoggedInShouldPublishInstallAndInstallThroughTheProxyFromItsLockFile() throws Exception {
        assumeInstalled(NpmCli.PNPM);
        upstreamPackages();
        NpmCli pnpm = new NpmCli(work.resolve("pnpm-home"));
        pnpm.configure(url(NpmTestRuntime.HOSTED));
        NpmCli.Result login = pnpm.interactive(
                work,
                List.of(NpmCli.PNPM, "login", "--auth-type=legacy"),
                List.of(Map.entry("Username:", WRITER), Map.entry("Password:", PASSWORD)));
        assertThat(login.exitCode()).as(login.all()).isZero();
        assertThat(Files.readString(pnpm.npmrc())).contains(":_authToken=wharf_");

        Path project = NpmPackage.project(work.resolve("made-by-pnpm"), "@acme/made-by-pnpm", "1.0.0", "pnpm");
        NpmCli.Result publish = pnpm.run(project, List.of(NpmCli.PNPM, "publish", "--no-git-checks"), null);
        assertThat(publish.exitCode()).as(publish.all()).isZero();
        Path app = app("pnpm-app");
        NpmCli.Result added = pnpm.run(app, List.of(NpmCli.PNPM, "add", "@acme/made-by-pnpm@^1.0.0"), null);
        assertThat(added.exitCode()).as(added.all()).isZero();
        assertThat(app.resolve("node_modules/@acme/made-by-pnpm/index.js"))
                .content()
                .contains("pnpm");

        Path proxied = app("pnpm-proxied");
        NpmCli first = new NpmCli(work.resolve("pnpm-proxy-home"));
        first.configure(url(NpmTestRuntime.PROXY));
        NpmCli.Result install = first.run(proxied, List.of(NpmCli.PNPM, "add", TREE + "@^1.0.0"), null);
        assertThat(install.exitCode()).as(install.all()).isZero();
        assertThat(proxied.resolve("pnpm-lock.yaml"))
                .content()
                .contains(LEAF + "@1.0.0")
                .contains("integrity: sha512-");
        reinstallFromLockFile(proxied, List.of(NpmCli.PNPM, "install", "--frozen-lockfile"), "pnpm");
    }

    @Test
    void yarnClassicWithALoginTokenShouldPublishInstallAndInstallThroughTheProxyFromItsLockFile() throws Exception {
        assumeInstalled(NpmCli.YARN_CLASSIC);
        upstreamPackages();
        NpmCli yarn = new NpmCli(work.resolve("yarn-home"));
        // yarn classic cannot prompt without a terminal: it publishes with the token npm login's endpoint answered.
        yarn.configure(url(NpmTestRuntime.HOSTED), "_authToken=" + token(NpmTestRuntime.HOSTED, WRITER));
        Path project = NpmPackage.project(work.resolve("made-by-yarn"), "made-by-yarn", "1.0.0", "yarn classic");
        NpmCli.Result publish = yarn.run(
                project,
                List.of(
                        NpmCli.YARN_CLASSIC,
                        "publish",
                        "--non-interactive",
                        "--new-version",
                        "1.0.0",
                        "--no-git-tag-version"),
                null);
        assertThat(publish.exitCode()).as(publish.all()).isZero();

        NpmCli installer = new NpmCli(work.resolve("yarn-installer-home"));
        installer.configure(
                url(NpmTestRuntime.HOSTED), "_authToken=" + token(NpmTestRuntime.HOSTED, READER), "always-auth=true");
        Path app = app("yarn-app");
        NpmCli.Result added = installer.run(app, List.of(NpmCli.YARN_CLASSIC, "add", "made-by-yarn@^1.0.0"), null);
        assertThat(added.exitCode()).as(added.all()).isZero();
        assertThat(app.resolve("node_modules/made-by-yarn/index.js")).content().contains("yarn classic");

        Path proxied = app("yarn-proxied");
        NpmCli first = new NpmCli(work.resolve("yarn-proxy-home"));
        first.configure(url(NpmTestRuntime.PROXY));
        NpmCli.Result install = first.run(proxied, List.of(NpmCli.YARN_CLASSIC, "add", TREE + "@^1.0.0"), null);
        assertThat(install.exitCode()).as(install.all()).isZero();
        assertThat(proxied.resolve("yarn.lock"))
                .content()
                .contains("resolved \"" + url(NpmTestRuntime.PROXY) + LEAF + "/-/" + LEAF + "-1.0.0.tgz#")
                .contains("integrity sha512-");
        reinstallFromLockFile(proxied, List.of(NpmCli.YARN_CLASSIC, "install", "--frozen-lockfile"), "yarn-classic");
    }

    @Test
    void yarnBerryWithALoginTokenShouldPublishInstallAndInstallThroughTheProxyFromItsLockFile() throws Exception {
        assumeInstalled(NpmCli.YARN_BERRY);
        upstreamPackages();
        NpmCli yarn = new NpmCli(work.resolve("berry-home"));
        String token = token(NpmTestRuntime.HOSTED, WRITER);
        Path project = berryProject(
                NpmPackage.project(work.resolve("made-by-berry"), "@acme/made-by-berry", "1.0.0", "yarn berry"),
                NpmTestRuntime.HOSTED,
                token);
        NpmCli.Result whoami = yarn.run(project, List.of(NpmCli.YARN_BERRY, "npm", "whoami"), null);
        assertThat(whoami.out()).as(whoami.all()).contains(WRITER);
        NpmCli.Result lock = yarn.run(project, List.of(NpmCli.YARN_BERRY, "install"), null);
        assertThat(lock.exitCode()).as(lock.all()).isZero();
        NpmCli.Result publish = yarn.run(project, List.of(NpmCli.YARN_BERRY, "npm", "publish"), null);
        assertThat(publish.exitCode()).as(publish.all()).isZero();

        Path app = berryProject(app("berry-app"), NpmTestRuntime.HOSTED, token);
        NpmCli.Result added = yarn.run(app, List.of(NpmCli.YARN_BERRY, "add", "@acme/made-by-berry@^1.0.0"), null);
        assertThat(added.exitCode()).as(added.all()).isZero();
        assertThat(app.resolve("node_modules/@acme/made-by-berry/index.js"))
                .content()
                .contains("yarn berry");

        Path proxied = berryProject(app("berry-proxied"), NpmTestRuntime.PROXY, null);
        NpmCli first = new NpmCli(work.resolve("berry-proxy-home"));
        NpmCli.Result install = first.run(proxied, List.of(NpmCli.YARN_BERRY, "add", TREE + "@^1.0.0"), null);
        assertThat(install.exitCode()).as(install.all()).isZero();
        assertThat(proxied.resolve("yarn.lock"))
                .content()
                .contains("\"" + LEAF + "@npm:1.0.0\"")
                .contains("checksum:");
        reinstallFromLockFile(proxied, List.of(NpmCli.YARN_BERRY, "install", "--immutable"), "yarn-berry");
    }

    @Test
    void npmInstallThroughTheProxyShouldWriteALockFileOfWharfUrlsAndKeepTheUpstreamsPublishTimes() throws Exception {
        upstreamPackages();
        Path proxied = app("npm-proxied");
        NpmCli npm = new NpmCli(work.resolve("npm-proxy-home"));
        npm.configure(url(NpmTestRuntime.PROXY));
        NpmCli.Result install = npm.npm(proxied, "install", TREE + "@^1.0.0");
        assertThat(install.exitCode()).as(install.all()).isZero();
        assertThat(proxied.resolve("package-lock.json"))
                .content()
                .contains("\"resolved\": \"" + url(NpmTestRuntime.PROXY) + LEAF + "/-/" + LEAF + "-1.0.0.tgz\"");
        reinstallFromLockFile(proxied, List.of("npm", "ci"), "npm");

        JsonNode packument = PublishBody.JSON.readTree(send(HttpRequest.newBuilder(
                                URI.create(NpmTestRuntime.url(upstream, NpmTestRuntime.PUBLIC) + "/" + LEAF))
                        .GET())
                .body());
        Instant upstreamTime =
                Instant.parse(packument.path("time").path("1.0.0").asString());
        HttpResponse<String> version = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/registries/" + NpmTestRuntime.PROXY + "/packages/" + LEAF + "/versions/1.0.0"))
                .header("Authorization", basic(READER))
                .GET());
        assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
        assertThat(Instant.parse(PublishBody.JSON
                        .readTree(version.body())
                        .path("publishedAt")
                        .asString()))
                .isEqualTo(upstreamTime);
    }

    @Test
    void tarballWhenTheUpstreamSendsOtherBytesThanItsIntegrityShouldAnswer502NamingBothAndKeepNothing()
            throws Exception {
        upstreamPackages();
        String upstreamTarball =
                NpmTestRuntime.url(upstream, NpmTestRuntime.PUBLIC) + "/wharf-tampered/-/wharf-tampered-1.0.0.tgz";
        byte[] genuine = send(
                        HttpRequest.newBuilder(URI.create(upstreamTarball)).GET(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        String genuineIntegrity = NpmPackage.integrity(genuine);
        // The upstream's stored copy goes bad (one byte of it): it serves other bytes than its packument says.
        byte[] other = genuine.clone();
        other[other.length / 2] ^= 0x5a;
        Path blob = blob(root.resolve("upstream"), genuine);
        Files.write(blob, other);

        String proxied = url(NpmTestRuntime.PROXY) + "wharf-tampered/-/wharf-tampered-1.0.0.tgz";
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> refused =
                    send(HttpRequest.newBuilder(URI.create(proxied)).GET());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(502);
            assertThat(PublishBody.JSON.readTree(refused.body()).path("error").asString())
                    .contains("wharf-tampered-1.0.0.tgz")
                    .contains("whose bytes have " + NpmPackage.integrity(other))
                    .contains("the packument's dist.integrity is " + genuineIntegrity)
                    .contains("it was not kept");
        }
        HttpResponse<String> listed = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/registries/" + NpmTestRuntime.PROXY + "/packages/wharf-tampered/versions"))
                .header("Authorization", basic(READER))
                .GET());
        assertThat(listed.statusCode()).isEqualTo(404);
    }

    /** Deletes node_modules and installs again from the lock file alone with a fresh cache. */
    private void reinstallFromLockFile(Path project, List<String> command, String client) throws Exception {
        try (Stream<Path> paths = Files.walk(project.resolve("node_modules"))) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.delete(path);
            }
        }
        NpmCli fresh = new NpmCli(work.resolve(client + "-fresh-home"));
        fresh.configure(url(NpmTestRuntime.PROXY));
        NpmCli.Result again = fresh.run(project, command, null);
        assertThat(again.exitCode()).as(again.all()).isZero();
        // Node.js finds both as the tree requires them, whatever layout the client chose.
        NpmCli.Result loaded = fresh.run(
                project,
                List.of(
                        "node",
                        "-e",
                        "const p = require('path'); const tree = require.resolve('" + TREE + "');"
                                + " console.log(require(tree), require(require.resolve('" + LEAF
                                + "', {paths: [p.dirname(tree)]})))"),
                null);
        assertThat(loaded.out().strip()).as(loaded.all()).isEqualTo("tree leaf");
    }

    private Path app(String name) throws Exception {
        Path app = work.resolve(name);
        Files.createDirectories(app);
        Files.writeString(app.resolve("package.json"), "{\"name\": \"" + name + "\", \"version\": \"1.0.0\"}");
        return app;
    }

    /**
     * A yarn berry project on {@code registry}: its own yarn.lock (so it is a project root) and .yarnrc.yml, with
     * {@code token} when given.
     */
    private Path berryProject(Path dir, String registry, @Nullable String token) throws Exception {
        Files.writeString(dir.resolve("yarn.lock"), "");
        Files.writeString(
                dir.resolve(".yarnrc.yml"),
                "npmRegistryServer: \"" + url(registry) + "\"\n"
                        + (token == null ? "" : "npmAuthToken: \"" + token + "\"\n"));
        return dir;
    }

    /** The file holding the blob with {@code content} under a runtime's data directory. */
    private static Path blob(Path runtime, byte[] content) throws Exception {
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (Stream<Path> paths = Files.walk(runtime)) {
            return paths.filter(path -> path.getFileName().toString().equals(hex))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no blob " + hex + " under " + runtime));
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), body);
        }
    }
}
