package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * An immutable object with a {@link ContentCheck} is kept only when its bytes pass the check against the companion
 * document of the upstream that served it; here the companion says the object's length.
 */
class ContentCheckTest {

    private static final String PATH = "/files/app/1.0/app-1.0.bin";
    private static final byte[] CONTENT = "twelve bytes".getBytes(StandardCharsets.US_ASCII);

    /** The companion {@code <path>.len} holds the object's length in decimal. */
    private static final ContentCheck LENGTH = new ContentCheck() {
        @Override
        public List<String> companions(String path) {
            return List.of(path + ".len");
        }

        @Override
        public Running start() {
            long[] length = {0};
            return new Running() {
                @Override
                public void update(DataBuffer buffer) {
                    length[0] += buffer.readableByteCount();
                }

                @Override
                public @Nullable String mismatch(String companion, byte[] document) {
                    String expected = new String(document, StandardCharsets.US_ASCII).strip();
                    return expected.equals(Long.toString(length[0]))
                            ? null
                            : "are " + length[0] + " long, but " + companion + " says " + expected;
                }
            };
        }
    };

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream first;
    private FakeUpstream second;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        first = FakeUpstream.start();
        second = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        fixture.close();
    }

    private static UpstreamRequest request() {
        return UpstreamRequest.immutable(
                        "app", PATH, List.of(), null, new UpstreamRequest.CachedFile("app", "1.0", "app-1.0.bin"))
                .checked(LENGTH);
    }

    @Test
    void fetchWhenTheBytesMatchTheCompanionShouldKeepThem() {
        first.serve(PATH, CONTENT).serve(PATH + ".len", "12".getBytes(StandardCharsets.US_ASCII));
        ServedRegistry registry = fixture.registry(upstream("first", first));

        assertThat(bytes(fixture.fetch(registry, request()))).isEqualTo(CONTENT);

        assertThat(fixture.fetch(registry, request()).cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(first.requests(PATH + ".len")).hasSize(1);
    }

    @Test
    void fetchWhenTheBytesDoNotMatchTheCompanionShouldFailNamingBothValuesAndKeepNothing() {
        first.serve(PATH, CONTENT).serve(PATH + ".len", "40".getBytes(StandardCharsets.US_ASCII));
        ServedRegistry registry = fixture.registry(upstream("first", first));

        assertThatThrownBy(() -> fixture.fetch(registry, request()))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("upstream 'first' sent " + PATH + " whose bytes are 12 long, but " + PATH
                        + ".len says 40; it was not kept");

        assertThat(fixture.store.exists(ImmutableObjectTest.sha256(CONTENT)).block(TIMEOUT))
                .isFalse();
        first.serve(PATH + ".len", "12".getBytes(StandardCharsets.US_ASCII));
        assertThat(fixture.fetch(registry, request()).cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(first.requests(PATH)).hasSize(2);
    }

    @Test
    void fetchWhenTheFirstUpstreamFailsTheCheckShouldKeepTheNextUpstreamsCopy() {
        first.serve(PATH, "other bytes".getBytes(StandardCharsets.US_ASCII))
                .serve(PATH + ".len", "12".getBytes(StandardCharsets.US_ASCII));
        second.serve(PATH, CONTENT).serve(PATH + ".len", "12".getBytes(StandardCharsets.US_ASCII));
        ServedRegistry registry = fixture.registry(upstream("first", first), upstream("second", second));

        UpstreamResult result = fixture.fetch(registry, request());

        assertThat(result.upstream()).isEqualTo("second");
        assertThat(bytes(result)).isEqualTo(CONTENT);
    }

    @Test
    void fetchWhenTheUpstreamHasNoCompanionShouldKeepTheBytesUnchecked() {
        first.serve(PATH, CONTENT);
        ServedRegistry registry = fixture.registry(upstream("first", first));

        assertThat(bytes(fixture.fetch(registry, request()))).isEqualTo(CONTENT);
        assertThat(first.requests(PATH + ".len")).hasSize(1);
    }
}
