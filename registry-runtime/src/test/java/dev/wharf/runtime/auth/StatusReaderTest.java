package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusReaderTest {

    private static final String CREDENTIAL = "wharf-status-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    @TempDir
    Path dir;

    @Test
    void recogniseWhenTheBearerEqualsTheFileShouldBeTheOperatorWithoutScopes() throws IOException {
        StatusReader reader = new StatusReader(Files.writeString(dir.resolve("token"), CREDENTIAL + "\n"));

        assertThat(reader.recognise("Bearer " + CREDENTIAL)).contains(StatusReader.OPERATOR);
        assertThat(reader.recognise("bearer " + CREDENTIAL)).contains(StatusReader.OPERATOR);
        assertThat(StatusReader.OPERATOR.tokenLimit("any-registry")).isEmpty();
    }

    @Test
    void recogniseWhenTheBearerDiffersShouldBeEmpty() throws IOException {
        StatusReader reader = new StatusReader(Files.writeString(dir.resolve("token"), CREDENTIAL));

        assertThat(reader.recognise("Bearer " + CREDENTIAL.substring(1))).isEmpty();
        assertThat(reader.recognise("Basic " + CREDENTIAL)).isEmpty();
        assertThat(reader.recognise("Bearer ")).isEmpty();
        assertThat(reader.recognise(null)).isEmpty();
    }

    @Test
    void recogniseWhenTheFileIsRotatedShouldAcceptOnlyTheNewValue() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), CREDENTIAL);
        StatusReader reader = new StatusReader(file);
        String rotated = CREDENTIAL.replace('0', 'Z');

        Files.writeString(file, rotated);

        assertThat(reader.recognise("Bearer " + CREDENTIAL)).isEmpty();
        assertThat(reader.recognise("Bearer " + rotated)).contains(StatusReader.OPERATOR);
    }

    @Test
    void recogniseWhenTheFileIsTooShortOrMissingShouldAcceptNothing() throws IOException {
        Path shortFile = Files.writeString(dir.resolve("short"), "tiny");

        assertThat(new StatusReader(shortFile).recognise("Bearer tiny")).isEmpty();
        assertThat(new StatusReader(dir.resolve("missing")).recognise("Bearer " + CREDENTIAL))
                .isEmpty();
        assertThat(new StatusReader(null).recognise("Bearer " + CREDENTIAL)).isEmpty();
    }
}
