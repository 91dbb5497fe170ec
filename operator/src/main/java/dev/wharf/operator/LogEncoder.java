package dev.wharf.operator;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import net.logstash.logback.encoder.LogstashEncoder;
import org.jspecify.annotations.Nullable;

/**
 * Writes log events as plain text, or as one JSON object per line when its format is {@code json}; {@code
 * logback.xml} sets the format from {@code WHARF_LOG_FORMAT}. An unknown format writes text, so that the error
 * {@link OperatorSettings} reports about it is still readable.
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "";
    private String pattern = "%d %-5level [%thread] %logger{36} - %msg%n";
    private @Nullable Encoder<ILoggingEvent> delegate;

    /** {@code text} or {@code json}, as {@link LogFormat#named} reads it. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The logback pattern of text lines. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** The format this encoder writes: the one named, or text when none is. */
    public LogFormat effectiveFormat() {
        LogFormat named = LogFormat.named(format);
        return named == null ? LogFormat.TEXT : named;
    }

    @Override
    public void start() {
        Encoder<ILoggingEvent> encoder = effectiveFormat() == LogFormat.JSON ? json() : text();
        encoder.setContext(getContext());
        encoder.start();
        delegate = encoder;
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return started().headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return started().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return started().footerBytes();
    }

    private Encoder<ILoggingEvent> started() {
        Encoder<ILoggingEvent> encoder = delegate;
        if (encoder == null) {
            throw new IllegalStateException("LogEncoder used before start()");
        }
        return encoder;
    }

    private static Encoder<ILoggingEvent> json() {
        LogstashEncoder encoder = new LogstashEncoder();
        // "level" says it; the numeric level_value only doubles it.
        encoder.getFieldNames().setLevelValue("[ignore]");
        return encoder;
    }

    private Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(pattern);
        return encoder;
    }
}
