package dev.wharf.runtime.setup;

import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ServedRegistries;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Setup Client's handler, with every format's {@link FormatSetup}. */
@Configuration(proxyBeanMethods = false)
class SetupBeans {

    @Bean
    SetupApi setupApi(
            ServedRegistries registries,
            AccessGuard guard,
            ApiTokenRepository tokens,
            AuditTrail trail,
            ObjectProvider<FormatSetup> formats,
            ObjectProvider<Clock> clock) {
        return new SetupApi(
                registries,
                guard,
                new SetupTokens(tokens, trail, clock.getIfAvailable(Clock::systemUTC)),
                formats.orderedStream().toList());
    }
}
