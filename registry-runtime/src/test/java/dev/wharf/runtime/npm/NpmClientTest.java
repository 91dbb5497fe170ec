package dev.wharf.runtime.npm;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's npm (Node.js 20's) against the running runtime: login, publish, view, install with a fresh cache,
 * dist-tags, deprecate, unpublish and the refusal of a republish, each as a user runs it.
 */
class NpmClientTest extends SharedNpmRuntime {

    @TempDir
    Path work;

    @BeforeAll
    static void npmIsInstalled() {
        Assumptions.assumeTrue(NpmCli.available("npm"), "npm is not installed; the npm client tests are skipped");
    }

    private String registry() {
        return "http://localhost:" + port + "/npm/" + NpmTestRuntime.HOSTED + "/";
    }

    /** A client logged in as {@code user} with npm login. */
    private NpmCli loggedIn(String user) {
        NpmCli npm = new NpmCli(work.resolve("home-" + user));
        npm.configure(registry());
        NpmCli.Result login = npm.interactive(
                work,
                List.of("npm", "--userconfig", npm.npmrc().toString(), "login", "--auth-type=legacy"),
                List.of(Map.entry("Username:", user), Map.entry("Password:", PASSWORD)));
        assertThat(login.exitCode()).as(login.all()).isZero();
        return npm;
    }

    @Test
    void npmLogsInPublishesAndInstallsAPackageWithAFreshCache() throws Exception {
        NpmCli npm = loggedIn(WRITER);
        assertThat(Files.readString(npm.npmrc())).contains(":_authToken=wharf_");
        NpmCli.Result whoami = npm.npm(work, "whoami");
        assertThat(whoami.out().strip()).as(whoami.all()).isEqualTo(WRITER);

        Path project = NpmPackage.project(work.resolve("greet"), "@acme/greet", "1.0.0", "hello");
        NpmCli.Result published = npm.npm(project, "publish");
        assertThat(published.exitCode()).as(published.all()).isZero();

        NpmCli.Result viewed = npm.npm(work, "view", "@acme/greet", "--json");
        assertThat(viewed.exitCode()).as(viewed.all()).isZero();
        assertThat(viewed.out())
                .contains("\"name\": \"@acme/greet\"")
                .contains("\"latest\": \"1.0.0\"")
                .contains("\"tarball\": \"" + registry() + "@acme/greet/-/greet-1.0.0.tgz\"");

        NpmCli fresh = new NpmCli(work.resolve("fresh-home"));
        Path app = work.resolve("app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("package.json"), "{\"name\": \"app\", \"version\": \"1.0.0\"}");
        fresh.configure(registry(), "_authToken=" + token(npm));
        NpmCli.Result installed = fresh.npm(app, "install", "@acme/greet@^1.0.0");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(app.resolve("node_modules/@acme/greet/index.js")).content().contains("hello");
        assertThat(app.resolve("package-lock.json"))
                .content()
                .contains("\"resolved\": \"" + registry() + "@acme/greet/-/greet-1.0.0.tgz\"")
                .contains("\"integrity\": \"sha512-");
    }

    @Test
    void npmMovesDistTagsDeprecatesUnpublishesAndIsRefusedARepublish() throws Exception {
        NpmCli npm = loggedIn(WRITER);
        Path one = NpmPackage.project(work.resolve("one"), "tagged", "1.0.0", "one");
        assertThat(npm.npm(one, "publish").exitCode()).isZero();
        Path two = NpmPackage.project(work.resolve("two"), "tagged", "2.0.0-beta.1", "two");
        NpmCli.Result beta = npm.npm(two, "publish", "--tag", "beta");
        assertThat(beta.exitCode()).as(beta.all()).isZero();

        NpmCli.Result tags = npm.npm(work, "dist-tag", "ls", "tagged");
        assertThat(tags.out()).as(tags.all()).contains("beta: 2.0.0-beta.1").contains("latest: 1.0.0");
        NpmCli.Result added = npm.npm(work, "dist-tag", "add", "tagged@1.0.0", "stable");
        assertThat(added.exitCode()).as(added.all()).isZero();
        assertThat(npm.npm(work, "dist-tag", "rm", "tagged", "beta").exitCode()).isZero();
        assertThat(npm.npm(work, "dist-tag", "ls", "tagged").out())
                .contains("stable: 1.0.0")
                .doesNotContain("beta:");

        NpmCli.Result deprecated = npm.npm(work, "deprecate", "tagged@1.0.0", "use 2.x");
        assertThat(deprecated.exitCode()).as(deprecated.all()).isZero();
        assertThat(npm.npm(work, "view", "tagged@1.0.0", "deprecated").out()).contains("use 2.x");
        assertThat(npm.npm(work, "deprecate", "tagged@1.0.0", "").exitCode()).isZero();
        assertThat(npm.npm(work, "view", "tagged@1.0.0", "deprecated").out().strip())
                .isEmpty();

        NpmCli deleter = loggedIn(dev.wharf.runtime.testing.TestRuntime.DELETER);
        NpmCli.Result unpublished = deleter.npm(work, "unpublish", "tagged@1.0.0");
        assertThat(unpublished.exitCode()).as(unpublished.all()).isZero();
        assertThat(npm.npm(work, "view", "tagged", "versions", "--json").out())
                .contains("2.0.0-beta.1")
                .doesNotContain("\"1.0.0\"");
        assertThat(npm.npm(work, "view", "tagged", "dist-tags.latest").out().strip())
                .isEqualTo("2.0.0-beta.1");

        NpmCli.Result again = npm.npm(one, "publish");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.all())
                .contains("403")
                .contains("You cannot publish over the previously published versions: 1.0.0");
    }

    @Test
    void npmTokenCreateListRevokeAndLogoutShouldActOnTheCallersOwnTokens() throws Exception {
        NpmCli npm = loggedIn(WRITER);
        String loginToken = token(npm);
        NpmCli.Result created = npm.npm(work, "token", "create", "--password", PASSWORD, "--json");
        assertThat(created.exitCode()).as(created.all()).isZero();
        String createdToken =
                PublishBody.JSON.readTree(created.out()).path("token").asString();
        assertThat(createdToken).startsWith("wharf_").isNotEqualTo(loginToken);
        NpmCli wrongPassword = new NpmCli(work.resolve("wrong-home"));
        wrongPassword.configure(registry(), "_authToken=" + loginToken);
        NpmCli.Result refused = wrongPassword.npm(work, "token", "create", "--password", "not-it");
        assertThat(refused.exitCode()).isNotZero();
        // npm shows its own words for a 401, not the registry's.
        assertThat(refused.all()).contains("E401");

        NpmCli.Result listed = npm.npm(work, "token", "list", "--json");
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        tools.jackson.databind.JsonNode tokens = PublishBody.JSON.readTree(listed.out());
        assertThat(tokens.size()).isEqualTo(2);
        String createdKey = dev.wharf.runtime.auth.ApiTokens.hash(createdToken);
        assertThat(tokens.findValuesAsString("key"))
                .containsExactlyInAnyOrder(createdKey, dev.wharf.runtime.auth.ApiTokens.hash(loginToken));

        NpmCli other = new NpmCli(work.resolve("other-home"));
        other.configure(registry(), "_authToken=" + createdToken);
        assertThat(other.npm(work, "whoami").out().strip()).isEqualTo(WRITER);
        NpmCli.Result revoked = npm.npm(work, "token", "revoke", createdKey.substring(0, 8));
        assertThat(revoked.out()).as(revoked.all()).contains("Removed 1 token");
        NpmCli.Result afterRevoke = other.npm(work, "whoami");
        assertThat(afterRevoke.exitCode()).isNotZero();
        assertThat(afterRevoke.all()).contains("401");

        NpmCli.Result logout = npm.npm(work, "logout");
        assertThat(logout.exitCode()).as(logout.all()).isZero();
        assertThat(Files.readString(npm.npmrc())).doesNotContain("_authToken");
        NpmCli stale = new NpmCli(work.resolve("stale-home"));
        stale.configure(registry(), "_authToken=" + loginToken);
        assertThat(stale.npm(work, "whoami").all()).contains("401");
    }

    @Test
    void npmSearchShouldFindHostedPackagesByName() throws Exception {
        NpmCli npm = loggedIn(WRITER);
        assertThat(npm.npm(NpmPackage.project(work.resolve("s1"), "searched-alpha", "1.0.0", "a"), "publish")
                        .exitCode())
                .isZero();
        assertThat(npm.npm(NpmPackage.project(work.resolve("s2"), "@acme/searched-beta", "2.0.0", "b"), "publish")
                        .exitCode())
                .isZero();
        NpmCli.Result found = npm.npm(work, "search", "searched", "--json");
        assertThat(found.exitCode()).as(found.all()).isZero();
        tools.jackson.databind.JsonNode results = PublishBody.JSON.readTree(found.out());
        assertThat(results.findValuesAsString("name")).containsExactly("@acme/searched-beta", "searched-alpha");
        assertThat(results.findValuesAsString("version")).containsExactly("2.0.0", "1.0.0");
        assertThat(results.findValuesAsString("description")).containsOnly("a test package");
        NpmCli.Result none = npm.npm(work, "search", "nothing-like-it", "--json");
        assertThat(none.exitCode()).as(none.all()).isZero();
        assertThat(PublishBody.JSON.readTree(none.out()).size()).isZero();
    }

    private static String token(NpmCli npm) throws java.io.IOException {
        String config = Files.readString(npm.npmrc());
        int at = config.indexOf(":_authToken=");
        return config.substring(at + ":_authToken=".length(), config.indexOf('\n', at))
                .strip();
    }
}
