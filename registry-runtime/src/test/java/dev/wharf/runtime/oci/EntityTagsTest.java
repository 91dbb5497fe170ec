package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;

/** Which {@code If-None-Match} values make a GET or HEAD of a digest's content not modified. */
class EntityTagsTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String OTHER = "sha256:" + "b".repeat(64);

    /** The cases name the digest {@code D} and another {@code O}. */
    @ParameterizedTest(name = "If-None-Match: {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {"\"D\"|true", "W/\"D\"|true", "*|true", "\"O\", \"D\"|true", "\"O\"|false", "D|false", "\"\"|false"
            })
    void notModifiedWhenIfNoneMatchListsTheDigestsEntityTagOrIsAStar(String ifNoneMatch, boolean expected) {
        MockServerRequest request = MockServerRequest.builder()
                .header(
                        HttpHeaders.IF_NONE_MATCH,
                        ifNoneMatch.replace("D", DIGEST).replace("O", OTHER))
                .build();

        assertThat(EntityTags.notModified(request, DIGEST)).isEqualTo(expected);
    }

    @Test
    void modifiedWithoutIfNoneMatch() {
        assertThat(EntityTags.notModified(MockServerRequest.builder().build(), DIGEST))
                .isFalse();
    }
}
