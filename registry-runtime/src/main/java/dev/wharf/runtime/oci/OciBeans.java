package dev.wharf.runtime.oci;

import dev.wharf.runtime.auth.Authenticator;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.SharedKeys;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.LoginThrottle;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.WebMetrics;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** The docker format's routes and what they need, with the upstream engine its proxy registries pull through. */
@Configuration(proxyBeanMethods = false)
class OciBeans {

    /**
     * The property holding the key that signs registry tokens (base64, at least 32 bytes), so that several replicas
     * accept each other's tokens; unset, they share a random one through the metadata database ({@link TokenSigningKey}).
     */
    static final String TOKEN_KEY_PROPERTY = "wharf.oci.token-key";

    private static final Duration TOKEN_REALM_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOKEN_REALM_TIMEOUT = Duration.ofSeconds(30);

    /** Docker's token dance for docker UpstreamProxies, with a realm that must answer within 30 seconds. */
    @Bean
    OciSetup ociSetup() {
        return new OciSetup();
    }

    @Bean
    OciUpstreamProtocol ociUpstreamProtocol() {
        HttpClient realm = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TOKEN_REALM_CONNECT_TIMEOUT.toMillis())
                .responseTimeout(TOKEN_REALM_TIMEOUT);
        return new OciUpstreamProtocol(new DockerTokenAuthenticator(WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(realm))
                .build()));
    }

    @Bean
    OciRows ociRows() {
        return new OciRows();
    }

    @Bean
    OciBlobLinks ociBlobLinks(MetadataDatabase database, AuditTrail audit, ObjectProvider<Clock> clock) {
        return new OciBlobLinks(database, audit, clock(clock));
    }

    @Bean
    OciUploads ociUploads(MetadataDatabase database, ObjectProvider<Clock> clock) {
        return new OciUploads(database, clock(clock));
    }

    @Bean
    OciManifests ociManifests(MetadataDatabase database, AuditTrail audit, ObjectProvider<Clock> clock) {
        return new OciManifests(database, audit, clock(clock));
    }

    @Bean(destroyMethod = "close")
    StaleUploads staleUploads(
            OciUploads uploads,
            ObjectProvider<Clock> clock,
            ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        return new StaleUploads(uploads, clock(clock), meters.getIfAvailable());
    }

    @Bean
    OciProtocolErrors ociProtocolErrors() {
        return new OciProtocolErrors();
    }

    @Bean
    OciModule ociModule(
            ServedRegistries registries,
            AccessGuard guard,
            LoginThrottle throttle,
            OciBlobLinks links,
            OciUploads uploads,
            OciManifests manifests,
            Packages packages,
            Versions versions,
            Tags tags,
            Files files,
            ReadPipeline reads,
            ApiTokenRepository apiTokens,
            WebMetrics metrics,
            UpstreamEngine engine,
            FileLookup fileLookup,
            SharedKeys sharedKeys,
            ObjectProvider<Clock> clockProvider,
            Environment environment) {
        Clock clock = clock(clockProvider);
        RegistryTokens tokens = new RegistryTokens(
                TokenSigningKey.resolve(environment.getProperty(TOKEN_KEY_PROPERTY), sharedKeys), clock);
        OciUpstreams upstreams = new OciUpstreams(engine);
        OciAccess access = new OciAccess(guard, tokens);
        return new OciModule(
                registries,
                access,
                guard,
                tokens,
                new TokenEndpoint(registries, new Authenticator(apiTokens, clock), throttle, tokens, clock),
                new BlobDownloads(links, metrics, upstreams, reads),
                new BlobUploads(uploads, links, new BlobMounts(links, registries, access), metrics),
                new ManifestPulls(
                        packages,
                        versions,
                        tags,
                        files,
                        reads,
                        metrics,
                        new ProxiedManifests(upstreams, links, manifests),
                        manifests,
                        fileLookup),
                new ManifestPushes(links, manifests, packages, versions, new ImmutableTags(packages, tags)),
                new Listings(packages, tags, manifests, upstreams),
                new Referrers(manifests));
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }
}
