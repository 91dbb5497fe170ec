package dev.wharf.runtime.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises the Wharf operator reading {@code GET /api/v1/status}: a Bearer credential equal to the content of the
 * file {@code wharf.status.credential-file}, which the operator generates per Registry, keeps in a Secret and mounts
 * into the pods. The file is read on every check, so a rotated Secret is honoured as soon as the kubelet updates the
 * mount. The credential is compared in constant time and never logged; it grants reading the status and nothing else.
 */
public final class StatusReader {

    /** The caller the credential stands for: a token owner with no scope in any registry. */
    public static final Principal OPERATOR = Principal.token("wharf-operator", Set.of(), Map.of());

    /** Fewer characters than this cannot be a generated credential; such a file is ignored. */
    static final int MIN_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(StatusReader.class);
    private static final String BEARER = "bearer ";

    private final @Nullable Path credentialFile;

    /** @param credentialFile the mounted credential; null when the runtime runs without the operator */
    public StatusReader(@Nullable Path credentialFile) {
        this.credentialFile = credentialFile;
    }

    /** The operator, when the header presents the status credential; empty for any other header or none. */
    public Optional<Principal> recognise(@Nullable String authorizationHeader) {
        if (credentialFile == null
                || authorizationHeader == null
                || authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        Optional<String> expected = expected(credentialFile);
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented =
                authorizationHeader.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, expected.get().getBytes(StandardCharsets.UTF_8))
                ? Optional.of(OPERATOR)
                : Optional.empty();
    }

    private static Optional<String> expected(Path file) {
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.length() < MIN_LENGTH) {
                log.warn(
                        "The status credential file {} holds {} characters, fewer than {}: it is ignored, and the"
                                + " operator cannot read /api/v1/status",
                        file,
                        value.length(),
                        MIN_LENGTH);
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (IOException e) {
            log.warn(
                    "Cannot read the status credential file {} ({}): the operator cannot read /api/v1/status",
                    file,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
