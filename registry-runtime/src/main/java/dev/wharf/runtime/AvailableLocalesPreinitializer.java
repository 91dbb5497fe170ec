package dev.wharf.runtime;

import java.util.Locale;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Has the JVM list its available locales on Spring Boot's background pre-initialization thread. Spring's message
 * source support asks for that list when the context is refreshed, and the first call builds it from the locale data
 * (about a twelfth of a second on a small machine); begun when the environment is ready, it is done by then.
 * Registered in {@code META-INF/spring.factories}.
 */
final class AvailableLocalesPreinitializer implements BackgroundPreinitializer {

    @Override
    public void preinitialize() {
        var unused = Locale.getAvailableLocales();
    }
}
