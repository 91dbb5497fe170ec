package dev.wharf.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Secrets mounted as files, {@code <dir>/<secretName>/<key>}, the way the operator mounts each referenced Secret. A
 * value is read on every call, so a Secret the kubelet rotated (an atomic swap of the mount's {@code ..data} link) is
 * seen at once. Names are checked against the Kubernetes patterns before they touch the filesystem.
 */
final class MountedSecrets implements SecretResolver {

    /** A Secret's name: a DNS subdomain, which cannot contain {@code /} or {@code ..}. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    /** A Secret's key, as the API server allows it. */
    private static final Pattern KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

    /** The most a Secret can hold. */
    private static final long MAX_VALUE_BYTES = 1024 * 1024;

    /** A bound on the names listed for the fingerprint, so a huge directory cannot stall a re-scan. */
    private static final int MAX_LISTED = 10_000;

    private final Path directory;

    MountedSecrets(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> resolve(String secretName, String key) {
        if (!isSecretName(secretName) || !KEY.matcher(key).matches() || key.startsWith(".")) {
            return Optional.empty();
        }
        Path file = directory.resolve(secretName).resolve(key);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_VALUE_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String secretName) {
        return isSecretName(secretName) && Files.isDirectory(directory.resolve(secretName));
    }

    /**
     * The {@code secretName/key} names present now, never the values: part of the configuration's fingerprint, so a
     * Secret mounted after a Registry that names it is noticed by the next re-scan.
     */
    List<String> listing() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return names;
        }
        try (Stream<Path> secrets = Files.list(directory)) {
            for (Path secret : secrets.sorted().limit(MAX_LISTED).toList()) {
                String secretName = secret.getFileName().toString();
                if (isSecretName(secretName) && Files.isDirectory(secret)) {
                    try (Stream<Path> keys = Files.list(secret)) {
                        keys.map(key -> key.getFileName().toString())
                                .filter(key -> !key.startsWith("."))
                                .sorted()
                                .limit(MAX_LISTED)
                                .forEach(key -> names.add(secretName + "/" + key));
                    }
                }
            }
        } catch (IOException e) {
            names.add("unreadable: " + e.getClass().getSimpleName());
        }
        return names;
    }

    private static boolean isSecretName(String name) {
        return name.length() <= 253 && SECRET_NAME.matcher(name).matches();
    }

    @Override
    public String describe() {
        return "files mounted as " + directory + "/<secret>/<key>";
    }

    @Override
    public String toString() {
        return "MountedSecrets[" + directory + "]";
    }
}
