package dev.wharf.runtime.setup;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The answer of Setup Client.
 *
 * @param token the token minted for this answer, shown once; absent without {@code ?token=new}
 */
record SetupView(
        String registry,
        String format,
        String url,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Token token,
        List<ClientSetup.Command> login,
        List<ClientSetup.Command> push,
        List<ClientSetup.Command> pull,
        List<ClientSetup.ConfigFile> configuration) {

    /** A token minted for the setup. */
    record Token(long id, String token, String role, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[id=" + id + ", role=" + role + ", expiresAt=" + expiresAt + "]";
        }
    }

    static SetupView of(ServedRegistry registry, ClientSetup setup, SetupTokens.@Nullable Minted minted) {
        Token token = minted == null
                ? null
                : new Token(
                        minted.id(), minted.token(), minted.role().name().toLowerCase(Locale.ROOT), minted.expiresAt());
        return new SetupView(
                registry.name(),
                registry.format().id(),
                setup.url(),
                token,
                setup.login(),
                setup.push(),
                setup.pull(),
                setup.configuration());
    }

    /** Without the token's value: Spring's codecs log what they encode. */
    @Override
    public String toString() {
        return "SetupView[registry=" + registry + ", format=" + format + ", token=" + token + "]";
    }
}
