package dev.wharf.api.v1alpha1.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where an upstream is, how to authenticate to it, how long to trust what it said, and which names it may serve. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.url) || !self.url.matches('^https?://[^/]*@')",
        message = "spec.url must not carry credentials (user:password@host): put them in a Secret and name it in"
                + " spec.credentialsSecret")
public record UpstreamProxySpec(
        @Required
        @JsonPropertyDescription(
                "The package format the upstream speaks; a Registry may only use UpstreamProxies of its own"
                        + " format.")
        Format format,

        @Required
        @Size(max = Patterns.URL_MAX) @Pattern(Patterns.HTTP_URL) @JsonPropertyDescription(
                "The upstream's base URL, such as https://registry.npmjs.org, https://repo.maven.apache.org/maven2,"
                        + " https://pypi.org or https://registry-1.docker.io.")
        String url,

        @Size(max = Patterns.SECRET_NAME_MAX) @Pattern(Patterns.SECRET_NAME) @JsonPropertyDescription("Secret in this namespace with keys 'username' and 'password', or 'token' for bearer"
                + " authentication. Sent only to the upstream's own host, never on a redirect elsewhere.")
        @Nullable String credentialsSecret,

        @JsonPropertyDescription("How long cached answers are trusted.") @Nullable Cache cache,

        @JsonPropertyDescription("When to stop asking an upstream that keeps failing, and when to try it again.")
        @Nullable CircuitBreaker circuitBreaker,

        @JsonPropertyDescription("How long to wait for the upstream.") @Nullable Timeouts timeouts,

        @Size(max = 256) @JsonPropertyDescription(
                "Anchored globs of package names this upstream may serve, such as '@acme/*' or 'org.acme.*'."
                        + " Unset or empty means every name. Block wins over allow.")
        @Nullable List<@Size(max = Patterns.GLOB_MAX) @Pattern(Patterns.GLOB) String> allow,

        @Size(max = 256) @JsonPropertyDescription(
                "Anchored globs of package names never fetched from this upstream, which stops dependency"
                        + " confusion for internal names.")
        @Nullable List<@Size(max = Patterns.GLOB_MAX) @Pattern(Patterns.GLOB) String> block,

        @JsonPropertyDescription("Serve only what is already cached and never contact the upstream. Unset means false.")
        @Nullable Boolean offline,

        @Size(max = 64) @JsonPropertyDescription(
                "Hosts besides the upstream's own that its documents may point files at, as anchored globs such as"
                        + " 'files.pythonhosted.org' or '*.cloudfront.net' (a host name, no scheme or port). A file"
                        + " URL on any other host is refused, so that a document cannot make Wharf fetch from an"
                        + " internal address. Credentials are never sent to these hosts. Unset means the"
                        + " upstream's own host only.")
        @Nullable List<@Size(max = 253) @Pattern(Patterns.HOST_GLOB) String> fileHosts) {

    /** The same spec without file hosts, as most upstreams have it. */
    public UpstreamProxySpec(
            Format format,
            String url,
            @Nullable String credentialsSecret,
            @Nullable Cache cache,
            @Nullable CircuitBreaker circuitBreaker,
            @Nullable Timeouts timeouts,
            @Nullable List<String> allow,
            @Nullable List<String> block,
            @Nullable Boolean offline) {
        this(format, url, credentialsSecret, cache, circuitBreaker, timeouts, allow, block, offline, null);
    }
}
