package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.auth.LoginDelays;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class FailedLoginPropertiesTest {

    @Test
    void bindWhenNothingIsSetShouldGiveThreeFreeFailuresThenOneSecondDoublingToThirty() {
        FailedLoginProperties properties = bind(Map.of());

        assertThat(properties.enabled()).isTrue();
        assertThat(properties.delays())
                .isEqualTo(new LoginDelays(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1)));
    }

    @Test
    void bindWhenMaxDelayIsBelowTheFirstShouldThrowExceptionNamingBoth() {
        assertThatThrownBy(() -> bind(Map.of(
                        "wharf.auth.failed-logins.first-delay", "10s", "wharf.auth.failed-logins.max-delay", "5s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("max-delay (PT5S) must be at least first-delay (PT10S)");
    }

    private static FailedLoginProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("wharf.auth.failed-logins", FailedLoginProperties.class);
    }
}
