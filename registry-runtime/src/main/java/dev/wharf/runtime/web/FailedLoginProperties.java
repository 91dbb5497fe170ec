package dev.wharf.runtime.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed password checks are throttled, under {@code wharf.auth.failed-logins.*}.
 *
 * @param limit The failed password checks allowed for one user from one client address before further checks are
 *     refused with 429; 0 turns the throttle off.
 * @param lockout How long after the last failed check that user stays refused from that address.
 */
@ConfigurationProperties("wharf.auth.failed-logins")
public record FailedLoginProperties(
        @DefaultValue("10") int limit, @DefaultValue("5m") Duration lockout) {}
