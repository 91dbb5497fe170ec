package dev.wharf.cli;

import static dev.wharf.cli.testing.RunningWharf.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.testing.Golden;
import dev.wharf.cli.testing.RunningWharf;
import dev.wharf.cli.testing.Terminal;
import dev.wharf.cli.testing.WharfProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client as processes against a running runtime, in the order a user goes: log in with a password piped in,
 * list, push, list level by level, pull, download, copy, delete, manage tokens, log out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginPushPullTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    @TempDir
    static Path work;

    private static RunningWharf wharf;
    private static WharfProcess writer;

    @BeforeAll
    static void start() {
        wharf = RunningWharf.start();
        writer = new WharfProcess(home.resolve("writer"));
    }

    @AfterAll
    static void stop() {
        wharf.close();
    }

    private static WharfProcess.Result logIn() {
        return writer.runWithInput(
                PASSWORD + "\n",
                home,
                "login",
                "--server",
                wharf.url() + "/",
                "--username",
                "writer",
                "--password-stdin");
    }

    @Test
    @Order(1)
    void loginWithPasswordStdinShouldSaveATokenNotThePasswordReadableByTheOwnerOnly() throws Exception {
        WharfProcess.Result login = logIn();

        assertThat(login.exitCode()).as(login.all()).isZero();
        assertThat(login.out())
                .startsWith("Logged in to " + wharf.url() + " as writer (6 registries); saved API token ");
        String config = Files.readString(writer.config());
        assertThat(config)
                .contains("server: \"" + wharf.url() + "\"")
                .contains("token: \"wharf_")
                .doesNotContain(PASSWORD);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(writer.config())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(writer.config().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    @Order(2)
    void registryListShouldShowEveryRegistryWithTheRoleInATable() {
        WharfProcess.Result list = writer.run("registry", "list");

        assertThat(list.exitCode()).as(list.all()).isZero();
        Golden.assertMatches("registry-list.txt", Golden.normalise(list.out(), wharf.url()));
    }

    @Test
    @Order(3)
    void registryListAsJsonShouldBeTheApiDocument() throws Exception {
        WharfProcess.Result list = writer.run("reg", "ls", "-o", "json");

        JsonNode registries = JSON.readTree(list.out());
        assertThat(registries).hasSize(6);
        assertThat(registries.get(0).get("name").asText()).isEqualTo("docker");
        assertThat(registries.get(1).get("name").asText()).isEqualTo("files");
        assertThat(registries.get(1).get("role").asText()).isEqualTo("write");
    }

    @Test
    @Order(4)
    void pushGenericShouldUploadEveryFileWithItsDigest() throws Exception {
        Files.writeString(work.resolve("tool.txt"), "the tool, version 1.4.0\n");
        Files.writeString(work.resolve("README.md"), "# tool\n");

        WharfProcess.Result push = writer.runWithInput(
                null,
                work,
                "artifact",
                "push",
                "generic",
                "--registry",
                "files",
                "--package",
                "tool",
                "--version",
                "1.4.0",
                "tool.txt",
                "README.md");

        assertThat(push.exitCode()).as(push.all()).isZero();
        Golden.assertMatches("push-generic.txt", Golden.normalise(push.out(), wharf.url()));
    }

    @Test
    @Order(5)
    void pushGenericOfAVersionThatExistsShouldExitWithTheConflictCode() throws Exception {
        Path changed = Files.createDirectories(work.resolve("changed"));
        Files.writeString(changed.resolve("tool.txt"), "other bytes under the same name\n");

        WharfProcess.Result push = writer.runWithInput(
                null,
                changed,
                "art",
                "push",
                "generic",
                "--registry",
                "files",
                "--package",
                "tool",
                "--version",
                "1.4.0",
                "tool.txt");

        assertThat(push.exitCode()).as(push.all()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(push.err()).startsWith("wharf: ").contains("(HTTP 409)");
    }

    @Test
    @Order(6)
    void artifactListShouldGoFromRegistriesToPackagesVersionsAndFiles() {
        writer.runWithInput(
                null,
                work,
                "art",
                "push",
                "generic",
                "--registry",
                "files",
                "--package",
                "tool",
                "--version",
                "1.5.0",
                "tool.txt");
        writer.runWithInput(
                null,
                work,
                "art",
                "push",
                "generic",
                "--registry",
                "files",
                "--package",
                "other",
                "--version",
                "0.1.0",
                "README.md");

        Golden.assertMatches("artifact-list-packages.txt", listing("--registry", "files"));
        Golden.assertMatches(
                "artifact-list-versions.txt", listing("--registry", "files", "--package", "tool", "--page-size", "1"));
        Golden.assertMatches(
                "artifact-list-files.txt", listing("--registry", "files", "--package", "tool", "--version", "1.4.0"));
    }

    @Test
    @Order(7)
    void artifactListPageShouldCountFromZero() throws Exception {
        WharfProcess.Result page =
                writer.run("art", "list", "--registry", "files", "--page", "1", "--page-size", "1", "-o", "json");

        JsonNode document = JSON.readTree(page.out());
        assertThat(document.get("page").asInt()).isEqualTo(1);
        assertThat(document.get("items")).hasSize(1);
        assertThat(document.get("items").get(0).get("name").asText()).isEqualTo("tool");
    }

    @Test
    @Order(8)
    void pullGenericShouldWriteEveryFileOfTheVersionIntoTheFolder() throws Exception {
        Path dest = work.resolve("pulled");

        WharfProcess.Result pull = writer.run(
                "art",
                "pull",
                "generic",
                "--registry",
                "files",
                "--package",
                "tool",
                "--version",
                "1.4.0",
                "--dest",
                dest.toString());

        assertThat(pull.exitCode()).as(pull.all()).isZero();
        assertThat(Files.readString(dest.resolve("tool.txt"))).isEqualTo("the tool, version 1.4.0\n");
        assertThat(Files.readString(dest.resolve("README.md"))).isEqualTo("# tool\n");
        try (var files = Files.list(dest)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("tool.txt", "README.md");
        }
    }

    @Test
    @Order(9)
    void downloadShouldSaveAZipOfTheVersion() throws Exception {
        WharfProcess.Result download = writer.runWithInput(
                null, work, "art", "download", "--registry", "files", "--package", "tool", "--version", "1.4.0");

        assertThat(download.exitCode()).as(download.all()).isZero();
        try (ZipFile zip = new ZipFile(work.resolve("tool-1.4.0.zip").toFile())) {
            assertThat(zip.stream().map(entry -> entry.getName())).anyMatch(name -> name.endsWith("tool.txt"));
        }
    }

    @Test
    @Order(10)
    void copyShouldPutTheVersionInTheOtherRegistry() {
        WharfProcess.Result copy = writer.run(
                "art", "copy", "--registry", "files", "--package", "tool", "--version", "1.4.0", "--to", "releases");

        assertThat(copy.exitCode()).as(copy.all()).isZero();
        assertThat(copy.out()).isEqualTo("Copied tool 1.4.0 in files to releases\n");
        assertThat(writer.run("art", "list", "--registry", "releases").out()).contains("tool ");
    }

    @Test
    @Order(11)
    void deleteWithoutATerminalShouldNeedYes() {
        WharfProcess.Result refused =
                writer.run("art", "delete", "--registry", "files", "--package", "other", "--version", "0.1.0");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err())
                .isEqualTo("wharf: deleting version 0.1.0 of other from files needs --yes when there is no terminal\n");
    }

    @Test
    @Order(12)
    void deleteByAWriterShouldSayTheDeleteRoleIsNeeded() {
        WharfProcess.Result delete =
                writer.run("art", "delete", "--registry", "files", "--package", "other", "--version", "0.1.0", "--yes");

        assertThat(delete.exitCode()).as(delete.all()).isEqualTo(ExitCodes.AUTH);
        assertThat(delete.err()).contains("delete role");
    }

    @Test
    @Order(13)
    void unknownPackageShouldExitWithTheNotFoundCode() {
        WharfProcess.Result missing = writer.run("art", "list", "--registry", "files", "--package", "nothing");

        assertThat(missing.exitCode()).as(missing.all()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(14)
    void tokenListShouldShowTheLoginToken() {
        WharfProcess.Result tokens = writer.run("token", "list");

        assertThat(tokens.exitCode()).as(tokens.all()).isZero();
        assertThat(tokens.out())
                .startsWith("ID")
                .contains("wharf CLI for writer on ")
                .contains("files:write");
    }

    @Test
    @Order(15)
    void loginAtATerminalShouldAskForTheUserAndThePasswordWithoutEchoingIt() {
        Assumptions.assumeTrue(Terminal.available(), "script (util-linux) is not installed; no terminal to log in at");
        WharfProcess person = new WharfProcess(home.resolve("person"));

        Terminal.Session session = Terminal.run(
                person.command("login", "--server", wharf.url()),
                person.home(),
                List.of(Map.entry("Username: ", "writer"), Map.entry("Password: ", PASSWORD)));

        assertThat(session.exitCode()).as(session.screen()).isZero();
        assertThat(session.screen())
                .contains("Username: writer")
                .contains("Logged in to " + wharf.url() + " as writer")
                .doesNotContain(PASSWORD);
        assertThat(person.config()).exists();
    }

    @Test
    @Order(20)
    void logoutShouldRevokeTheTokenSoThatItsNextUseSaysToLogIn() throws Exception {
        String token = JSON.readTree(new com.fasterxml.jackson.databind.ObjectMapper(
                                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .readTree(writer.config().toFile())
                        .toString())
                .get("token")
                .asText();

        WharfProcess.Result logout = writer.run("logout");

        assertThat(logout.exitCode()).as(logout.all()).isZero();
        assertThat(logout.out()).startsWith("Logged out of " + wharf.url() + ": revoked token ");
        assertThat(Files.readString(writer.config())).doesNotContain("token");
        WharfProcess.Result afterwards = writer.run("art", "list", "--registry", "files");
        assertThat(afterwards.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(afterwards.err()).endsWith("; run `wharf login --server " + wharf.url() + "`\n");
        WharfProcess other = new WharfProcess(home.resolve("revoked"));
        WharfProcess.Result revoked = other.run("login", "--server", wharf.url(), "--token", token);
        assertThat(revoked.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(revoked.err()).contains("revoked").contains("run `wharf login --server " + wharf.url() + "` again");
    }

    @Test
    @Order(21)
    void loginWithAWrongPasswordShouldSaySoAndSaveNothing() {
        WharfProcess stranger = new WharfProcess(home.resolve("wrong"));

        WharfProcess.Result login = stranger.runWithInput(
                "not-the-password\n",
                home,
                "login",
                "--server",
                wharf.url(),
                "--username",
                "writer",
                "--password-stdin");

        assertThat(login.exitCode()).isEqualTo(ExitCodes.AUTH);
        assertThat(login.err()).endsWith("; check the user name and password\n");
        assertThat(stranger.config()).doesNotExist();
    }

    @Test
    @Order(22)
    void unreachableServerShouldExitWithItsOwnCode() {
        WharfProcess.Result list =
                new WharfProcess(home.resolve("nowhere")).run("reg", "list", "--server", "http://127.0.0.1:9");

        assertThat(list.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(list.err()).startsWith("wharf: cannot reach http://127.0.0.1:9");
    }

    private String listing(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "artifact";
        args[1] = "list";
        System.arraycopy(options, 0, args, 2, options.length);
        WharfProcess.Result result = writer.run(args);
        assertThat(result.exitCode()).as(result.all()).isZero();
        return Golden.normalise(result.out(), wharf.url());
    }
}
