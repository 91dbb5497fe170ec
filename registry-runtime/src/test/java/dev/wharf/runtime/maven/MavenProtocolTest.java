package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Maven repository layout over HTTP, as Gradle and the Maven clients use it where a real client is impractical to
 * drive: checksums, generated metadata, snapshots, Gradle's {@code .module} files and HEAD requests, and bad input.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MavenProtocolTest {

    private static final AtomicInteger ARTIFACTS = new AtomicInteger();

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        MavenTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Test
    void fileWhenDeployedShouldServeItsBytesAndEveryChecksumOfThem() {
        String dir = artifact("checksums") + "/1.0";
        byte[] jar = "a jar's bytes".getBytes(StandardCharsets.UTF_8);
        String file = dir + "/" + artifactId(dir) + "-1.0.jar";

        put(file, WRITER, jar).expectStatus().isCreated();

        assertThat(get(file)
                        .expectStatus()
                        .isOk()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody())
                .isEqualTo(jar);
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            get(file + "." + algorithm.extension())
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .isEqualTo(algorithm.of(jar));
        }
    }

    @Test
    void checksumWhenUploadedMatchingShouldBeAcceptedAndWhenNotShouldBeRefusedWithBothValues() {
        String dir = artifact("uploaded-sums") + "/1.0";
        String file = dir + "/" + artifactId(dir) + "-1.0.pom";
        byte[] pom = "<project/>".getBytes(StandardCharsets.UTF_8);
        put(file, WRITER, pom).expectStatus().isCreated();

        put(file + ".sha1", WRITER, ChecksumAlgorithm.SHA1.of(pom).getBytes(StandardCharsets.US_ASCII))
                .expectStatus()
                .isCreated();
        String wrong = "0".repeat(40);
        put(file + ".sha1", WRITER, wrong.getBytes(StandardCharsets.US_ASCII))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the uploaded sha1 of " + artifactId(dir) + "-1.0.pom is " + wrong
                        + " but the stored bytes have " + ChecksumAlgorithm.SHA1.of(pom)
                        + "; deploy the file again, it was changed or cut off on the way");
        put(file + ".md5", WRITER, "not hex".getBytes(StandardCharsets.US_ASCII))
                .expectStatus()
                .isBadRequest();

        get(file + ".sha1").expectStatus().isOk().expectBody(String.class).isEqualTo(ChecksumAlgorithm.SHA1.of(pom));
    }

    @Test
    void releaseWhenDeployedAgainWithOtherContentShouldAnswer409NamingTheFileAndTheSetting() {
        String dir = artifact("immutable") + "/2.0";
        String file = dir + "/" + artifactId(dir) + "-2.0.jar";
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        put(file, WRITER, first).expectStatus().isCreated();
        put(file, WRITER, first).expectStatus().isOk();

        put(file, WRITER, "second".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail)
                                .startsWith(artifactId(dir) + "-2.0.jar of " + coordinates(dir)
                                        + " 2.0 is already deployed")
                                .endsWith("releases are immutable in registry 'jars': deploy a new version, or set"
                                        + " spec.allowOverwrite: true on the Registry"));

        assertThat(get(file)
                        .expectStatus()
                        .isOk()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody())
                .isEqualTo(first);
    }

    @Test
    void releaseWhenRegistryAllowsOverwriteShouldBeReplacedAndServeTheNewBytes() {
        String dir = "/maven/" + MavenTestRuntime.MUTABLE + "/org/example/overwritten" + ARTIFACTS.incrementAndGet()
                + "/2.0";
        String file = dir + "/" + artifactId(dir) + "-2.0.jar";
        byte[] second = bytes("second");
        put(file, WRITER, bytes("first")).expectStatus().isCreated();

        put(file, WRITER, second).expectStatus().isOk();

        assertThat(get(file)
                        .expectStatus()
                        .isOk()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody())
                .isEqualTo(second);
        get(file + ".sha1").expectStatus().isOk().expectBody(String.class).isEqualTo(ChecksumAlgorithm.SHA1.of(second));
    }

    @Test
    void snapshotWhenDeployedToAReleaseOnlyRegistryShouldAnswer400NamingTheSettingAndStoreNothing() {
        String base = "/maven/" + MavenTestRuntime.RELEASES + "/org/example/releases" + ARTIFACTS.incrementAndGet();
        String id = artifactId(base + "/x");
        String dir = base + "/1.0-SNAPSHOT";
        String message = "1.0-SNAPSHOT of org.example:" + id + " is a snapshot, but registry 'release-jars' holds"
                + " releases only (spec.maven.versionPolicy: Release): deploy it to a registry that accepts snapshots"
                + " (versionPolicy Snapshot or Mixed)";

        for (String path : new String[] {
            dir + "/" + id + "-1.0-20261207.101500-1.jar",
            dir + "/" + id + "-1.0-20261207.101500-1.jar.sha1",
            dir + "/maven-metadata.xml"
        }) {
            put(path, WRITER, bytes("<metadata/>"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo(message);
        }

        get(dir + "/" + id + "-1.0-20261207.101500-1.jar").expectStatus().isNotFound();
        get(base + "/maven-metadata.xml").expectStatus().isNotFound();
        put(base + "/1.0/" + id + "-1.0.jar", WRITER, bytes("a release"))
                .expectStatus()
                .isCreated();
    }

    @Test
    void releaseWhenDeployedToASnapshotOnlyRegistryShouldAnswer400NamingTheSettingAndStoreNothing() {
        String base = "/maven/" + MavenTestRuntime.SNAPSHOTS + "/org/example/snapshots" + ARTIFACTS.incrementAndGet();
        String id = artifactId(base + "/x");

        put(base + "/1.0/" + id + "-1.0.pom", WRITER, bytes("<project/>"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("1.0 of org.example:" + id + " is a release, but registry 'snapshot-jars' holds"
                        + " snapshots only (spec.maven.versionPolicy: Snapshot): deploy it to a registry that accepts"
                        + " releases (versionPolicy Release or Mixed)");

        get(base + "/1.0/" + id + "-1.0.pom").expectStatus().isNotFound();
        put(base + "/1.1-SNAPSHOT/" + id + "-1.1-20261207.101500-1.pom", WRITER, bytes("<project/>"))
                .expectStatus()
                .isCreated();
    }

    @Test
    void artifactMetadataShouldListEveryDeployedVersionWithLatestAndReleaseWhateverTheClientUploaded() {
        String base = artifact("versions");
        String id = artifactId(base + "/x");
        for (String version : new String[] {"1.10", "1.2", "2.0-SNAPSHOT", "1.9"}) {
            put(base + "/" + version + "/" + id + "-" + version + ".pom", WRITER, new byte[] {1})
                    .expectStatus()
                    .isCreated();
        }
        String uploaded = "<metadata><groupId>org.example</groupId><artifactId>" + id + "</artifactId>"
                + "<versioning><versions><version>0.1</version></versions></versioning></metadata>";
        put(base + "/maven-metadata.xml", WRITER, uploaded.getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isCreated();

        String metadata = get(base + "/maven-metadata.xml")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/xml")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metadata)
                .contains("<latest>2.0-SNAPSHOT</latest>")
                .contains("<release>1.10</release>")
                .contains("<versions>\n      <version>1.2</version>\n      <version>1.9</version>\n"
                        + "      <version>1.10</version>\n      <version>2.0-SNAPSHOT</version>\n    </versions>")
                .doesNotContain("0.1");
        get(base + "/maven-metadata.xml.sha1")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo(ChecksumAlgorithm.SHA1.of(metadata.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void snapshotWhenBuiltTwiceShouldListTheNewestBuildAndServeItForTheSnapshotName() {
        String dir = artifact("snapshots") + "/1.1.0-SNAPSHOT";
        String id = artifactId(dir);
        put(dir + "/" + id + "-1.1.0-20261206.101500-1.jar", WRITER, bytes("build 1"))
                .expectStatus()
                .isCreated();
        put(dir + "/" + id + "-1.1.0-20261206.101500-1.pom", WRITER, bytes("pom 1"))
                .expectStatus()
                .isCreated();
        put(dir + "/" + id + "-1.1.0-20261207.090000-2.jar", WRITER, bytes("build 2"))
                .expectStatus()
                .isCreated();
        put(dir + "/" + id + "-1.1.0-20261207.090000-2-sources.jar", WRITER, bytes("sources 2"))
                .expectStatus()
                .isCreated();

        assertThat(get(dir + "/maven-metadata.xml")
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .contains("<version>1.1.0-SNAPSHOT</version>")
                .contains("<snapshot>\n      <timestamp>20261207.090000</timestamp>\n"
                        + "      <buildNumber>2</buildNumber>\n    </snapshot>")
                .contains("<extension>jar</extension>\n        <value>1.1.0-20261207.090000-2</value>")
                .contains("<classifier>sources</classifier>\n        <extension>jar</extension>\n"
                        + "        <value>1.1.0-20261207.090000-2</value>")
                .contains("<extension>pom</extension>\n        <value>1.1.0-20261206.101500-1</value>");
        get(dir + "/" + id + "-1.1.0-SNAPSHOT.jar").expectBody(String.class).isEqualTo("build 2");
        get(dir + "/" + id + "-1.1.0-SNAPSHOT.pom").expectBody(String.class).isEqualTo("pom 1");
        get(dir + "/" + id + "-1.1.0-SNAPSHOT-sources.jar.sha1")
                .expectBody(String.class)
                .isEqualTo(ChecksumAlgorithm.SHA1.of(bytes("sources 2")));
    }

    @Test
    void gradleModuleFileShouldBeServedAsJsonAndAnsweredByHeadWithItsLengthAndChecksum() {
        String dir = artifact("gradle") + "/3.0";
        String module = dir + "/" + artifactId(dir) + "-3.0.module";
        byte[] json = "{\"formatVersion\":\"1.1\"}".getBytes(StandardCharsets.UTF_8);
        put(module, WRITER, json).expectStatus().isCreated();

        client.head()
                .uri(module)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/json")
                .expectHeader()
                .contentLength(json.length)
                .expectHeader()
                .valueEquals("X-Checksum-Sha256", ChecksumAlgorithm.SHA256.of(json));
        client.head()
                .uri(module + ".sha1")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(40);
        client.head()
                .uri(dir + "/" + artifactId(dir) + "-3.0.jar")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void deployWhenAnonymousShouldAnswer401WithABasicChallenge() {
        client.put()
                .uri("/maven/jars/org/example/anon/1.0/anon-1.0.jar")
                .bodyValue(new byte[] {1})
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic .*");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "org/example/app/1.0/../../evil/1.0/evil-1.0.jar|relative path reference",
                "org/example/app/1.0/app-1.0.jar%2F..%2Fx.jar|an encoded path separator is not allowed",
                "org/example/app/1.0/app-1.0%00.jar|control character",
                "org/example/app/1.0/other-1.0.jar|does not start with the artifactId 'app-'",
                "org/example/app/1.0/app-2.0.jar|a file of version 1.0 is named app-1.0[-<classifier>].<extension>",
                "org/example/app/1.0-SNAPSHOT/app-1.0-2026.jar|a file of snapshot 1.0-SNAPSHOT is named",
                "app-1.0.jar|names no artifact file",
                "org/example//app/1.0/app-1.0.jar|empty segment",
                "org/ex%20ample/app/1.0/app-1.0.jar|is not one Maven writes",
            })
    void deployWhenPathIsNotOneMavenWritesShouldAnswer400AndStoreNothing(String path, String message) {
        client.put()
                .uri(URI.create("http://localhost:" + port + "/maven/jars/" + path))
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(new byte[] {1})
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains(message));
        client.get()
                .uri("/maven/jars/org/example/app/1.0/app-1.0.jar")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void metadataWhenUploadedForAnotherArtifactOrMalformedShouldAnswer400() {
        String base = artifact("wrong-metadata");
        put(
                        base + "/maven-metadata.xml",
                        WRITER,
                        bytes("<metadata><groupId>org.other</groupId>" + "<artifactId>x</artifactId></metadata>"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail)
                                .contains("names org.other:x but its directory is " + coordinates(base + "/x") + "'s"));
        put(
                        base + "/maven-metadata.xml",
                        WRITER,
                        bytes("<!DOCTYPE metadata [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<metadata>&x;</metadata>"))
                .expectStatus()
                .isBadRequest();
        put(base + "/maven-metadata.xml", WRITER, bytes("<metadata><versioning>"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("is not well-formed XML"));
    }

    /** A new artifact's directory, {@code /maven/jars/org/example/<name>N}. */
    private static String artifact(String name) {
        return "/maven/jars/org/example/" + name + ARTIFACTS.incrementAndGet();
    }

    private static String artifactId(String versionDir) {
        String[] parts = versionDir.split("/");
        return parts[parts.length - 2];
    }

    private static String coordinates(String versionDir) {
        return "org.example:" + artifactId(versionDir);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private WebTestClient.ResponseSpec get(String url) {
        return client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }

    private WebTestClient.ResponseSpec put(String url, String user, byte[] content) {
        return client.put()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .bodyValue(content)
                .exchange();
    }
}
