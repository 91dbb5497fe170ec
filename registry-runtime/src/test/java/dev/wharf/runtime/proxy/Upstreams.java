package dev.wharf.runtime.proxy;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.upstream.Cache;
import dev.wharf.api.v1alpha1.upstream.CircuitBreaker;
import dev.wharf.api.v1alpha1.upstream.Timeouts;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxySpec;
import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** UpstreamProxies for tests: short timeouts and a breaker that opens after 3 failures, each changeable. */
public record Upstreams(
        String name,
        String url,
        @Nullable String credentialsSecret,
        Cache cache,
        CircuitBreaker breaker,
        Timeouts timeouts,
        @Nullable List<String> allow,
        @Nullable List<String> block,
        boolean offline,
        @Nullable List<String> fileHosts) {

    public static Upstreams upstream(String name, FakeUpstream server) {
        return new Upstreams(
                name,
                server.url(),
                null,
                new Cache("10m", "1m", "7d"),
                new CircuitBreaker(3, "30s"),
                new Timeouts("2s", "2s"),
                null,
                null,
                false,
                null);
    }

    public Upstreams credentials(String secret) {
        return new Upstreams(name, url, secret, cache, breaker, timeouts, allow, block, offline, fileHosts);
    }

    public Upstreams cache(String metadataTtl, String negativeTtl, String maxStale) {
        return new Upstreams(
                name,
                url,
                credentialsSecret,
                new Cache(metadataTtl, negativeTtl, maxStale),
                breaker,
                timeouts,
                allow,
                block,
                offline,
                fileHosts);
    }

    Upstreams breaker(int failures, String openFor) {
        return new Upstreams(
                name,
                url,
                credentialsSecret,
                cache,
                new CircuitBreaker(failures, openFor),
                timeouts,
                allow,
                block,
                offline,
                fileHosts);
    }

    Upstreams responseTimeout(String response) {
        return new Upstreams(
                name,
                url,
                credentialsSecret,
                cache,
                breaker,
                new Timeouts("2s", response),
                allow,
                block,
                offline,
                fileHosts);
    }

    Upstreams names(@Nullable List<String> allowed, @Nullable List<String> blocked) {
        return new Upstreams(
                name, url, credentialsSecret, cache, breaker, timeouts, allowed, blocked, offline, fileHosts);
    }

    Upstreams asOffline() {
        return new Upstreams(name, url, credentialsSecret, cache, breaker, timeouts, allow, block, true, fileHosts);
    }

    Upstreams fileHosts(List<String> hosts) {
        return new Upstreams(name, url, credentialsSecret, cache, breaker, timeouts, allow, block, offline, hosts);
    }

    ConfiguredUpstreamProxy configured() {
        return new ConfiguredUpstreamProxy(
                name,
                new UpstreamProxySpec(
                        Format.DOCKER,
                        url,
                        credentialsSecret,
                        cache,
                        breaker,
                        timeouts,
                        allow,
                        block,
                        offline,
                        fileHosts));
    }
}
