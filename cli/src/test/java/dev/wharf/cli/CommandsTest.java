package dev.wharf.cli;

import static dev.wharf.cli.testing.RunningWharf.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.cli.testing.Golden;
import dev.wharf.cli.testing.InProcessWharf;
import dev.wharf.cli.testing.RunningWharf;
import dev.wharf.cli.testing.WharfProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands beyond login, push and pull, run in-process (picocli, the same code as the process) against a running
 * runtime: registry get and setup, configure for Maven, pip and docker, metadata, tokens, cleanup, and the errors
 * that say what to do next.
 */
class CommandsTest {

    @TempDir
    static Path homes;

    @TempDir
    Path work;

    private static RunningWharf wharf;
    private static InProcessWharf writer;
    private static InProcessWharf admin;

    @BeforeAll
    static void start() throws Exception {
        wharf = RunningWharf.start();
        writer = loggedIn("writer");
        admin = loggedIn("admin");
        Path file = Files.writeString(homes.resolve("notes.txt"), "release notes\n");
        WharfProcess.Result push = writer.run(
                "art",
                "push",
                "generic",
                "--registry",
                "files",
                "--package",
                "notes",
                "--version",
                "1.0.0",
                file.toString());
        assertThat(push.exitCode()).as(push.all()).isZero();
    }

    @AfterAll
    static void stop() {
        wharf.close();
    }

    private static InProcessWharf loggedIn(String user) {
        InProcessWharf client = new InProcessWharf(homes.resolve(user));
        WharfProcess.Result login = client.runWithInput(
                PASSWORD + "\n", "login", "--server", wharf.url(), "--username", user, "--password-stdin");
        assertThat(login.exitCode()).as(login.all()).isZero();
        return client;
    }

    @Test
    void registryGetShouldShowTheSettingsTheRoleAndTheUsage() {
        WharfProcess.Result get = writer.run("registry", "get", "files");

        assertThat(get.exitCode()).as(get.all()).isZero();
        Golden.assertMatches("registry-get.txt", Golden.normalise(get.out(), wharf.url()));
    }

    @Test
    void registrySetupShouldShowTheCommandsAndFilesWithPlaceholders() {
        WharfProcess.Result setup = writer.run("registry", "setup", "npm");

        assertThat(setup.exitCode()).as(setup.all()).isZero();
        Golden.assertMatches("registry-setup-npm.txt", Golden.normalise(setup.out(), wharf.url()));
    }

    @Test
    void registrySetupWithNewTokenShouldShowAWorkingTokenOnce() {
        WharfProcess.Result setup =
                writer.runWithInput(PASSWORD + "\n", "registry", "setup", "files", "--new-token", "--password-stdin");

        assertThat(setup.exitCode()).as(setup.all()).isZero();
        assertThat(setup.out())
                .contains("New token ")
                .contains("(write, expires ")
                .contains(", shown this once: wharf_");
        assertThat(setup.out()).contains("machine 127.0.0.1 login writer password wharf_");
    }

    @Test
    void configureMavenShouldAddTheServerAndMirrorAndKeepTheOtherServers() throws Exception {
        Path settings = Files.createDirectories(writer.home().resolve(".m2")).resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <servers>
                    <server><id>corporate</id><username>me</username><password>secret</password></server>
                  </servers>
                </settings>
                """);

        WharfProcess.Result configured = writer.run("registry", "configure", "maven", "jars");

        assertThat(configured.exitCode()).as(configured.all()).isZero();
        String written = Files.readString(settings);
        assertThat(written)
                .contains("<id>corporate</id>")
                .contains("<id>jars</id>\n      <username>writer</username>\n      <password>wharf_")
                .contains("<url>" + wharf.url() + "/maven/jars/</url>\n      <mirrorOf>*</mirrorOf>");
    }

    @Test
    void configurePipShouldSetTheIndexWithTheTokenAndTrustThePlainHttpHost() throws Exception {
        WharfProcess.Result configured = writer.run("registry", "configure", "pip", "pypi");

        assertThat(configured.exitCode()).as(configured.all()).isZero();
        String written = Files.readString(writer.home().resolve(".config/pip/pip.conf"));
        assertThat(written)
                .startsWith("[global]\nindex-url = http://writer:wharf_")
                .endsWith("@127.0.0.1:" + port() + "/pypi/pypi/simple/\ntrusted-host = 127.0.0.1\n");
    }

    @Test
    void configureDockerShouldSaveTheHostsCredentials() throws Exception {
        WharfProcess.Result configured = writer.run("registry", "configure", "docker", "docker");

        assertThat(configured.exitCode()).as(configured.all()).isZero();
        String written = Files.readString(writer.home().resolve(".docker/config.json"));
        String auth =
                written.replaceAll("(?s).*\"auth\" : \"([^\"]+)\".*", "$1").strip();
        assertThat(new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8))
                .startsWith("writer:wharf_");
        assertThat(written).contains("\"127.0.0.1:" + port() + "\"");
    }

    @Test
    void configureForTheWrongFormatShouldNameTheCommandThatFits() {
        WharfProcess.Result configured = writer.run("registry", "configure", "npm", "jars");

        assertThat(configured.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(configured.err())
                .isEqualTo("wharf: registry 'jars' is a maven registry, not npm; `wharf registry configure maven jars`"
                        + " configures its client\n");
    }

    @Test
    void metadataShouldBeSetReadAndDeletedOnAPackageAndRefusedOnARegistry() {
        WharfProcess.Result set = writer.run(
                "registry",
                "metadata",
                "set",
                "--registry",
                "files",
                "--package",
                "notes",
                "--metadata",
                "team:docs,tier:2");
        assertThat(set.exitCode()).as(set.all()).isZero();

        WharfProcess.Result deleted =
                writer.run("reg", "metadata", "delete", "--registry", "files", "--package", "notes", "--key", "tier");
        assertThat(deleted.exitCode()).as(deleted.all()).isZero();

        WharfProcess.Result get = writer.run("reg", "metadata", "get", "--registry", "files", "--package", "notes");
        assertThat(get.out()).isEqualTo("KEY   VALUE\nteam  docs\n");
        WharfProcess.Result registry =
                writer.run("reg", "metadata", "set", "--registry", "files", "--metadata", "team:docs");
        assertThat(registry.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(registry.err()).contains("change spec.metadata in the manifest of Registry 'files'");
    }

    @Test
    void tokenShouldBeCreatedListedAndRevoked() {
        WharfProcess.Result created = writer.runWithInput(
                PASSWORD + "\n",
                "token",
                "create",
                "--scope",
                "files:read",
                "--description",
                "CI reads",
                "--password-stdin",
                "-o",
                "json");
        assertThat(created.exitCode()).as(created.all()).isZero();
        String id = created.out().replaceAll("(?s).*\"id\" : (\\d+).*", "$1");

        assertThat(writer.run("token", "list").out())
                .contains(id + "   CI reads")
                .contains("files:read");
        WharfProcess.Result revoked = writer.run("token", "revoke", id);
        assertThat(revoked.out()).isEqualTo("Revoked token " + id + "\n");
        assertThat(writer.run("token", "list").out()).doesNotContain("CI reads");
    }

    @Test
    void cleanupListShouldAnswerAnAdminAndTellAWriterWhatIsMissing() {
        WharfProcess.Result listed = admin.run("cleanup", "list");
        assertThat(listed.exitCode()).as(listed.all()).isZero();
        assertThat(listed.out()).isEqualTo("POLICY  MODE  REGISTRIES  CANDIDATES  BYTES  NEXT RUN\n");

        WharfProcess.Result refused = writer.run("cleanup", "list");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(refused.err()).contains("admin role");
    }

    @Test
    void commandWithoutLoginShouldSayToLogIn() {
        InProcessWharf stranger = new InProcessWharf(homes.resolve("stranger"));

        WharfProcess.Result listed = stranger.run("art", "list", "--registry", "files", "--server", wharf.url());

        assertThat(listed.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(listed.err())
                .startsWith("wharf: not logged in to " + wharf.url() + " (")
                .endsWith("); run `wharf login --server " + wharf.url() + "`\n");
    }

    private static String port() {
        return wharf.url().substring(wharf.url().lastIndexOf(':') + 1);
    }
}
