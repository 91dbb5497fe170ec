package dev.wharf.operator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The operator's settings, read from environment variables (a Deployment sets them; nothing is read from files).
 *
 * <ul>
 *   <li>{@code WHARF_NAMESPACES}: the namespaces whose Wharf resources the operator watches, comma-separated, such as
 *       {@code artifacts,ci}. Unset or empty watches every namespace.
 *   <li>{@code WHARF_HEALTH_PORT}: the port serving {@code /healthz}, {@code /readyz} and {@code /metrics}. Default
 *       {@value #DEFAULT_HEALTH_PORT}.
 *   <li>{@code WHARF_LEADER_ELECTION}: {@code true} or {@code false}: whether replicas elect one leader through a
 *       Lease, so only one reconciles. Default {@code true} in a cluster (when {@code KUBERNETES_SERVICE_HOST} is
 *       set), {@code false} elsewhere.
 *   <li>{@code WHARF_LEASE_NAME}: the name of that Lease. Default {@value #DEFAULT_LEASE_NAME}.
 *   <li>{@code WHARF_LEASE_NAMESPACE}: the namespace of that Lease. Default: the operator's own namespace.
 *   <li>{@code WHARF_STATUS_INTERVAL_SECONDS}: the least time between two reads of a Registry's runtime status
 *       (artifacts, storage, upstream health), from 1 to 3600. Default {@value #DEFAULT_STATUS_INTERVAL_SECONDS}.
 *   <li>{@code WHARF_UPGRADE_BATCH} and {@code WHARF_UPGRADE_WINDOW_SECONDS}: an operator upgrade that renders new pod
 *       templates rolls at most this many Registries (1 to 1000, default 5) in any window of this many seconds (1 to
 *       3600, default 60); a change of a Registry itself rolls at once.
 *   <li>{@code WHARF_LOG_FORMAT}: {@code text} (default) or {@code json}, one JSON object per line. {@code
 *       logback.xml} hands it to {@link LogEncoder}, which falls back to text; it is checked here so that a typo
 *       is reported.
 * </ul>
 *
 * @param namespaces the namespaces to watch, sorted and without duplicates; empty means every namespace
 * @param healthPort the port of the health and metrics endpoints
 * @param leaderElection whether to take part in leader election before reconciling
 * @param leaseName the name of the leader election Lease
 * @param leaseNamespace the namespace of the leader election Lease, or null for the operator's own namespace
 * @param logFormat how log lines are written
 * @param statusInterval the least time between two reads of the same runtime's status
 * @param upgradeBatch the most Registries an operator upgrade rolls in one window
 * @param upgradeWindow that window
 */
public record OperatorSettings(
        List<String> namespaces,
        int healthPort,
        boolean leaderElection,
        String leaseName,
        @Nullable String leaseNamespace,
        LogFormat logFormat,
        Duration statusInterval,
        int upgradeBatch,
        Duration upgradeWindow) {

    public static final String NAMESPACES = "WHARF_NAMESPACES";
    public static final String HEALTH_PORT = "WHARF_HEALTH_PORT";
    public static final String LEADER_ELECTION = "WHARF_LEADER_ELECTION";
    public static final String LEASE_NAME = "WHARF_LEASE_NAME";
    public static final String LEASE_NAMESPACE = "WHARF_LEASE_NAMESPACE";
    public static final String LOG_FORMAT = "WHARF_LOG_FORMAT";
    public static final String STATUS_INTERVAL_SECONDS = "WHARF_STATUS_INTERVAL_SECONDS";
    public static final String UPGRADE_BATCH = "WHARF_UPGRADE_BATCH";
    public static final String UPGRADE_WINDOW_SECONDS = "WHARF_UPGRADE_WINDOW_SECONDS";

    /** Set by the kubelet in every pod: its presence means the operator runs in a cluster. */
    static final String IN_CLUSTER_MARKER = "KUBERNETES_SERVICE_HOST";

    public static final int DEFAULT_HEALTH_PORT = 8081;
    public static final String DEFAULT_LEASE_NAME = "wharf-operator";
    public static final int DEFAULT_STATUS_INTERVAL_SECONDS = 60;
    private static final int STATUS_INTERVAL_MAX_SECONDS = 3600;

    /** A DNS-1123 label: a namespace name. */
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    private static final int LABEL_MAX = 63;

    /** A DNS-1123 subdomain: the name of a Lease. */
    private static final Pattern SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private static final int SUBDOMAIN_MAX = 253;

    public OperatorSettings {
        namespaces = List.copyOf(namespaces);
    }

    /** Whether the operator watches every namespace rather than a list. */
    public boolean watchesAllNamespaces() {
        return namespaces.isEmpty();
    }

    /**
     * Reads the settings from environment variables, applying the defaults above.
     *
     * @param environment the variables, usually {@code System.getenv()}
     * @return the settings
     * @throws IllegalArgumentException naming the variable and its value when one is not valid
     */
    public static OperatorSettings parse(Map<String, String> environment) {
        boolean inCluster = !valueOf(environment, IN_CLUSTER_MARKER).isEmpty();
        String leaseNamespace = valueOf(environment, LEASE_NAMESPACE);
        return new OperatorSettings(
                parseNamespaces(valueOf(environment, NAMESPACES)),
                parsePort(valueOf(environment, HEALTH_PORT)),
                parseBoolean(LEADER_ELECTION, valueOf(environment, LEADER_ELECTION), inCluster),
                parseName(LEASE_NAME, valueOf(environment, LEASE_NAME), DEFAULT_LEASE_NAME, SUBDOMAIN, SUBDOMAIN_MAX),
                leaseNamespace.isEmpty() ? null : parseName(LEASE_NAMESPACE, leaseNamespace, "", LABEL, LABEL_MAX),
                parseLogFormat(valueOf(environment, LOG_FORMAT)),
                parseStatusInterval(valueOf(environment, STATUS_INTERVAL_SECONDS)),
                parseCount(UPGRADE_BATCH, valueOf(environment, UPGRADE_BATCH), 5, 1000),
                Duration.ofSeconds(parseCount(
                        UPGRADE_WINDOW_SECONDS,
                        valueOf(environment, UPGRADE_WINDOW_SECONDS),
                        60,
                        STATUS_INTERVAL_MAX_SECONDS)));
    }

    private static int parseCount(String variable, String value, int defaultValue, int max) {
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 1 && count <= max) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(
                variable + " must be a number from 1 to " + max + ", but was '" + value + "'");
    }

    private static String valueOf(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null ? "" : value.strip();
    }

    private static List<String> parseNamespaces(String value) {
        return Arrays.stream(value.split(",", -1))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> parseName(NAMESPACES, name, "", LABEL, LABEL_MAX))
                .distinct()
                .sorted()
                .toList();
    }

    private static String parseName(String variable, String value, String defaultValue, Pattern pattern, int max) {
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.length() > max || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(variable + " must hold Kubernetes names (lower-case letters, digits"
                    + " and '-', at most " + max + " characters), but '" + value + "' is not one");
        }
        return value;
    }

    private static int parsePort(String value) {
        if (value.isEmpty()) {
            return DEFAULT_HEALTH_PORT;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(
                HEALTH_PORT + " must be a port number from 1 to 65535, but was '" + value + "'");
    }

    private static Duration parseStatusInterval(String value) {
        if (value.isEmpty()) {
            return Duration.ofSeconds(DEFAULT_STATUS_INTERVAL_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 1 && seconds <= STATUS_INTERVAL_MAX_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(STATUS_INTERVAL_SECONDS + " must be a number of seconds from 1 to "
                + STATUS_INTERVAL_MAX_SECONDS + ", but was '" + value + "'");
    }

    private static boolean parseBoolean(String variable, String value, boolean defaultValue) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "" -> defaultValue;
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(variable + " must be true or false, but was '" + value + "'");
        };
    }

    private static LogFormat parseLogFormat(String value) {
        LogFormat format = LogFormat.named(value);
        if (format == null) {
            throw new IllegalArgumentException(LOG_FORMAT + " must be text or json, but was '" + value + "'");
        }
        return format;
    }
}
