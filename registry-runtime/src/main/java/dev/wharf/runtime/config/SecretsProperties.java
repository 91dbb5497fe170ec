package dev.wharf.runtime.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where mounted Secrets are read, under {@code wharf.secrets.*}.
 *
 * @param dir Directory of mounted Secrets, one sub-directory per Secret and one file per key
 *     ({@code <dir>/<secretName>/<key>}), as the operator mounts them. Secret manifests in the configuration directory
 *     are looked up first.
 */
@ConfigurationProperties("wharf.secrets")
public record SecretsProperties(
        @DefaultValue("/var/run/wharf/secrets") Path dir) {}
