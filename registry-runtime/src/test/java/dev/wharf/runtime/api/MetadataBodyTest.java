package dev.wharf.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.wharf.runtime.web.RequestRefusedException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Checking metadata sent to the API. */
class MetadataBodyTest {

    @Test
    void entriesWhenKeysAndValuesAreValidShouldKeepThem() {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("team.name", "platform");
        body.put("A_b-9", "");
        body.put("k".repeat(63), "v".repeat(4096));

        assertThat(MetadataBody.entries(body))
                .containsExactly(
                        entry("team.name", "platform"), entry("A_b-9", ""), entry("k".repeat(63), "v".repeat(4096)));
    }

    @Test
    void entriesWhenValueIsNullShouldRefuseAndPointAtDelete() {
        Map<String, @Nullable Object> body = new HashMap<>();
        body.put("team", null);

        assertThatThrownBy(() -> MetadataBody.entries(body))
                .isInstanceOf(RequestRefusedException.class)
                .hasMessage("the value of metadata key 'team' is null; metadata values are strings (to remove a key,"
                        + " DELETE .../metadata/team)");
    }

    @Test
    void entriesWhenThereAreMoreThanAHundredShouldRefuse() {
        Map<String, @Nullable Object> body = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            body.put("k" + i, "v");
        }

        assertThatThrownBy(() -> MetadataBody.entries(body))
                .hasMessage("the body sets 101 metadata entries; at most 100 are allowed");
    }

    @Test
    void keyWhenEmptyShouldRefuse() {
        assertThatThrownBy(() -> MetadataBody.key("")).isInstanceOf(RequestRefusedException.class);
    }

    @Test
    void keyWhenItHoldsASlashShouldRefuse() {
        assertThatThrownBy(() -> MetadataBody.key("a/b"))
                .hasMessage("the metadata key 'a/b' is not valid; keys have 1 to 63 characters, each a letter, a digit,"
                        + " '.', '_' or '-'");
    }
}
