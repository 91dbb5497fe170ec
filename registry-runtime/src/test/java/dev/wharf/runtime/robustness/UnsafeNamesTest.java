package dev.wharf.runtime.robustness;

import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Request targets that try to leave the storage area or smuggle unsafe names into it, sent on a raw socket so that
 * they reach the runtime exactly as written. Each is refused with a problem document and leaves no trace: no blob, no
 * temporary file, no package, and no file anywhere outside the data directory.
 *
 * <p>A name in the package, version or file position is refused with 400 by the name checks, an empty segment
 * included. A registry position holding an unsafe name answers 404: it is looked up among the configured registries
 * and never used as a path. Two targets never reach a route: a raw backslash, which makes the target an invalid URI,
 * gets a 400 problem naming the character from the server's own check (MalformedRequestTargets), and a request line
 * longer than the server reads gets a 414 without a body.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnsafeNamesTest {

    /** Part of every file name the attempts try to create, to find such a file wherever it landed. */
    private static final String MARKER = "wharfescape";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @LocalServerPort
    private int port;

    private RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp(port);
    }

    /** A request target, the status it must get, and whether the answer is a problem document. */
    record Attempt(String what, String target, int status, boolean problem) {

        static Attempt refused(String what, String path) {
            return new Attempt(what, "/generic/files/" + path, 400, true);
        }

        static Attempt unknownRegistry(String what, String registry) {
            return new Attempt(what, "/generic/" + registry + "/pkg/1.0/" + MARKER, 404, true);
        }

        /** Refused by the HTTP server before any route runs, so without a body. */
        static Attempt refusedByTheServer(String what, String path, int status) {
            return new Attempt(what, "/generic/files/" + path, status, false);
        }

        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Attempt> attempts() {
        String m = MARKER;
        return Stream.of(
                Attempt.refused("'..' segments in the file path", "pkg/1.0/../../../../../" + m),
                Attempt.refused("'..' as the package", "../1.0/" + m),
                Attempt.refused("'..' as the version", "pkg/../" + m),
                Attempt.refused("%2e%2e segments", "pkg/1.0/%2e%2e/%2e%2e/" + m),
                Attempt.refused("%2e%2e as the package", "%2e%2e/1.0/" + m),
                Attempt.refused("%2E%2e%2F, a traversal in one segment", "pkg/1.0/%2E%2e%2F%2E%2e%2F" + m),
                Attempt.refused("%2f as a separator", "pkg/1.0/..%2f..%2f" + m),
                Attempt.refused("%2F inside the package", "pkg%2F..%2F../1.0/" + m),
                Attempt.refused("%5c as a separator", "pkg/1.0/..%5c..%5c" + m),
                Attempt.refused("double-encoded %252e%252e", "pkg/1.0/%252e%252e/%252e%252e/" + m),
                Attempt.refused("an absolute file path", "pkg/1.0//etc/" + m),
                Attempt.refused("an absolute path as the package", "/etc/" + m + "/1.0/a.txt"),
                Attempt.refused("raw backslashes", "pkg/1.0/..\\..\\" + m),
                Attempt.refusedByTheServer(
                        "a request line of 10000 characters", "pkg/1.0/" + "a".repeat(10_000) + m, 414),
                Attempt.refused("NUL in the file name", "pkg/1.0/" + m + "%00.txt"),
                Attempt.refused("NUL in the package", "pkg%00/1.0/" + m),
                Attempt.refused("NUL in the version", "pkg/1.0%00/" + m),
                Attempt.refused("a line feed", "pkg/1.0/" + m + "%0a.txt"),
                Attempt.refused("CR LF and a forged header", "pkg/1.0/" + m + "%0d%0aX-Injected:%20yes"),
                Attempt.refused("an escape character", "pkg/1.0/" + m + "%1b%5b31m.txt"),
                Attempt.refused("a package name of 256 characters", "p".repeat(256) + "/1.0/" + m),
                Attempt.refused("a version of 129 characters", "pkg/" + "1".repeat(129) + "/" + m),
                Attempt.refused("a file name of 1025 characters", "pkg/1.0/" + m + "f".repeat(1025 - m.length())),
                Attempt.refused("a file path of 1217 characters", "pkg/1.0/" + ("d".repeat(200) + "/").repeat(6) + m),
                Attempt.refused("an empty segment in the file path", "pkg/1.0/a//" + m),
                Attempt.refused("an empty version", "pkg//" + m),
                Attempt.refused("'...' as the package", ".../1.0/" + m),
                Attempt.refused("'...' as the version", "pkg/.../" + m),
                Attempt.refused("'...' as the file", "pkg/1.0/..."),
                Attempt.refused("'.' in the file path", "pkg/1.0/./" + m),
                Attempt.unknownRegistry("%2e%2e as the registry", "%2e%2e"),
                Attempt.unknownRegistry("NUL in the registry", "files%00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void uploadWhenTargetIsUnsafeShouldBeRefusedWithAProblemAndWriteNothing(Attempt attempt) {
        Set<String> filesBefore = filesOutsideTheDatabase();
        List<String> packagesBefore = StoredState.packageNames(http, "files");

        RawHttp.Response response =
                http.exchange("PUT", attempt.target(), basic(WRITER), "escaped".getBytes(StandardCharsets.UTF_8));

        assertRefused(response, attempt);
        assertThat(filesOutsideTheDatabase()).isEqualTo(filesBefore);
        assertThat(StoredState.packageNames(http, "files")).isEqualTo(packagesBefore);
        assertNoMarkedFileOutsideTheDataDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void downloadWhenTargetIsUnsafeShouldBeRefusedWithAProblem(Attempt attempt) {
        Set<String> filesBefore = filesOutsideTheDatabase();

        RawHttp.Response response = http.exchange("GET", attempt.target(), basic(WRITER), new byte[0]);

        assertRefused(response, attempt);
        assertThat(filesOutsideTheDatabase()).isEqualTo(filesBefore);
    }

    private static void assertRefused(RawHttp.Response response, Attempt attempt) {
        assertThat(response.status()).as("%s", response).isEqualTo(attempt.status());
        if (!attempt.problem()) {
            assertThat(response.body()).isEmpty();
            return;
        }
        int status = attempt.status();
        assertThat(response.header("Content-Type")).as("%s", response).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    /** Every file of the test's directory (configuration, blobs, uploads), but the database's own files. */
    private static Set<String> filesOutsideTheDatabase() {
        Set<String> files = new TreeSet<>(StoredState.files(root));
        files.removeIf(file -> file.startsWith("data/metadata/"));
        return files;
    }

    /**
     * No file carrying the marker in the test's directory, next to it, in the working directory or at the root of the
     * file system: where a traversal that escaped the blob store would have put it.
     */
    private static void assertNoMarkedFileOutsideTheDataDirectory() {
        assertThat(StoredState.files(root)).noneMatch(file -> file.contains(MARKER));
        for (Path dir : List.of(
                root.getParent(),
                Path.of("").toAbsolutePath(),
                root.getRoot(),
                root.resolve("data"),
                root.resolve("config"))) {
            try (Stream<Path> entries = Files.list(dir)) {
                assertThat(entries.map(entry -> entry.getFileName().toString()))
                        .as("entries of %s", dir)
                        .noneMatch(name -> name.contains(MARKER));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
