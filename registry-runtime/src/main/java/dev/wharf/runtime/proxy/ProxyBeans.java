package dev.wharf.runtime.proxy;

import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.Files;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** The upstream engine every format shares, with Docker-style token authentication for any upstream that asks. */
@Configuration(proxyBeanMethods = false)
class ProxyBeans {

    private static final Duration TOKEN_REALM_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    UpstreamEngine upstreamEngine(
            ConfigurationStore configuration,
            Files files,
            DownloadCounter downloads,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        HttpClient realm = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) UpstreamSettings.DEFAULT_CONNECT.toMillis())
                .responseTimeout(TOKEN_REALM_TIMEOUT);
        return new UpstreamEngine(
                files,
                downloads,
                () -> configuration.current().secrets(),
                new BearerTokenAuthenticator(WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(realm))
                        .build()),
                CacheLimits.DEFAULT,
                clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable());
    }
}
