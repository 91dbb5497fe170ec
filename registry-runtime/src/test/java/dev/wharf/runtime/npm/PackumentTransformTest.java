package dev.wharf.runtime.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.proxy.DocumentTransform;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class PackumentTransformTest {

    private static final DocumentTransform.Source SOURCE = new DocumentTransform.Source(
            "npmjs", URI.create("https://registry.npmjs.org/@acme%2fbig"), new HttpHeaders());

    private static final PackumentTransform TRANSFORM =
            new PackumentTransform("https://wharf.example/npm/npm", "@acme/big");

    @Test
    void applyShouldPointEveryVersionsTarballHereAndLeaveEverythingElse() {
        String upstream = """
                {"name":"@acme/big","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"name":"@acme/big",\
                "tarball":"https://elsewhere.example/not-dist.tgz",\
                "dist":{"tarball":"https://registry.npmjs.org/@acme/big/-/big-1.0.0.tgz?x=1","shasum":"ab"}}},\
                "dist":{"tarball":"https://registry.npmjs.org/top-level.tgz"}}""";
        String rewritten =
                new String(TRANSFORM.apply(SOURCE, upstream.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(PublishBody.JSON.readTree(rewritten))
                .isEqualTo(PublishBody.JSON.readTree(upstream.replace(
                        "https://registry.npmjs.org/@acme/big/-/big-1.0.0.tgz?x=1",
                        "https://wharf.example/npm/npm/@acme/big/-/big-1.0.0.tgz")));
    }

    @Test
    void applyWhenTheDocumentIsNotAnObjectShouldSayWhose() {
        assertThatThrownBy(() -> TRANSFORM.apply(SOURCE, "[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage(
                        "the packument of @acme/big from https://registry.npmjs.org/@acme%2fbig is not a JSON object");
    }

    @Test
    void keyWhenTheBaseIsTooLongShouldNameItByItsHashNotCutIt() {
        String longBase = "https://wharf.example/" + "p".repeat(300);
        String one = new PackumentTransform(longBase + "/one", "x").key();
        String two = new PackumentTransform(longBase + "/two", "x").key();
        assertThat(one)
                .hasSizeLessThanOrEqualTo(DocumentTransform.MAX_KEY_LENGTH)
                .isNotEqualTo(two);
        assertThat(TRANSFORM.key()).isEqualTo("npm-tarballs/1 https://wharf.example/npm/npm");
    }

    @Test
    void applyOfAThirtyMegabytePackumentShouldAllocateLittleMoreThanItsOutputTwice() {
        StringBuilder document = new StringBuilder("{\"name\":\"@acme/big\",\"versions\":{");
        String padding = "lorem ipsum dolor sit amet ".repeat(360);
        for (int i = 0; i < 3000; i++) {
            document.append(i == 0 ? "" : ",")
                    .append("\"")
                    .append(i)
                    .append(".0.0\":{\"description\":\"")
                    .append(padding)
                    .append("\",\"dist\":{\"tarball\":\"https://registry.npmjs.org/@acme/big/-/big-")
                    .append(i)
                    .append(".0.0.tgz\"}}");
        }
        byte[] bytes = document.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TRANSFORM.apply(SOURCE, bytes);
        long before = threads.getCurrentThreadAllocatedBytes();
        byte[] output = TRANSFORM.apply(SOURCE, bytes);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The output buffer and its copy, exact-sized: no tree, no string per value, no copy of the input.
        assertThat(allocated).isLessThan(output.length * 5L / 2);
        assertThat(output.length).isGreaterThan(bytes.length);
    }
}
