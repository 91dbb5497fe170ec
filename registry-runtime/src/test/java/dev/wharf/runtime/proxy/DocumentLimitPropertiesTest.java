package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The document limits come from {@code wharf.proxy.documents.*}, with the defaults for those unset. */
class DocumentLimitPropertiesTest {

    @Test
    void limitsWhenNothingIsSetShouldBeTheDefaults() {
        assertThat(ProxyBeans.limits(environment(Map.of()))).isEqualTo(CacheLimits.DEFAULT);
    }

    @Test
    void limitsShouldReadEachProperty() {
        StandardEnvironment environment = environment(Map.of(
                "wharf.proxy.documents.max-bytes", "1048576",
                "wharf.proxy.documents.memory-bytes", "8388608",
                "wharf.proxy.documents.persisted-bytes", "16777216"));

        assertThat(ProxyBeans.limits(environment)).isEqualTo(new CacheLimits(1 << 20, 8L << 20, 16L << 20));
    }

    @Test
    void limitsWhenTheTotalCannotHoldTheLargestDocumentShouldNameTheProperties() {
        StandardEnvironment environment = environment(
                Map.of("wharf.proxy.documents.max-bytes", "1048576", "wharf.proxy.documents.persisted-bytes", "1000"));

        assertThatThrownBy(() -> ProxyBeans.limits(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wharf.proxy.documents.max-bytes, wharf.proxy.documents.memory-bytes and"
                        + " wharf.proxy.documents.persisted-bytes do not fit: the persisted documents (1000 bytes) must"
                        + " hold at least one document of the largest size (1048576 bytes)");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
