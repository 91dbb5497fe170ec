package dev.wharf.runtime.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What an upstream's packument says of one version, read token by token. */
class PackumentFactsTest {

    private static final String PACKUMENT = """
            {"_id": "left", "name": "left", "dist-tags": {"latest": "1.1.0"},
             "readme": "# left {\\"versions\\": 1}",
             "versions": {
               "1.0.0": {"name": "left", "version": "1.0.0", "dependencies": {"a": "1"},
                         "dist": {"integrity": "sha512-one", "shasum": "aaaa", "tarball": "http://x/left-1.0.0.tgz"}},
               "1.1.0": {"name": "left", "version": "1.1.0", "dist": {"shasum": "bbbb", "fileCount": 3}}
             },
             "time": {"created": "2020-01-01T00:00:00.000Z", "1.0.0": "2020-01-02T03:04:05.678Z",
                      "1.1.0": "2021-06-01T00:00:00+02:00"}}
            """;

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ofWhenTheVersionIsListedShouldGiveItsDistAndPublishTime() {
        assertThat(PackumentFacts.of(bytes(PACKUMENT), "1.0.0"))
                .contains(new PackumentFacts("sha512-one", "aaaa", Instant.parse("2020-01-02T03:04:05.678Z")));
        assertThat(PackumentFacts.of(bytes(PACKUMENT), "1.1.0"))
                .contains(new PackumentFacts(null, "bbbb", Instant.parse("2021-05-31T22:00:00Z")));
    }

    @Test
    void ofWhenTheVersionIsNotListedShouldBeEmpty() {
        assertThat(PackumentFacts.of(bytes(PACKUMENT), "2.0.0")).isEmpty();
        assertThat(PackumentFacts.of(
                        bytes("{\"name\": \"left\", \"time\": {\"2.0.0\": \"2020-01-01T00:00:00Z\"}}"), "2.0.0"))
                .isEmpty();
    }

    @Test
    void ofWhenTheTimeIsMissingOrMalformedShouldKeepNoPublishTime() {
        assertThat(PackumentFacts.of(
                        bytes("{\"versions\": {\"1.0.0\": {\"dist\": {}}}, \"time\": {\"1.0.0\": \"yesterday\"}}"),
                        "1.0.0"))
                .contains(new PackumentFacts(null, null, null));
    }

    @Test
    void ofWhenThePackumentIsNotAnObjectShouldSaySo() {
        assertThatThrownBy(() -> PackumentFacts.of(bytes("[1]"), "1.0.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the packument is not a JSON object");
        assertThatThrownBy(() -> PackumentFacts.of(bytes("{\"versions\": "), "1.0.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the packument is not valid JSON");
    }
}
