package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutable documents are held in memory, so one larger than the limit is refused rather than read whole. */
class DocumentSizeLimitTest {

    private static final String PACKUMENT = "/huge";

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream npmjs;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir, new CacheLimits(1024, 4096, 4096));
        npmjs = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        npmjs.close();
        fixture.close();
    }

    @Test
    void fetchOfADocumentLargerThanTheLimitShouldFailSayingSo() {
        npmjs.serve(PACKUMENT, new byte[100_000]);
        ServedRegistry registry = fixture.registry(upstream("npmjs", npmjs));

        assertThatThrownBy(() -> fixture.fetch(registry, UpstreamRequest.mutable("huge", PACKUMENT, List.of())))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("upstream 'npmjs' sent a document larger than 1024 bytes for " + PACKUMENT
                        + ", the most kept in memory");
    }

    @Test
    void fetchOfADocumentWithinTheLimitShouldServeIt() {
        npmjs.serve(PACKUMENT, new byte[1024]);
        ServedRegistry registry = fixture.registry(upstream("npmjs", npmjs));

        UpstreamResult result = fixture.fetch(registry, UpstreamRequest.mutable("huge", PACKUMENT, List.of()));

        assertThat(result.size()).isEqualTo(1024);
        assertThat(EngineFixture.bytes(result)).hasSize(1024);
    }
}
