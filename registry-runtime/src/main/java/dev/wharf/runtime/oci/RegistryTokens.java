package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokens of Docker's token authentication: short-lived access tokens holding who the caller is and the most it may
 * do per registry (as the core authorization decided when the token was issued), and longer-lived refresh tokens
 * holding only who the caller is. Both are {@code wharf-oci.<payload>.<HMAC-SHA256>}, signed with a key only this
 * runtime knows; they are never logged, and an error about one never repeats it.
 */
final class RegistryTokens {

    static final String PREFIX = "wharf-oci.";
    static final Duration ACCESS_LIFETIME = Duration.ofMinutes(5);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(1);

    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";
    private static final String HMAC = "HmacSHA256";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final SecretKeySpec key;
    private final Clock clock;

    /** Signs with {@code key}, which must have at least 32 bytes. */
    RegistryTokens(byte[] key, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the registry token key needs at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
        this.clock = clock;
    }

    /** An access token for {@code principal} allowing at most {@code access} (a role per registry name). */
    String issue(Principal principal, Map<String, Role> access) {
        Map<String, Object> payload = identity(principal, ACCESS, ACCESS_LIFETIME);
        Map<String, String> roles = new LinkedHashMap<>();
        access.forEach((registry, role) -> roles.put(registry, role.name()));
        payload.put("acc", roles);
        return sign(payload);
    }

    /**
     * A refresh token for {@code principal}, whose credentials were verified by the registries {@code verifiedIn}, from
     * which access tokens to those registries can be issued again without a password.
     */
    String issueRefresh(Principal principal, Set<String> verifiedIn) {
        Map<String, Object> payload = identity(principal, REFRESH, REFRESH_LIFETIME);
        payload.put("via", verifiedIn.stream().sorted().toList());
        return sign(payload);
    }

    /**
     * The caller of a request that presents an access token ({@code Authorization: Bearer wharf-oci....}), as a token
     * principal limited to what the token allows in {@code registry} (anonymous for a token issued without
     * credentials); empty when the request presents no such token.
     *
     * @throws OciException UNAUTHORIZED when the token is forged, damaged, expired or not an access token
     */
    Optional<Principal> principal(ServerRequest request, String registry) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).strip();
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, Object> payload = verify(token, ACCESS);
        if (Principal.Kind.ANONYMOUS.name().equals(payload.get("kind"))) {
            return Optional.of(Principal.ANONYMOUS);
        }
        Role role = roles(payload.get("acc")).get(registry);
        Map<String, Role> scopes = role == null ? Map.of() : Map.of(registry, role);
        return Optional.of(new Principal(name(payload), strings(payload.get("grp")), Principal.Kind.TOKEN, scopes));
    }

    /**
     * The caller a refresh token was issued to, and the registries that verified its credentials.
     *
     * @throws OciException UNAUTHORIZED when the token is forged, damaged, expired or not a refresh token
     */
    Refreshed refresh(String token) {
        Map<String, Object> payload = verify(token, REFRESH);
        Principal.Kind kind = Principal.Kind.valueOf(String.valueOf(payload.get("kind")));
        if (kind == Principal.Kind.ANONYMOUS) {
            throw invalid("a refresh token is never issued to an anonymous caller");
        }
        return new Refreshed(
                new Principal(name(payload), strings(payload.get("grp")), kind, roles(payload.get("lim"))),
                strings(payload.get("via")));
    }

    /**
     * The identity a refresh token holds.
     *
     * @param principal the caller
     * @param verifiedIn the registries whose users or tokens verified the caller's credentials
     */
    record Refreshed(Principal principal, Set<String> verifiedIn) {}

    private Map<String, Object> identity(Principal principal, String type, Duration lifetime) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("typ", type);
        payload.put("sub", principal.name());
        payload.put("kind", principal.kind().name());
        payload.put("grp", principal.groups().stream().sorted().toList());
        Map<String, String> limits = new LinkedHashMap<>();
        principal.tokenScopes().forEach((registry, role) -> limits.put(registry, role.name()));
        payload.put("lim", limits);
        payload.put("exp", clock.instant().plus(lifetime).getEpochSecond());
        return payload;
    }

    private String sign(Map<String, Object> payload) {
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(payload));
        return PREFIX + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    private Map<String, Object> verify(String token, String type) {
        if (!token.startsWith(PREFIX)) {
            throw invalid("the token was not issued by this registry; log in again");
        }
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            throw invalid("the token is damaged; log in again");
        }
        String body = rest.substring(0, dot);
        byte[] signature;
        Map<String, Object> payload;
        try {
            signature = Base64.getUrlDecoder().decode(rest.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(body))) {
                throw invalid("the token's signature is not valid (it was changed, or issued before the runtime"
                        + " restarted); log in again");
            }
            payload = JSON.readValue(Base64.getUrlDecoder().decode(body), OBJECT);
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid("the token is damaged; log in again");
        }
        if (!type.equals(payload.get("typ"))) {
            throw invalid("the token is not an " + type + " token");
        }
        Object expires = payload.get("exp");
        if (!(expires instanceof Number number)
                || number.longValue() <= clock.instant().getEpochSecond()) {
            throw invalid("the " + type + " token has expired; get a new one from the token endpoint");
        }
        return payload;
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String name(Map<String, Object> payload) {
        return String.valueOf(payload.get("sub"));
    }

    private static Set<String> strings(@Nullable Object value) {
        Set<String> strings = new LinkedHashSet<>();
        if (value instanceof Iterable<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }

    private static Map<String, Role> roles(@Nullable Object value) {
        Map<String, Role> roles = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((registry, role) -> roles.put(
                    String.valueOf(registry), Role.valueOf(String.valueOf(role).toUpperCase(Locale.ROOT))));
        }
        return roles;
    }

    private static OciException invalid(String message) {
        return new OciException(OciError.UNAUTHORIZED, message);
    }
}
