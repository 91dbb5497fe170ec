package dev.wharf.runtime.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records every log event of a logger and its children, at every level, until closed. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previousLevel = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.TRACE);
    }

    /** Starts recording the loggers of the configuration package. */
    static LogCapture configPackage() {
        return new LogCapture(LogCapture.class.getPackageName());
    }

    /** Each event as one text: level, formatted message, key-value pairs, and the messages of its exception chain. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                line.append(' ').append(event.getKeyValuePairs());
            }
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                line.append(" caused by ")
                        .append(thrown.getClassName())
                        .append(": ")
                        .append(thrown.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        appender.stop();
    }
}
