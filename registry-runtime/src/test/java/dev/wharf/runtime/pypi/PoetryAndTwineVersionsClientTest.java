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
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * poetry (Debian's) builds and publishes a project to a hosted pypi registry and installs it into another project's
 * virtualenv from that registry as its only source; twine's code (Debian's) run by each pyenv Python uploads a wheel
 * that pip of the same Python then installs in hash-checking mode.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PoetryAndTwineVersionsClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PYTHONS = List.of("3.9", "3.10", "3.12", "3.13");

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
    void poetryPublishWhenProjectIsNewShouldServeItToPoetryInstallOfAnotherProject() throws Exception {
        Assumptions.assumeTrue(
                Clients.onPath("poetry"), "poetry is not installed (apt-get install python3-poetry); skipped");
        Path library = work.resolve("poetry-lib");
        Files.createDirectories(library.resolve("poetry_lib"));
        Files.writeString(library.resolve("poetry_lib/__init__.py"), "GREETING = \"hello from poetry\"\n");
        Files.writeString(library.resolve("README.md"), "A library published by poetry.\n");
        Files.writeString(library.resolve("pyproject.toml"), """
                [tool.poetry]
                name = "poetry-lib"
                version = "0.3.0"
                description = "Published to Wharf by poetry"
                authors = ["Wharf Tests <tests@wharf.invalid>"]
                readme = "README.md"

                [tool.poetry.dependencies]
                python = ">=3.8"

                [build-system]
                requires = ["poetry-core"]
                build-backend = "poetry.core.masonry.api"
                """);
        Map<String, String> environment = Map.of(
                "POETRY_REPOSITORIES_WHARF_URL",
                "http://localhost:" + port + "/pypi/wheels/",
                "POETRY_HTTP_BASIC_WHARF_USERNAME",
                WRITER,
                "POETRY_HTTP_BASIC_WHARF_PASSWORD",
                PASSWORD,
                "POETRY_VIRTUALENVS_IN_PROJECT",
                "true",
                "POETRY_NO_INTERACTION",
                "1");

        Clients.Result publish =
                Clients.run(library, List.of("poetry", "publish", "--build", "-r", "wharf"), environment);

        assertThat(publish.exit()).as(publish.output()).isZero();
        String page = get("/pypi/wheels/simple/poetry-lib/", "application/vnd.pypi.simple.v1+json");
        assertThat(JSON.readTree(page).path("versions").toString()).isEqualTo("[\"0.3.0\"]");
        assertThat(page).contains("poetry_lib-0.3.0-py3-none-any.whl").contains("poetry_lib-0.3.0.tar.gz");

        Clients.Result again = Clients.run(library, List.of("poetry", "publish", "-r", "wharf"), environment);
        assertThat(again.exit()).isNotZero();
        assertThat(again.output()).contains("400");

        Path app = work.resolve("poetry-app");
        Files.createDirectories(app);
        Files.writeString(app.resolve("pyproject.toml"), """
                [tool.poetry]
                name = "poetry-app"
                version = "1.0.0"
                description = "Installs from Wharf with poetry"
                authors = ["Wharf Tests <tests@wharf.invalid>"]
                packages = []

                [tool.poetry.dependencies]
                python = ">=3.8"
                poetry-lib = "0.3.0"

                [[tool.poetry.source]]
                name = "wharf"
                url = "http://localhost:%d/pypi/wheels/simple/"
                default = true
                """.formatted(port));
        Map<String, String> reading = new java.util.HashMap<>(environment);
        reading.put("POETRY_HTTP_BASIC_WHARF_USERNAME", READER);

        Clients.Result install = Clients.run(app, List.of("poetry", "install", "--no-root"), reading);

        assertThat(install.exit()).as(install.output()).isZero();
        assertThat(Files.readString(app.resolve("poetry.lock")))
                .contains("name = \"poetry-lib\"")
                .contains("poetry_lib-0.3.0-py3-none-any.whl");
        Clients.Result run = Clients.run(
                app,
                List.of(
                        app.resolve(".venv/bin/python").toString(),
                        "-c",
                        "import poetry_lib; print(poetry_lib.GREETING)"));
        assertThat(run.output()).contains("hello from poetry");
    }

    @Test
    void twineUploadWhenRunByEachPythonShouldServeTheWheelToPipOfThatPython() throws Exception {
        Assumptions.assumeTrue(Clients.onPath("twine"), "twine is not installed (apt-get install twine); skipped");
        List<String> tried = new ArrayList<>();
        for (String version : PYTHONS) {
            Path python = Clients.python(version);
            if (python == null) {
                continue;
            }
            tried.add(version);
            String project = "twine-py" + version.replace(".", "");
            Path wheel = TestDistributions.wheel(work.resolve(project), project, "1.0");
            // Debian's twine is pure Python: its modules and theirs run under each interpreter.
            Map<String, String> debianModules = Map.of("PYTHONPATH", "/usr/lib/python3/dist-packages");

            Clients.Result upload = Clients.run(
                    work,
                    List.of(
                            python.toString(),
                            "-m",
                            "twine",
                            "upload",
                            "--non-interactive",
                            "--disable-progress-bar",
                            "--repository-url",
                            "http://localhost:" + port + "/pypi/wheels/",
                            "-u",
                            WRITER,
                            "-p",
                            PASSWORD,
                            wheel.toString()),
                    debianModules);
            assertThat(upload.exit())
                    .as("twine under Python %s: %s", version, upload.output())
                    .isZero();

            Path requirements = work.resolve(project + ".txt");
            Files.writeString(requirements, project + "==1.0 --hash=sha256:" + TestDistributions.sha256Hex(wheel));
            Clients.Result install = Clients.run(
                    work,
                    List.of(
                            python.toString(),
                            "-m",
                            "pip",
                            "install",
                            "--no-cache-dir",
                            "--require-hashes",
                            "--index-url",
                            "http://" + READER + ":" + PASSWORD + "@localhost:" + port + "/pypi/wheels/simple/",
                            "--target",
                            work.resolve("site-" + version).toString(),
                            "-r",
                            requirements.toString()));
            assertThat(install.exit())
                    .as("pip of Python %s: %s", version, install.output())
                    .isZero();
            assertThat(work.resolve("site-" + version + "/" + project.replace('-', '_') + "/__init__.py"))
                    .exists();
        }
        Assumptions.assumeFalse(tried.isEmpty(), "none of Pythons " + PYTHONS + " is under pyenv; skipped");
    }

    private String get(String path, String accept) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Accept", accept)
                            .header("Authorization", dev.wharf.runtime.testing.TestRuntime.basic(READER))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
    }
}
