package dev.wharf.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding of the {@code wharf.*} settings. */
class WharfPropertiesTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void bindWhenNothingIsSetShouldLeaveConfigDirUnsetAndUseDefaultDataDir() {
        runner.run(context -> {
            WharfProperties properties = context.getBean(WharfProperties.class);
            assertThat(properties.configDir()).isNull();
            assertThat(properties.dataDir()).isEqualTo(Path.of("wharf-data"));
        });
    }

    @Test
    void bindWhenBothAreSetShouldUseThem() {
        runner.withPropertyValues("wharf.config-dir=/etc/wharf", "wharf.data-dir=/var/lib/wharf")
                .run(context -> {
                    WharfProperties properties = context.getBean(WharfProperties.class);
                    assertThat(properties.configDir()).isEqualTo(Path.of("/etc/wharf"));
                    assertThat(properties.dataDir()).isEqualTo(Path.of("/var/lib/wharf"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WharfProperties.class)
    static class PropertiesConfiguration {}
}
