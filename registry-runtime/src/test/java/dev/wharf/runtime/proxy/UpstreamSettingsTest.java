package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.upstream.Cache;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxySpec;
import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamSettingsTest {

    private static ConfiguredUpstreamProxy proxy(String url, Cache cache) {
        return new ConfiguredUpstreamProxy(
                "central", new UpstreamProxySpec(Format.MAVEN, url, null, cache, null, null, null, null, null));
    }

    @Test
    void ofWhenNothingIsSetShouldApplyTheDocumentedDefaults() {
        UpstreamSettings settings = UpstreamSettings.of(proxy("https://repo.example/maven2/", null));
        assertThat(settings.base()).isEqualTo(URI.create("https://repo.example/maven2"));
        assertThat(settings.metadataTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.negativeTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.maxStale()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.failures()).isEqualTo(5);
        assertThat(settings.openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.offline()).isFalse();
    }

    @Test
    void resolveShouldKeepTheBasePath() {
        UpstreamSettings settings = UpstreamSettings.of(proxy("https://repo.example/maven2", null));
        assertThat(settings.resolve("/org/acme/a/1.0/a-1.0.jar"))
                .isEqualTo(URI.create("https://repo.example/maven2/org/acme/a/1.0/a-1.0.jar"));
    }

    @Test
    void sameOriginShouldCompareSchemeHostAndPort() {
        UpstreamSettings settings = UpstreamSettings.of(proxy("https://registry.example", null));
        assertThat(settings.sameOrigin(URI.create("https://REGISTRY.example:443/v2/")))
                .isTrue();
        assertThat(settings.sameOrigin(URI.create("http://registry.example/v2/")))
                .isFalse();
        assertThat(settings.sameOrigin(URI.create("https://registry.example:8443/v2/")))
                .isFalse();
        assertThat(settings.sameOrigin(URI.create("https://cdn.example/blob"))).isFalse();
    }

    @Test
    void ofWhenADurationIsWrongShouldNameItsField() {
        assertThatThrownBy(() -> UpstreamSettings.of(proxy("https://r.example", new Cache("soon", null, null))))
                .hasMessageStartingWith("spec.cache.metadataTTL is 'soon'");
    }
}
