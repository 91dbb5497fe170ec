package dev.wharf.runtime.pypi;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * twine (Debian's) uploads a wheel and an sdist to a hosted pypi registry, and pip of several Pythons installs the
 * wheel from it in hash-checking mode, reading the simple API's JSON and HTML pages.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PipAndTwineClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        PypiTestRuntime.configure(registry, root, null);
    }

    @Test
    void twineUploadWhenWheelAndSdistAreNewShouldServeThemToPipWithHashes() throws Exception {
        Assumptions.assumeTrue(Clients.onPath("twine"), "twine is not installed (apt-get install twine); skipped");
        Path wheel = TestDistributions.wheel(work.resolve("dist"), "Hello-Wharf", "1.0.0");
        Path sdist = TestDistributions.sdist(work.resolve("dist"), "Hello-Wharf", "1.0.0");

        Clients.Result upload = twine(wheel, sdist);

        assertThat(upload.exit()).as(upload.output()).isZero();
        JsonNode page = json("/pypi/wheels/simple/hello-wharf/", READER);
        assertThat(page.path("meta").path("api-version").asString()).isEqualTo("1.1");
        assertThat(page.path("versions").toString()).isEqualTo("[\"1.0.0\"]");
        JsonNode first = page.path("files").get(0);
        assertThat(first.path("filename").asString()).isEqualTo("Hello_Wharf-1.0.0-py3-none-any.whl");
        assertThat(first.path("hashes").path("sha256").asString()).isEqualTo(TestDistributions.sha256Hex(wheel));
        assertThat(first.path("requires-python").asString()).isEqualTo(">=3.7");
        assertThat(first.path("core-metadata").path("sha256").asString()).hasSize(64);
        assertThat(first.path("size").asLong()).isEqualTo(Files.size(wheel));
        assertThat(page.path("files").get(1).path("filename").asString()).isEqualTo("Hello_Wharf-1.0.0.tar.gz");
        assertThat(page.path("files").get(1).path("core-metadata").asBoolean(true))
                .isFalse();

        for (String python : List.of("3.8", "3.11", "3.12")) {
            Path interpreter = Clients.python(python);
            if (interpreter == null) {
                continue;
            }
            Path requirements = work.resolve("requirements-" + python + ".txt");
            Files.writeString(
                    requirements, "hello-wharf==1.0.0 --hash=sha256:" + TestDistributions.sha256Hex(wheel) + "\n");
            Clients.Result install = Clients.run(
                    work,
                    List.of(
                            interpreter.toString(),
                            "-m",
                            "pip",
                            "install",
                            "--no-cache-dir",
                            "--only-binary=:all:",
                            "--require-hashes",
                            "--index-url",
                            "http://" + READER + ":" + PASSWORD + "@localhost:" + port + "/pypi/wheels/simple/",
                            "--target",
                            work.resolve("site-" + python).toString(),
                            "-r",
                            requirements.toString()));

            assertThat(install.exit())
                    .as("pip of Python %s: %s", python, install.output())
                    .isZero();
            assertThat(work.resolve("site-" + python + "/Hello_Wharf/__init__.py"))
                    .content()
                    .contains("1.0.0");
        }

        // twine prints the answer's body with --verbose only.
        Clients.Result again = twine("--verbose", wheel);
        assertThat(again.exit()).isNotZero();
        assertThat(again.output()).contains("400 File already exists: 'Hello_Wharf-1.0.0-py3-none-any.whl' was");
    }

    @Test
    void pageWhenNameIsNotNormalizedShouldRedirectToTheNormalizedUrl() throws Exception {
        HttpResponse<String> response = get("/pypi/public-wheels/simple/Hello_Wharf.Two/", null, "text/html");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("location")).hasValue("/pypi/public-wheels/simple/hello-wharf-two/");
    }

    @Test
    void pageWhenAcceptTakesNoFormShouldAnswer406NamingTheForms() throws Exception {
        HttpResponse<String> response = get("/pypi/public-wheels/simple/anything/", null, "application/xml");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).contains("application/vnd.pypi.simple.v1+json");
    }

    private Clients.Result twine(Path... files) throws Exception {
        return twine(null, files);
    }

    private Clients.Result twine(@org.jspecify.annotations.Nullable String option, Path... files) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "twine",
                "upload",
                "--non-interactive",
                "--disable-progress-bar",
                "--repository-url",
                "http://localhost:" + port + "/pypi/wheels/",
                "-u",
                WRITER,
                "-p",
                PASSWORD));
        if (option != null) {
            command.add(option);
        }
        for (Path file : files) {
            command.add(file.toString());
        }
        return Clients.run(work, command);
    }

    private JsonNode json(String path, String user) throws Exception {
        HttpResponse<String> response = get(path, user, "application/vnd.pypi.simple.v1+json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.pypi.simple.v1+json");
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, @org.jspecify.annotations.Nullable String user, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept);
        if (user != null) {
            request.header("Authorization", dev.wharf.runtime.testing.TestRuntime.basic(user));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
