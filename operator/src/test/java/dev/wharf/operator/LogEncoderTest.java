package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The log encoder that logback.xml configures: text by default, JSON lines on request. */
class LogEncoderTest {

    private final LoggerContext context = new LoggerContext();

    LogEncoderTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @ParameterizedTest
    @CsvSource({"'', TEXT", "text, TEXT", "json, JSON", "' JSON ', JSON", "logfmt, TEXT"})
    void effectiveFormatShouldBeJsonOnlyWhenJsonIsNamed(String format, LogFormat expected) {
        LogEncoder encoder = new LogEncoder();
        encoder.setFormat(format);

        assertThat(encoder.effectiveFormat()).isEqualTo(expected);
    }

    @Test
    void encodeWhenFormatIsJsonShouldWriteOneJsonObjectPerLine() throws Exception {
        String line = encode("json", "UpstreamProxy {} is used by {}", "artifacts/npmjs", "[npm]");

        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("UpstreamProxy artifacts/npmjs is used by [npm]");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger_name").asText()).isEqualTo("dev.wharf.test");
        assertThat(json.has("@timestamp")).isTrue();
        assertThat(json.has("level_value")).isFalse();
    }

    @Test
    void encodeWhenFormatIsTextShouldWriteThePattern() {
        String line = encode("text", "UpstreamProxy {} is used", "artifacts/npmjs");

        assertThat(line).isEqualTo("INFO dev.wharf.test - UpstreamProxy artifacts/npmjs is used\n");
    }

    @Test
    void logbackXmlWhenLoadedShouldConfigureWithoutWarnings() throws Exception {
        URL configuration = Objects.requireNonNull(getClass().getResource("/logback.xml"));
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);

        configurator.doConfigure(configuration);

        assertThat(context.getStatusManager().getCopyOfStatusList())
                .allMatch(status -> status.getEffectiveLevel() < Status.WARN, "is below WARN");
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("stdout"))
                .isNotNull();
    }

    private String encode(String format, String message, Object... arguments) {
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setPattern("%level %logger - %msg%n");
        encoder.start();
        LoggingEvent event = new LoggingEvent(
                LogEncoderTest.class.getName(),
                context.getLogger("dev.wharf.test"),
                Level.INFO,
                message,
                null,
                arguments);
        String encoded = new String(encoder.encode(event), StandardCharsets.UTF_8);
        encoder.stop();
        return encoded;
    }
}
